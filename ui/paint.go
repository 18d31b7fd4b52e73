package ui

import (
	"image/color"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// paintsPage reports whether the screen is painted with the theme's page
// colours: not without colour (NO_COLOR, or a terminal that has none).
func (m Model) paintsPage() bool {
	th := m.look.theme
	return !m.look.noColor && m.look.profile != colorprofile.NoTTY && m.look.profile != colorprofile.Ascii &&
		th.Background != nil && th.Text != nil
}

// paintView gives every cell of v the theme's page colours where it sets
// none, so that a light theme on a dark terminal (or the reverse) is
// readable in every cell, and, once the theme is settled, asks the
// terminal to use them as its default colours too (the margins around the
// cells). Without colour v is left as it is.
func (m Model) paintView(v *tea.View) {
	if !m.paintsPage() {
		return
	}
	th := m.look.theme
	v.Content = paint(v.Content, m.width, m.height, th.Text, th.Background)
	if m.look.chosen || m.look.settled {
		// Not before the terminal has said what its background is: asking
		// while the screen sets it would hear our own colour back.
		v.BackgroundColor, v.ForegroundColor = th.Background, th.Text
	}
}

// paint lays frame out on a w×h screen and gives every cell without a
// foreground fg and every cell without a background bg, padding each line
// to the full width.
func paint(frame string, w, h int, fg, bg color.Color) string {
	if w <= 0 || h <= 0 {
		return frame
	}
	buf := uv.NewScreenBuffer(w, h)
	buf.Method = ansi.GraphemeWidth
	uv.NewStyledString(frame).Draw(buf, buf.Bounds())
	lines := make([]string, h)
	for y := range h {
		line := buf.Line(y)
		for x := range line {
			st := &line[x].Style
			if st.Fg == nil {
				st.Fg = fg
			}
			if st.Bg == nil {
				st.Bg = bg
			}
		}
		lines[y] = line.Render() + ansi.ResetStyle
	}
	return strings.Join(lines, "\n")
}
