package render

import (
	"fmt"
	"html"
	"strings"
)

// appendSVGText appends g's text as <text> elements: per row, runs of
// cells drawn with a font that share colour, weight and slant (a single
// space inside a run belongs to it, so "0.25 0.75" is one string; two or
// more end it, as viewers may collapse them), each placed on the baseline
// and stretched to exactly its cells.
func appendSVGText(body []byte, g *grid) []byte {
	base := int(baseline)
	for y := range g.h {
		for x := 0; x < g.w; {
			c := g.at(x, y)
			if !needsFont(c) {
				x++
				continue
			}
			var text strings.Builder
			end, last := x, x // last: the cell after the last non-blank one
			for end < g.w {
				d := g.at(end, y)
				if d.width == 0 {
					end++
					continue
				}
				same := sameStyle(d, c)
				if d.text == " " && !(end+1 < g.w && needsFont(g.at(end+1, y)) && sameStyle(g.at(end+1, y), c)) {
					break
				}
				if d.text != " " && !(needsFont(d) && same) {
					break
				}
				text.WriteString(d.text)
				end += d.width
				if d.text != " " {
					last = end
				}
			}
			t := strings.TrimRight(text.String(), " ")
			body = fmt.Appendf(body, "<text x=\"%d\" y=\"%d\" textLength=\"%d\" fill=\"%s\"%s>%s</text>\n",
				x*CellWidth, y*CellHeight+base, (min(last, g.w)-x)*CellWidth, hex(c.fg), textStyle(c), html.EscapeString(Sanitize(t, false)))
			x = last
		}
	}
	return body
}

func sameStyle(d, c *cell) bool {
	return d.fg == c.fg && d.bold == c.bold && d.italic == c.italic
}

func textStyle(c *cell) string {
	var s string
	if c.bold {
		s += ` font-weight="bold"`
	}
	if c.italic {
		s += ` font-style="italic"`
	}
	return s
}
