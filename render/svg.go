package render

import (
	"bufio"
	"fmt"
	"html"
	"image/color"
	"io"
)

// monoStack is the font stack of SVG text: Go Mono's metrics first, then
// the monospaced fonts common on Linux, macOS and Windows, then CJK.
const monoStack = `'Go Mono','DejaVu Sans Mono',Menlo,Consolas,'Liberation Mono','Noto Sans Mono CJK SC',monospace`

// writeSVG draws g as an SVG whose user units are scale-1 pixels; the
// width and height attributes are multiplied by s. Backgrounds, blocks,
// box drawing and braille are rectangles. With outline, glyphs are the
// fonts' outlines as paths, each defined once in <defs> and placed with
// <use>, so the file looks the same in every viewer and needs no font;
// otherwise text is <text> in a monospace font stack, one element per run
// of same-styled characters, stretched to its cells (textLength), so
// numbers can be selected and searched.
func writeSVG(w io.Writer, g *grid, s int, title string, outline bool) error {
	W, H := g.w*CellWidth, g.h*CellHeight
	sp := &svgPainter{ids: map[*glyph]int{}, noGlyphs: !outline}
	paint(g, sp, CellWidth, CellHeight, 1)
	if !outline {
		sp.body = appendSVGText(sp.body, g)
	}

	bw := bufio.NewWriter(w)
	space := ""
	if !outline {
		space = ` xml:space="preserve"`
	}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" height="%d" viewBox="0 0 %d %d"%s>`+"\n",
		W*s, H*s, W, H, space)
	fmt.Fprintf(bw, "<title>%s</title>\n", html.EscapeString(title))
	bw.WriteString("<style>rect{shape-rendering:crispEdges}")
	if !outline {
		fmt.Fprintf(bw, "text{font-family:%s;font-size:%.2fpx;white-space:pre}", monoStack, fontPx)
	}
	bw.WriteString("</style>\n")
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
	noGlyphs bool // glyphs are <text>, written after the painting
	ids      map[*glyph]int
	defs     []*glyph
	body     []byte
}

func (p *svgPainter) rect(x0, y0, x1, y1 int, c color.RGBA) {
	p.body = fmt.Appendf(p.body, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x0, y0, x1-x0, y1-y0, hex(c))
}

func (p *svgPainter) glyph(g *glyph, x, y int, c color.RGBA) {
	if len(g.segs) == 0 || p.noGlyphs && !g.device {
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
