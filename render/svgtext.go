package render

import (
	"fmt"
	"html"
	"strings"
)

// appendSVGText appends g's text as <text> elements: per row, runs of
// cells drawn with a font that share colour, weight and slant (spaces
// inside a run belong to it, so "0.25 0.75" is one string), each placed
// on the baseline and stretched to exactly its cells.
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
				same := d.fg == c.fg && d.bold == c.bold && d.italic == c.italic
				if !(needsFont(d) && same) && d.text != " " {
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
