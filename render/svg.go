package render

import (
	"bufio"
	"fmt"
	"html"
	"image/color"
	"io"
)

// writeSVG draws g as an SVG whose user units are scale-1 pixels; the
// width and height attributes are multiplied by s. Glyphs are the fonts'
// outlines as paths, each defined once in <defs> and placed with <use>, so
// the file looks the same in every viewer and needs no font.
func writeSVG(w io.Writer, g *grid, s int, title string) error {
	W, H := g.w*CellWidth, g.h*CellHeight
	sp := &svgPainter{ids: map[*glyph]int{}}
	paint(g, sp, CellWidth, CellHeight, 1)

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n",
		W*s, H*s, W, H)
	fmt.Fprintf(bw, "<title>%s</title>\n", html.EscapeString(title))
	bw.WriteString("<style>rect{shape-rendering:crispEdges}</style>\n")
	if len(sp.defs) > 0 {
		bw.WriteString("<defs>\n")
		for i, gl := range sp.defs {
			fmt.Fprintf(bw, "<path id=\"g%d\" d=\"%s\"/>\n", i, gl.svgPath())
		}
		bw.WriteString("</defs>\n")
	}
	fmt.Fprintf(bw, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", W, H, hex(g.bg))
	bw.Write(sp.body)
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

type svgPainter struct {
	ids  map[*glyph]int
	defs []*glyph
	body []byte
}

func (p *svgPainter) rect(x0, y0, x1, y1 int, c color.RGBA) {
	p.body = fmt.Appendf(p.body, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x0, y0, x1-x0, y1-y0, hex(c))
}

func (p *svgPainter) glyph(g *glyph, x, y int, c color.RGBA) {
	if len(g.segs) == 0 {
		return
	}
	id, ok := p.ids[g]
	if !ok {
		id = len(p.defs)
		p.ids[g] = id
		p.defs = append(p.defs, g)
	}
	p.body = fmt.Appendf(p.body, "<use xlink:href=\"#g%d\" x=\"%d\" y=\"%d\" fill=\"%s\"/>\n", id, x, y, hex(c))
}

// hex formats c as #rrggbb.
func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
