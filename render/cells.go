package render

import (
	"image/color"
	"strings"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// cell is one screen cell with its colours resolved.
type cell struct {
	text   string // one grapheme cluster, sanitised; "" on a continuation
	width  int    // columns the text covers; 0 on the continuation of a wide cell
	fg, bg color.RGBA
	bold   bool
	italic bool
	under  bool // any underline style
	strike bool
}

// grid is a parsed frame: h rows of w cells.
type grid struct {
	w, h   int
	cells  []cell
	fg, bg color.RGBA // the defaults the cells were resolved against
}

func (g *grid) at(x, y int) *cell { return &g.cells[y*g.w+x] }

// parseGrid lays frame out on a w×h screen the way a terminal would (lines
// past h and columns past w are cut, widths measured by grapheme cluster as
// lipgloss measures them), with ultraviolet's cell buffer, then resolves
// every cell's colours under prof against the default fg and bg.
func parseGrid(frame string, w, h int, prof colorprofile.Profile, fg, bg color.RGBA) *grid {
	w, h = max(w, 1), max(h, 1)
	buf := uv.NewScreenBuffer(w, h)
	buf.Method = ansi.GraphemeWidth
	uv.NewStyledString(frame).Draw(buf, buf.Bounds())
	g := &grid{w: w, h: h, cells: make([]cell, w*h), fg: fg, bg: bg}
	for y := range h {
		for x := 0; x < w; x++ {
			c := buf.CellAt(x, y)
			out := g.at(x, y)
			if c == nil {
				*out = cell{text: " ", width: 1, fg: fg, bg: bg}
				continue
			}
			*out = resolve(c, prof, fg, bg)
			if out.width > 1 {
				// A wide cell's continuation takes its background.
				for j := 1; j < out.width && x+j < w; j++ {
					*g.at(x+j, y) = cell{fg: out.fg, bg: out.bg}
				}
				x += out.width - 1
			}
		}
	}
	return g
}

// resolve turns an ultraviolet cell into a cell with concrete colours.
func resolve(c *uv.Cell, prof colorprofile.Profile, dfg, dbg color.RGBA) cell {
	st := uv.ConvertStyle(c.Style, prof)
	out := cell{fg: dfg, bg: dbg, width: c.Width}
	if st.Fg != nil {
		out.fg = toRGBA(st.Fg)
	}
	if st.Bg != nil {
		out.bg = toRGBA(st.Bg)
	}
	if st.Attrs&uv.AttrReverse != 0 {
		out.fg, out.bg = out.bg, out.fg
	}
	if st.Attrs&uv.AttrFaint != 0 {
		out.fg = mix(out.fg, out.bg, 0.5)
	}
	out.bold = st.Attrs&uv.AttrBold != 0
	out.italic = st.Attrs&uv.AttrItalic != 0
	out.strike = st.Attrs&uv.AttrStrikethrough != 0
	out.under = st.Underline != uv.UnderlineNone
	out.text = Sanitize(c.Content, false)
	if st.Attrs&uv.AttrConceal != 0 {
		out.text = strings.Repeat(" ", max(out.width, 1))
	}
	if out.width < 1 {
		out.width = 1
	}
	if out.text == "" {
		out.text = " "
	}
	return out
}

// lines returns the grid's text, one string per row, trailing blanks
// trimmed.
func (g *grid) lines() []string {
	out := make([]string, g.h)
	var b strings.Builder
	for y := range g.h {
		b.Reset()
		for x := range g.w {
			if c := g.at(x, y); c.width > 0 {
				b.WriteString(c.text)
			}
		}
		out[y] = strings.TrimRight(b.String(), " ")
	}
	return out
}
