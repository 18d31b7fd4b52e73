package render

import "math"

// rect is an axis-aligned rectangle in a cell's pixels, [x0,x1)×[y0,y1),
// painted with the cell's foreground at coverage a over its background (1
// is solid; the shade blocks use ¼, ½, ¾).
type rect struct {
	x0, y0, x1, y1 int
	a              float64
}

// shapes returns the rectangles that draw r in a w×h-pixel cell, and false
// if r is not drawn as shapes. Block elements (U+2580–U+259F), box drawing
// (U+2500–U+257F, except the diagonals ╱╲╳, which come from the font) and
// braille (U+2800–U+28FF) are drawn as rectangles, so that adjacent cells
// meet without seams and SVG and PNG agree. (The rounded corners ╭╮╯╰ are
// drawn by arcGlyph; shapes gives them square.)
func shapes(r rune, w, h int) ([]rect, bool) {
	switch {
	case r >= 0x2580 && r <= 0x259f:
		return blockShapes(r, w, h), true
	case r >= 0x2500 && r <= 0x257f && (r < 0x2571 || r > 0x2573):
		return boxShapes(r, w, h), true
	case r >= 0x2800 && r <= 0x28ff:
		return brailleShapes(r, w, h), true
	}
	return nil, false
}

func frac(n int, num, den int) int { return int(math.Round(float64(n) * float64(num) / float64(den))) }

func blockShapes(r rune, w, h int) []rect {
	full := func(a float64) []rect { return []rect{{0, 0, w, h, a}} }
	hw, hh := w/2, h/2
	quad := func(ul, ur, ll, lr bool) []rect {
		var out []rect
		if ul {
			out = append(out, rect{0, 0, hw, hh, 1})
		}
		if ur {
			out = append(out, rect{hw, 0, w, hh, 1})
		}
		if ll {
			out = append(out, rect{0, hh, hw, h, 1})
		}
		if lr {
			out = append(out, rect{hw, hh, w, h, 1})
		}
		return out
	}
	switch {
	case r == 0x2580: // ▀
		return []rect{{0, 0, w, hh, 1}}
	case r >= 0x2581 && r <= 0x2588: // ▁…█ lower eighths
		n := int(r - 0x2580)
		return []rect{{0, h - frac(h, n, 8), w, h, 1}}
	case r >= 0x2589 && r <= 0x258f: // ▉…▏ left eighths
		n := int(0x2590 - r)
		return []rect{{0, 0, frac(w, n, 8), h, 1}}
	case r == 0x2590: // ▐
		return []rect{{hw, 0, w, h, 1}}
	case r == 0x2591: // ░
		return full(0.25)
	case r == 0x2592: // ▒
		return full(0.5)
	case r == 0x2593: // ▓
		return full(0.75)
	case r == 0x2594: // ▔
		return []rect{{0, 0, w, frac(h, 1, 8), 1}}
	case r == 0x2595: // ▕
		return []rect{{w - frac(w, 1, 8), 0, w, h, 1}}
	}
	q := map[rune][4]bool{
		0x2596: {false, false, true, false}, 0x2597: {false, false, false, true},
		0x2598: {true, false, false, false}, 0x2599: {true, false, true, true},
		0x259a: {true, false, false, true}, 0x259b: {true, true, true, false},
		0x259c: {true, true, false, true}, 0x259d: {false, true, false, false},
		0x259e: {false, true, true, false}, 0x259f: {false, true, true, true},
	}[r]
	return quad(q[0], q[1], q[2], q[3])
}

// Arm weights in boxArms.
const (
	armNone = iota
	armLight
	armHeavy
	armDouble
)

