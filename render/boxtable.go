package render

// boxArms holds the weights of the left, up, right and down arms of each
// box-drawing character U+2500–U+257F (armNone, armLight, armHeavy,
// armDouble), derived from the Unicode character names.
var boxArms = [128][4]uint8{
	0x2500 - 0x2500: {1, 0, 1, 0}, // ─ light horizontal
	0x2501 - 0x2500: {2, 0, 2, 0}, // ━ heavy horizontal
	0x2502 - 0x2500: {0, 1, 0, 1}, // │ light vertical
	0x2503 - 0x2500: {0, 2, 0, 2}, // ┃ heavy vertical
	0x2504 - 0x2500: {1, 0, 1, 0}, // ┄ light triple dash horizontal
	0x2505 - 0x2500: {2, 0, 2, 0}, // ┅ heavy triple dash horizontal
	0x2506 - 0x2500: {0, 1, 0, 1}, // ┆ light triple dash vertical
	0x2507 - 0x2500: {0, 2, 0, 2}, // ┇ heavy triple dash vertical
	0x2508 - 0x2500: {1, 0, 1, 0}, // ┈ light quadruple dash horizontal
	0x2509 - 0x2500: {2, 0, 2, 0}, // ┉ heavy quadruple dash horizontal
	0x250A - 0x2500: {0, 1, 0, 1}, // ┊ light quadruple dash vertical
	0x250B - 0x2500: {0, 2, 0, 2}, // ┋ heavy quadruple dash vertical
	0x250C - 0x2500: {0, 0, 1, 1}, // ┌ light down and right
	0x250D - 0x2500: {0, 0, 2, 1}, // ┍ down light and right heavy
	0x250E - 0x2500: {0, 0, 1, 2}, // ┎ down heavy and right light
	0x250F - 0x2500: {0, 0, 2, 2}, // ┏ heavy down and right
	0x2510 - 0x2500: {1, 0, 0, 1}, // ┐ light down and left
	0x2511 - 0x2500: {2, 0, 0, 1}, // ┑ down light and left heavy
	0x2512 - 0x2500: {1, 0, 0, 2}, // ┒ down heavy and left light
	0x2513 - 0x2500: {2, 0, 0, 2}, // ┓ heavy down and left
	0x2514 - 0x2500: {0, 1, 1, 0}, // └ light up and right
	0x2515 - 0x2500: {0, 1, 2, 0}, // ┕ up light and right heavy
	0x2516 - 0x2500: {0, 2, 1, 0}, // ┖ up heavy and right light
	0x2517 - 0x2500: {0, 2, 2, 0}, // ┗ heavy up and right
	0x2518 - 0x2500: {1, 1, 0, 0}, // ┘ light up and left
	0x2519 - 0x2500: {2, 1, 0, 0}, // ┙ up light and left heavy
	0x251A - 0x2500: {1, 2, 0, 0}, // ┚ up heavy and left light
	0x251B - 0x2500: {2, 2, 0, 0}, // ┛ heavy up and left
	0x251C - 0x2500: {0, 1, 1, 1}, // ├ light vertical and right
	0x251D - 0x2500: {0, 1, 2, 1}, // ┝ vertical light and right heavy
	0x251E - 0x2500: {0, 2, 1, 1}, // ┞ up heavy and right down light
	0x251F - 0x2500: {0, 1, 1, 2}, // ┟ down heavy and right up light
	0x2520 - 0x2500: {0, 2, 1, 2}, // ┠ vertical heavy and right light
	0x2521 - 0x2500: {0, 2, 2, 1}, // ┡ down light and right up heavy
	0x2522 - 0x2500: {0, 1, 2, 2}, // ┢ up light and right down heavy
	0x2523 - 0x2500: {0, 2, 2, 2}, // ┣ heavy vertical and right
	0x2524 - 0x2500: {1, 1, 0, 1}, // ┤ light vertical and left
	0x2525 - 0x2500: {2, 1, 0, 1}, // ┥ vertical light and left heavy
	0x2526 - 0x2500: {1, 2, 0, 1}, // ┦ up heavy and left down light
	0x2527 - 0x2500: {1, 1, 0, 2}, // ┧ down heavy and left up light
	0x2528 - 0x2500: {1, 2, 0, 2}, // ┨ vertical heavy and left light
	0x2529 - 0x2500: {2, 2, 0, 1}, // ┩ down light and left up heavy
	0x252A - 0x2500: {2, 1, 0, 2}, // ┪ up light and left down heavy
	0x252B - 0x2500: {2, 2, 0, 2}, // ┫ heavy vertical and left
	0x252C - 0x2500: {1, 0, 1, 1}, // ┬ light down and horizontal
	0x252D - 0x2500: {2, 0, 1, 1}, // ┭ left heavy and right down light
	0x252E - 0x2500: {1, 0, 2, 1}, // ┮ right heavy and left down light
	0x252F - 0x2500: {2, 0, 2, 1}, // ┯ down light and horizontal heavy
	0x2530 - 0x2500: {1, 0, 1, 2}, // ┰ down heavy and horizontal light
	0x2531 - 0x2500: {2, 0, 1, 2}, // ┱ right light and left down heavy
	0x2532 - 0x2500: {1, 0, 2, 2}, // ┲ left light and right down heavy
	0x2533 - 0x2500: {2, 0, 2, 2}, // ┳ heavy down and horizontal
	0x2534 - 0x2500: {1, 1, 1, 0}, // ┴ light up and horizontal
	0x2535 - 0x2500: {2, 1, 1, 0}, // ┵ left heavy and right up light
	0x2536 - 0x2500: {1, 1, 2, 0}, // ┶ right heavy and left up light
	0x2537 - 0x2500: {2, 1, 2, 0}, // ┷ up light and horizontal heavy
	0x2538 - 0x2500: {1, 2, 1, 0}, // ┸ up heavy and horizontal light
	0x2539 - 0x2500: {2, 2, 1, 0}, // ┹ right light and left up heavy
	0x253A - 0x2500: {1, 2, 2, 0}, // ┺ left light and right up heavy
	0x253B - 0x2500: {2, 2, 2, 0}, // ┻ heavy up and horizontal
	0x253C - 0x2500: {1, 1, 1, 1}, // ┼ light vertical and horizontal
	0x253D - 0x2500: {2, 1, 1, 1}, // ┽ left heavy and right vertical light
	0x253E - 0x2500: {1, 1, 2, 1}, // ┾ right heavy and left vertical light
	0x253F - 0x2500: {2, 1, 2, 1}, // ┿ vertical light and horizontal heavy
	0x2540 - 0x2500: {1, 2, 1, 1}, // ╀ up heavy and down horizontal light
	0x2541 - 0x2500: {1, 1, 1, 2}, // ╁ down heavy and up horizontal light
	0x2542 - 0x2500: {1, 2, 1, 2}, // ╂ vertical heavy and horizontal light
	0x2543 - 0x2500: {2, 2, 1, 1}, // ╃ left up heavy and right down light
	0x2544 - 0x2500: {1, 2, 2, 1}, // ╄ right up heavy and left down light
	0x2545 - 0x2500: {2, 1, 1, 2}, // ╅ left down heavy and right up light
	0x2546 - 0x2500: {1, 1, 2, 2}, // ╆ right down heavy and left up light
	0x2547 - 0x2500: {2, 2, 2, 1}, // ╇ down light and up horizontal heavy
	0x2548 - 0x2500: {2, 1, 2, 2}, // ╈ up light and down horizontal heavy
	0x2549 - 0x2500: {2, 2, 1, 2}, // ╉ right light and left vertical heavy
	0x254A - 0x2500: {1, 2, 2, 2}, // ╊ left light and right vertical heavy
	0x254B - 0x2500: {2, 2, 2, 2}, // ╋ heavy vertical and horizontal
	0x254C - 0x2500: {1, 0, 1, 0}, // ╌ light double dash horizontal
	0x254D - 0x2500: {2, 0, 2, 0}, // ╍ heavy double dash horizontal
	0x254E - 0x2500: {0, 1, 0, 1}, // ╎ light double dash vertical
	0x254F - 0x2500: {0, 2, 0, 2}, // ╏ heavy double dash vertical
	0x2550 - 0x2500: {3, 0, 3, 0}, // ═ double horizontal
	0x2551 - 0x2500: {0, 3, 0, 3}, // ║ double vertical
	0x2552 - 0x2500: {0, 0, 3, 1}, // ╒ down single and right double
	0x2553 - 0x2500: {0, 0, 1, 3}, // ╓ down double and right single
	0x2554 - 0x2500: {0, 0, 3, 3}, // ╔ double down and right
	0x2555 - 0x2500: {3, 0, 0, 1}, // ╕ down single and left double
	0x2556 - 0x2500: {1, 0, 0, 3}, // ╖ down double and left single
	0x2557 - 0x2500: {3, 0, 0, 3}, // ╗ double down and left
	0x2558 - 0x2500: {0, 1, 3, 0}, // ╘ up single and right double
	0x2559 - 0x2500: {0, 3, 1, 0}, // ╙ up double and right single
	0x255A - 0x2500: {0, 3, 3, 0}, // ╚ double up and right
	0x255B - 0x2500: {3, 1, 0, 0}, // ╛ up single and left double
	0x255C - 0x2500: {1, 3, 0, 0}, // ╜ up double and left single
	0x255D - 0x2500: {3, 3, 0, 0}, // ╝ double up and left
	0x255E - 0x2500: {0, 1, 3, 1}, // ╞ vertical single and right double
	0x255F - 0x2500: {0, 3, 1, 3}, // ╟ vertical double and right single
	0x2560 - 0x2500: {0, 3, 3, 3}, // ╠ double vertical and right
	0x2561 - 0x2500: {3, 1, 0, 1}, // ╡ vertical single and left double
	0x2562 - 0x2500: {1, 3, 0, 3}, // ╢ vertical double and left single
	0x2563 - 0x2500: {3, 3, 0, 3}, // ╣ double vertical and left
	0x2564 - 0x2500: {3, 0, 3, 1}, // ╤ down single and horizontal double
	0x2565 - 0x2500: {1, 0, 1, 3}, // ╥ down double and horizontal single
	0x2566 - 0x2500: {3, 0, 3, 3}, // ╦ double down and horizontal
	0x2567 - 0x2500: {3, 1, 3, 0}, // ╧ up single and horizontal double
	0x2568 - 0x2500: {1, 3, 1, 0}, // ╨ up double and horizontal single
	0x2569 - 0x2500: {3, 3, 3, 0}, // ╩ double up and horizontal
	0x256A - 0x2500: {3, 1, 3, 1}, // ╪ vertical single and horizontal double
	0x256B - 0x2500: {1, 3, 1, 3}, // ╫ vertical double and horizontal single
	0x256C - 0x2500: {3, 3, 3, 3}, // ╬ double vertical and horizontal
	0x256D - 0x2500: {0, 0, 1, 1}, // ╭ light arc down and right
	0x256E - 0x2500: {1, 0, 0, 1}, // ╮ light arc down and left
	0x256F - 0x2500: {1, 1, 0, 0}, // ╯ light arc up and left
	0x2570 - 0x2500: {0, 1, 1, 0}, // ╰ light arc up and right
	0x2571 - 0x2500: {0, 0, 0, 0}, // ╱ light diagonal upper right to lower left
	0x2572 - 0x2500: {0, 0, 0, 0}, // ╲ light diagonal upper left to lower right
	0x2573 - 0x2500: {0, 0, 0, 0}, // ╳ light diagonal cross
	0x2574 - 0x2500: {1, 0, 0, 0}, // ╴ light left
	0x2575 - 0x2500: {0, 1, 0, 0}, // ╵ light up
	0x2576 - 0x2500: {0, 0, 1, 0}, // ╶ light right
	0x2577 - 0x2500: {0, 0, 0, 1}, // ╷ light down
	0x2578 - 0x2500: {2, 0, 0, 0}, // ╸ heavy left
	0x2579 - 0x2500: {0, 2, 0, 0}, // ╹ heavy up
	0x257A - 0x2500: {0, 0, 2, 0}, // ╺ heavy right
	0x257B - 0x2500: {0, 0, 0, 2}, // ╻ heavy down
	0x257C - 0x2500: {1, 0, 2, 0}, // ╼ light left and heavy right
	0x257D - 0x2500: {0, 1, 0, 2}, // ╽ light up and heavy down
	0x257E - 0x2500: {2, 0, 1, 0}, // ╾ heavy left and light right
	0x257F - 0x2500: {0, 2, 0, 1}, // ╿ heavy up and light down
}
