// Package render draws one TUI screen without a terminal (docs/render.md).
//
// It drives the root ui model as the Bubble Tea runtime would (Start: Init,
// window size, colour profile, background; Replay: key presses from
// ParseKeys, with every command run synchronously and its message fed
// back), takes the model's own View, and encodes that frame:
//
//   - ansi: rows with SGR styles downsampled to the colour profile;
//   - text: characters only, sanitised so no escape or control byte
//     survives whatever the frame holds;
//   - svg, png, html, gif: from the cell grid (ultraviolet's cell buffer
//     parses the frame) with exact cell colours, in Go Mono with DejaVu Sans
//     Mono for the glyphs Go Mono lacks and installed fonts (sysfonts.go)
//     for the rest; block, box-drawing and braille glyphs are drawn as
//     rectangles so there are no seams. SVG writes text as <text> (or as
//     outlines), HTML embeds only the glyphs the page uses (subset.go), GIF
//     has a frame per key (gif.go).
//
// Options.Clean and Options.Panel shape the screen for slides (slide.go).
// Output is deterministic: the same options give the same bytes on the
// same machine (a glyph only an installed font has depends on the fonts).
//
// Imports: ui, pipeline, themes, the Charm libraries (bubbletea,
// ultraviolet, colorprofile, x/ansi) and golang.org/x/image.
package render
