package ui

import (
	"image/color"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/ui/internal/cells"
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

// paint gives every cell of frame (lines of at most w cells) the
// foreground fg and the background bg where it sets none: each line starts
// with them, takes them again after every reset of its styles, and is
// padded to w cells. It works on the string, without laying the screen
// out, so that it costs little on every frame.
func paint(frame string, w, h int, fg, bg color.Color) string {
	fgP, bgP := sgrColor(38, fg), sgrColor(48, bg)
	base := fgP + ";" + bgP
	var b strings.Builder
	b.Grow(len(frame) + h*(2*len(base)+8))
	for i, line := range strings.Split(frame, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("\x1b[" + base + "m")
		repaint(&b, line, base, fgP, bgP)
		if pad := w - cells.Width(line); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
		b.WriteString(ansi.ResetStyle)
	}
	return b.String()
}

// repaint writes line with every SGR sequence that resets the colours
// (0, an empty reset, 39, 49) followed by the page's colours again.
func repaint(b *strings.Builder, line, base, fgP, bgP string) {
	for {
		i := strings.Index(line, "\x1b[")
		if i < 0 {
			b.WriteString(line)
			return
		}
		b.WriteString(line[:i])
		line = line[i:]
		end := 2
		for end < len(line) && (line[end] >= '0' && line[end] <= '9' || line[end] == ';' || line[end] == ':') {
			end++
		}
		if end >= len(line) || line[end] != 'm' { // not SGR: pass it on as it is
			b.WriteString(line[:min(end+1, len(line))])
			line = line[min(end+1, len(line)):]
			continue
		}
		b.WriteString("\x1b[")
		writeParams(b, line[2:end], base, fgP, bgP)
		b.WriteByte('m')
		line = line[end+1:]
	}
}

// writeParams writes an SGR parameter list so that a reset keeps the
// page's colours: "0" and "" (also an empty list) become "0;base", "39"
// fgP, "49" bgP. The numbers of 38;5;n and 38;2;r;g;b (and 48, 58) are not
// read as parameters.
func writeParams(b *strings.Builder, ps, base, fgP, bgP string) {
	skip := 0 // numbers still to come of a 38, 48 or 58; -1: its 5 or 2
	for k := 0; ; k++ {
		p, rest, more := strings.Cut(ps, ";")
		ps = rest
		if k > 0 {
			b.WriteByte(';')
		}
		switch {
		case skip == -1:
			skip = 0
			switch p {
			case "5":
				skip = 1
			case "2":
				skip = 3
			}
			b.WriteString(p)
		case skip > 0:
			skip--
			b.WriteString(p)
		case p == "0" || p == "":
			b.WriteString("0;")
			b.WriteString(base)
		case p == "39":
			b.WriteString(fgP)
		case p == "49":
			b.WriteString(bgP)
		default:
			if p == "38" || p == "48" || p == "58" {
				skip = -1
			}
			b.WriteString(p)
		}
		if !more {
			return
		}
	}
}

// sgrColor is the SGR parameters of c as a 24-bit colour for code (38 the
// foreground, 48 the background).
func sgrColor(code int, c color.Color) string {
	r, g, bl, _ := c.RGBA()
	return strconv.Itoa(code) + ";2;" + strconv.Itoa(int(r>>8)) + ";" + strconv.Itoa(int(g>>8)) + ";" + strconv.Itoa(int(bl>>8))
}
