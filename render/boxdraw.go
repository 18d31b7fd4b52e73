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
