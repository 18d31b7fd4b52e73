package render

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"strings"
)

// writeHTML writes g as a self-contained HTML page: one <pre> of spans with
// inline colours, on the page background, in Go Mono embedded as base64
// @font-face rules, each font cut down to the glyphs the page uses (only
// the styles it uses; DejaVu Sans Mono as well when a glyph needs it).
// Glyphs neither has are left to the browser's fonts.
func writeHTML(w io.Writer, g *grid, title string) error {
	faces, err := htmlFonts(g)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	fmt.Fprintf(bw, "<title>%s</title>\n<style>\n", html.EscapeString(title))
	for _, f := range faces {
		fontFace(bw, f.family, f.weight, f.style, f.ttf)
	}
	fmt.Fprintf(bw, "html,body{margin:0;background:%s}\n", hex(g.bg))
	fmt.Fprintf(bw, "pre{margin:0;padding:%dpx;font-family:\"Go Mono\",\"DejaVu Sans Mono\",monospace;font-size:%.2fpx;line-height:%dpx;color:%s;background:%s}\n",
		CellWidth, fontPx, CellHeight, hex(g.fg), hex(g.bg))
	bw.WriteString("</style>\n</head>\n<body>\n<pre>")
	for y := range g.h {
		if y > 0 {
			bw.WriteByte('\n')
		}
		writeHTMLRow(bw, g, y)
	}
	bw.WriteString("</pre>\n</body>\n</html>\n")
	return bw.Flush()
}

func fontFace(w *bufio.Writer, family, weight, style string, ttf []byte) {
	fmt.Fprintf(w, "@font-face{font-family:%q;font-weight:%s;font-style:%s;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n",
		family, weight, style, base64.StdEncoding.EncodeToString(ttf))
}

// writeHTMLRow writes one row as runs of spans with the same style.
func writeHTMLRow(w *bufio.Writer, g *grid, y int) {
	// The trailing run of default-styled blanks is dropped.
	end := g.w
	for end > 0 {
		c := g.at(end-1, y)
		if c.width != 0 && (c.text != " " || c.bg != g.bg || c.under || c.strike) {
			break
		}
		end--
	}
	for x := 0; x < end; {
		c := g.at(x, y)
		var text strings.Builder
		j := x
		for ; j < end; j++ {
			d := g.at(j, y)
			if d.fg != c.fg || d.bg != c.bg || d.bold != c.bold || d.italic != c.italic || d.under != c.under || d.strike != c.strike {
				break
			}
			if d.width > 0 {
				text.WriteString(d.text)
			}
		}
		var css []string
		if c.fg != g.fg {
			css = append(css, "color:"+hex(c.fg))
		}
		if c.bg != g.bg {
			css = append(css, "background:"+hex(c.bg))
		}
		if c.bold {
			css = append(css, "font-weight:bold")
		}
		if c.italic {
			css = append(css, "font-style:italic")
		}
		var deco []string
		if c.under {
			deco = append(deco, "underline")
		}
		if c.strike {
			deco = append(deco, "line-through")
		}
		if len(deco) > 0 {
			css = append(css, "text-decoration:"+strings.Join(deco, " "))
		}
		s := html.EscapeString(text.String())
		if len(css) == 0 {
			w.WriteString(s)
		} else {
			fmt.Fprintf(w, "<span style=\"%s\">%s</span>", strings.Join(css, ";"), s)
		}
		x = j
	}
}
