package render

import (
	"image/color"
	"unicode/utf8"
)

// painter receives the drawing of a grid in device pixels.
type painter interface {
	// rect fills [x0,x1)×[y0,y1) with c.
	rect(x0, y0, x1, y1 int, c color.RGBA)
	// glyph draws g with its pen at (x, y) (the baseline) in c.
	glyph(g *glyph, x, y int, c color.RGBA)
}

// paint draws g onto p with cells of cw×ch device pixels and the font at
// scale s: first every background, then every cell's foreground (shapes,
// glyphs, underline and strike-through), so that a glyph overhanging its
// cell is not covered by its neighbour's background. The page background is
// the caller's.
func paint(g *grid, p painter, cw, ch, s int) {
	for y := range g.h {
		for x := 0; x < g.w; {
			bg := g.at(x, y).bg
			end := x + 1
			for end < g.w && g.at(end, y).bg == bg {
				end++
			}
			if bg != g.bg {
				p.rect(x*cw, y*ch, end*cw, (y+1)*ch, bg)
			}
			x = end
		}
	}
	fs := fonts()
	base := int(baseline) * s
	for y := range g.h {
		for x := range g.w {
			c := g.at(x, y)
			if c.width == 0 {
				continue
			}
			x0, y0 := x*cw, y*ch
			w := cw * min(c.width, g.w-x)
			r, n := utf8.DecodeRuneInString(c.text)
			switch {
			case c.text == " " || r == 0x2800 && n == len(c.text):
				// blank
			case n == len(c.text) && arcDirs[r] != [2]float64{}:
				p.glyph(arcGlyph(r, cw, ch), x0, y0, c.fg)
			case n == len(c.text) && drawShapes(p, r, x0, y0, cw, ch, c):
			default:
				gl := fs.lookup(c.text, styleIndex(c.bold, c.italic))
				if gl.ok {
					p.glyph(gl, x0, y0+base, c.fg)
				} else {
					for _, b := range missingBox(w, ch) {
						p.rect(x0+b.x0, y0+b.y0, x0+b.x1, y0+b.y1, c.fg)
					}
				}
			}
			t := max(1, s)
			if c.under {
				uy := y0 + base + 2*s
				p.rect(x0, uy, x0+w, uy+t, c.fg)
			}
			if c.strike {
				sy := y0 + base - 5*s // about x-height/2 above the baseline
				p.rect(x0, sy, x0+w, sy+t, c.fg)
			}
		}
	}
}

// drawShapes draws r as rectangles if it is a block, box or braille glyph.
func drawShapes(p painter, r rune, x0, y0, cw, ch int, c *cell) bool {
	rs, ok := shapes(r, cw, ch)
	if !ok {
		return false
	}
	for _, b := range rs {
		col := c.fg
		if b.a < 1 {
			col = mix(c.fg, c.bg, b.a)
		}
		p.rect(x0+b.x0, y0+b.y0, x0+b.x1, y0+b.y1, col)
	}
	return true
}
