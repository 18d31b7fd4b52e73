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
	// a double line's strokes sit at centre ± gap
	p := &boxPen{t1: t1, gap: t1 + 1}
	cx, cy := w/2, h/2
	if n, ok := dashes[r]; ok {
		p.dashes(n, w, h, cx, cy, p.thick(max(l, u)), u == armNone)
		return p.out
	}
	vw, hwt := heavier(u, d), heavier(l, rt) // weights of the crossing axis
	p.arm(true, l, false, w, cx, cy, [2]int{u, d}, vw)
	p.arm(true, rt, true, w, cx, cy, [2]int{u, d}, vw)
	p.arm(false, u, false, h, cy, cx, [2]int{l, rt}, hwt)
	p.arm(false, d, true, h, cy, cx, [2]int{l, rt}, hwt)
	return p.out
}

// boxPen collects the rectangles of one box-drawing character: t1 is a
// light stroke's thickness, gap the distance of a double line's strokes
// from the centre.
type boxPen struct {
	t1, gap int
	out     []rect
}

func (p *boxPen) thick(wt int) int {
	if wt == armHeavy {
		return 2*p.t1 + 1
	}
	return p.t1
}

// lo and hi are where a stroke perpendicular to the arms of weight wt
// (the other axis) begins and ends around centre c.
func (p *boxPen) lo(c, wt int) int {
	if wt == armDouble {
		return c - p.gap - p.t1/2
	}
	return c - p.thick(wt)/2
}

func (p *boxPen) hi(c, wt int) int {
	if wt == armDouble {
		return c + p.gap - p.t1/2 + p.t1
	}
	t := p.thick(wt)
	return c - t/2 + t
}

func heavier(a, b int) int {
	if a == armDouble || b == armDouble {
		return armDouble
	}
	return max(a, b)
}

// line is a stroke of thickness t from a0 to a1 along the horizontal (or
// vertical) axis, centred at at across it.
func (p *boxPen) line(horiz bool, a0, a1, at, t int) {
	if a1 <= a0 {
		return
	}
	if horiz {
		p.out = append(p.out, rect{a0, at - t/2, a1, at - t/2 + t, 1})
	} else {
		p.out = append(p.out, rect{at - t/2, a0, at - t/2 + t, a1, 1})
	}
}

// dashes draws n dashes across the cell, horizontal or vertical.
func (p *boxPen) dashes(n, w, h, cx, cy, t int, horiz bool) {
	for i := range n {
		if horiz {
			p.line(true, frac(w, i, n), frac(w, i+1, n)-max(1, frac(w, 1, 4*n)), cy, t)
		} else {
			p.line(false, frac(h, i, n), frac(h, i+1, n)-max(1, frac(h, 1, 4*n)), cx, t)
		}
	}
}

// arm draws one arm of weight wt along an axis of length along, from the
// centre c to the far end (far) or from 0 to the centre; pc is the centre
// across the axis, sides the weights of the crossing arms on either side
// (where a double arm's two strokes stop) and cross the crossing axis's
// heavier weight.
func (p *boxPen) arm(horiz bool, wt int, far bool, along, c, pc int, sides [2]int, cross int) {
	switch wt {
	case armNone:
	case armDouble:
		for k, sc := range sides {
			at := pc - p.gap
			if k == 1 {
				at = pc + p.gap
			}
			if far {
				a0 := p.lo(c, cross)
				if sc != armNone {
					a0 = p.hi(c, sc) - p.t1
					if sc != armDouble {
						a0 = p.lo(c, sc)
					}
				}
				p.line(horiz, a0, along, at, p.t1)
			} else {
				a1 := p.hi(c, cross)
				if sc != armNone {
					a1 = p.lo(c, sc) + p.t1
					if sc != armDouble {
						a1 = p.hi(c, sc)
					}
				}
				p.line(horiz, 0, a1, at, p.t1)
			}
		}
	default:
		// A single stroke meets a double crossing at its near line.
		t := p.thick(wt)
		switch {
		case far && cross == armDouble:
			p.line(horiz, p.hi(c, cross)-p.t1, along, pc, t)
		case far:
			p.line(horiz, min(p.lo(c, cross), c-t/2), along, pc, t)
		case cross == armDouble:
			p.line(horiz, 0, p.lo(c, cross)+p.t1, pc, t)
		default:
			p.line(horiz, 0, max(p.hi(c, cross), c-t/2+t), pc, t)
		}
	}
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