// boxShapes draws a box-drawing character from its four arms.
func boxShapes(r rune, w, h int) []rect {
	arms := boxArms[r-0x2500]
	l, u, rt, d := int(arms[0]), int(arms[1]), int(arms[2]), int(arms[3])
	t1 := max(1, int(math.Round(float64(w)/10)))
	thick := func(wt int) int {
		if wt == armHeavy {
			return 2*t1 + 1
		}
		return t1
	}
	gap := t1 + 1 // a double line's strokes sit at centre ± gap
	cx, cy := w/2, h/2
	var out []rect
	hline := func(x0, x1, yc, t int) {
		if x1 > x0 {
			out = append(out, rect{x0, yc - t/2, x1, yc - t/2 + t, 1})
		}
	}
	vline := func(y0, y1, xc, t int) {
		if y1 > y0 {
			out = append(out, rect{xc - t/2, y0, xc - t/2 + t, y1, 1})
		}
	}
	// Dashed lines: n dashes across the cell.
	if n, ok := dashes[r]; ok {
		t := thick(max(l, u))
		for i := range n {
			a, b := frac(w, i, n), frac(w, i+1, n)-max(1, frac(w, 1, 4*n))
			if u == armNone {
				hline(a, b, cy, t)
			} else {
				a, b = frac(h, i, n), frac(h, i+1, n)-max(1, frac(h, 1, 4*n))
				vline(a, b, cx, t)
			}
		}
		return out
	}
	// lo and hi are where a stroke perpendicular to the arms of weight wt
	// (the other axis) begins and ends around centre c.
	lo := func(c, wt int) int {
		if wt == armDouble {
			return c - gap - t1/2
		}
		t := thick(wt)
		return c - t/2
	}
	hi := func(c, wt int) int {
		if wt == armDouble {
			return c + gap - t1/2 + t1
		}
		t := thick(wt)
		return c - t/2 + t
	}
	heavier := func(a, b int) int {
		if a == armDouble || b == armDouble {
			return armDouble
		}
		return max(a, b)
	}
	vw, hwt := heavier(u, d), heavier(l, rt) // weights of the crossing axis
	// Horizontal arms.
	for _, arm := range []struct {
		wt    int
		right bool
	}{{l, false}, {rt, true}} {
		switch arm.wt {
		case armNone:
		case armDouble:
			for _, side := range []struct {
				yc    int
				cross int // weight of the vertical arm on this side
			}{{cy - gap, u}, {cy + gap, d}} {
				if arm.right {
					x0 := lo(cx, vw)
					if side.cross != armNone {
						x0 = hi(cx, side.cross) - t1
						if side.cross != armDouble {
							x0 = lo(cx, side.cross)
						}
					}
					hline(x0, w, side.yc, t1)
				} else {
					x1 := hi(cx, vw)
					if side.cross != armNone {
						x1 = lo(cx, side.cross) + t1
						if side.cross != armDouble {
							x1 = hi(cx, side.cross)
						}
					}
					hline(0, x1, side.yc, t1)
				}
			}
		default:
			// A single stroke meets a double crossing at its near line.
			t := thick(arm.wt)
			switch {
			case arm.right && vw == armDouble:
				hline(hi(cx, vw)-t1, w, cy, t)
			case arm.right:
				hline(min(lo(cx, vw), cx-t/2), w, cy, t)
			case vw == armDouble:
				hline(0, lo(cx, vw)+t1, cy, t)
			default:
				hline(0, max(hi(cx, vw), cx-t/2+t), cy, t)
			}
		}
	}
	// Vertical arms.
	for _, arm := range []struct {
		wt   int
		down bool
	}{{u, false}, {d, true}} {
		switch arm.wt {
		case armNone:
		case armDouble:
			for _, side := range []struct {
				xc    int
				cross int
			}{{cx - gap, l}, {cx + gap, rt}} {
				if arm.down {
					y0 := lo(cy, hwt)
					if side.cross != armNone {
						y0 = hi(cy, side.cross) - t1
						if side.cross != armDouble {
							y0 = lo(cy, side.cross)
						}
					}
					vline(y0, h, side.xc, t1)
				} else {
					y1 := hi(cy, hwt)
					if side.cross != armNone {
						y1 = lo(cy, side.cross) + t1
						if side.cross != armDouble {
							y1 = hi(cy, side.cross)
						}
					}
					vline(0, y1, side.xc, t1)
				}
			}
		default:
			t := thick(arm.wt)
			switch {
			case arm.down && hwt == armDouble:
				vline(hi(cy, hwt)-t1, h, cx, t)
			case arm.down:
				vline(min(lo(cy, hwt), cy-t/2), h, cx, t)
			case hwt == armDouble:
				vline(0, lo(cy, hwt)+t1, cx, t)
			default:
				vline(0, max(hi(cy, hwt), cy-t/2+t), cx, t)
			}
		}
	}
	return out
}

// dashes gives the number of dashes of the dashed box-drawing characters.
var dashes = map[rune]int{
	0x2504: 3, 0x2505: 3, 0x2506: 3, 0x2507: 3,
	0x2508: 4, 0x2509: 4, 0x250a: 4, 0x250b: 4,
	0x254c: 2, 0x254d: 2, 0x254e: 2, 0x254f: 2,
}

// brailleShapes draws the raised dots of a braille pattern.
func brailleShapes(r rune, w, h int) []rect {
	bits := int(r - 0x2800)
	// Dot n (1-based) → column, row; bits 0-7 are dots 1-8.
	pos := [8][2]int{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}, {0, 3}, {1, 3}}
	s := max(1, frac(w, 1, 4))
	var out []rect
	for i, p := range pos {
		if bits&(1<<i) == 0 {
			continue
		}
		xc, yc := frac(w, 2*p[0]+1, 4), frac(h, 2*p[1]+1, 8)
		out = append(out, rect{xc - s/2, yc - s/2, xc - s/2 + s, yc - s/2 + s, 1})
	}
	return out
}

// missingBox is the hollow box drawn for a glyph no embedded font has
// (CJK, emoji): a rectangle outline across the cell's columns.
func missingBox(w, h int) []rect {
	t := max(1, int(math.Round(float64(w)/20)))
	x0, x1 := t, w-t
	y0, y1 := frac(h, 1, 5), h-frac(h, 1, 5)
	return []rect{
		{x0, y0, x1, y0 + t, 1}, {x0, y1 - t, x1, y1, 1},
		{x0, y0, x0 + t, y1, 1}, {x1 - t, y0, x1, y1, 1},
	}
}

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
