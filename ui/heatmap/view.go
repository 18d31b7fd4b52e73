package heatmap

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// View renders the heatmap within the size set by SetSize: no line is wider
// than the width and there are never more lines than the height.
func (mv Model) View() string {
	m := &mv
	l := m.lay
	if m.width <= 0 || m.height <= 0 || m.pal == nil {
		return ""
	}
	var b strings.Builder
	b.Grow((l.visRows*l.ch + 4) * (m.width + l.visCols*24))
	lines := 0
	nl := func() {
		lines++
		if lines < m.height {
			b.WriteByte('\n')
		}
	}
	if l.titleLines > 0 {
		b.WriteString(l.titleR)
		nl()
	}
	if l.visRows == 0 && l.headerLines == 0 {
		return strings.TrimSuffix(b.String(), "\n")
	}
	if m.compact {
		m.writeCompact(&b, nl)
		return strings.TrimSuffix(b.String(), "\n")
	}
	m.writeHeader(&b, nl)
	buf := make([]byte, 0, 64)
	for i := 0; i < l.visRows; i++ {
		r := m.rowOff + i
		for line := 0; line < l.ch; line++ {
			mid := line == l.ch/2
			m.writeRowLabel(&b, r, i, mid)
			last := ""
			for j := 0; j < l.visCols; j++ {
				buf = m.appendCell(buf[:0], r, m.colOff+j, mid, &last)
				b.Write(buf)
			}
			if last != "" {
				b.WriteString(m.pal.reset)
			}
			if l.sumW > 0 {
				if mid {
					b.WriteString(l.sumsR[r])
				} else {
					b.WriteString(l.blankSumR)
				}
			}
			nl()
		}
	}
	if l.legendLines > 0 {
		b.WriteString(m.legend())
		nl()
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeHeader draws the column labels with the cursor's column highlighted
// and the panning arrows in the corners.
func (m *Model) writeHeader(b *strings.Builder, nl func()) {
	l := m.lay
	if l.headerLines == 0 {
		return
	}
	left, right := " ", ""
	if l.panX {
		right = " "
		if m.colOff > 0 {
			left = "◂"
		}
		if m.colOff+l.visCols < m.data.Cols {
			right = "▸"
		}
	}
	for line := 0; line < l.headerLines; line++ {
		if l.gutter > 0 {
			b.WriteString(spaces(l.gutter - 1))
			if line == l.headerLines-1 {
				b.WriteString(m.marker(left))
			} else {
				b.WriteByte(' ')
			}
		}
		text := m.headerLine(line)
		if m.cursorVisible && m.cc >= m.colOff && m.cc < m.colOff+l.visCols {
			// Split at the cursor column's cell boundaries to highlight it.
			x0 := (m.cc - m.colOff) * l.cw
			b.WriteString(l.colSt.render(ansi.Cut(text, 0, x0)))
			b.WriteString(l.cursorSt.render(ansi.Cut(text, x0, x0+l.cw)))
			b.WriteString(l.colSt.render(ansi.Cut(text, x0+l.cw, l.visCols*l.cw)))
		} else {
			b.WriteString(l.colSt.render(text))
		}
		if l.sumW > 0 {
			s := ""
			if line == l.headerLines-1 {
				s = "Σ"
			}
			b.WriteString(l.sumSt.render(spaces(l.sumW-ansi.StringWidth(s)) + s))
		}
		if line == l.headerLines-1 && right != "" {
			b.WriteString(m.marker(right))
		}
		nl()
	}
}

// headerLine returns the text of header line over the visible columns,
// exactly visCols×cw cells wide.
func (m *Model) headerLine(line int) string {
	l := m.lay
	var b strings.Builder
	switch l.header {
	case headerHorizontal:
		for j := 0; j < l.visCols; j++ {
			b.WriteString(l.colLabels[m.colOff+j])
		}
	case headerVertical:
		// The line-th grapheme of each label, written downwards.
		for j := 0; j < l.visCols; j++ {
			s := l.colLabels[m.colOff+j]
			for k := 0; k < line && s != ""; k++ {
				_, s = firstGrapheme(s)
			}
			g, _ := firstGrapheme(s)
			if ansi.StringWidth(g) > l.cw {
				g = "…"
			}
			b.WriteString(fit(g, l.cw))
		}
	case headerNumbered:
		// Column numbers every step columns, where they fit whole.
		w := l.visCols * l.cw
		row := []byte(spaces(w))
		step := numberStep(m.data.Cols, l.cw)
		free := 0
		for j := 0; j < l.visCols; j++ {
			c := m.colOff + j
			if (c+m.indexBase)%step != 0 && c != 0 {
				continue
			}
			n := strconv.Itoa(c + m.indexBase)
			x := j * l.cw
			if x >= free && x+len(n) <= w {
				copy(row[x:], n)
				free = x + len(n) + 1
			}
		}
		b.Write(row)
	default:
		b.WriteString(spaces(l.visCols * l.cw))
	}
	return b.String()
}

// numberStep is the column step at which numbers of up to n fit in cells
// of width cw, with a space between them.
func numberStep(n, cw int) int {
	digits := len(strconv.Itoa(n)) + 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500} {
		if s*cw >= digits {
			return s
		}
	}
	return 1000
}

func firstGrapheme(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	g, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if g == "" {
		_, n := utf8.DecodeRuneInString(s)
		g = s[:n]
	}
	return g, s[len(g):]
}

// writeRowLabel draws row r's label and the marker column (the cursor's
// arrow, or the vertical panning arrows at the first and last rows).
func (m *Model) writeRowLabel(b *strings.Builder, r, i int, mid bool) {
	l := m.lay
	if l.gutter == 0 {
		return
	}
	marker := " "
	switch {
	case m.cursorVisible && r == m.cr && mid:
		marker = "▸"
	case l.panY && i == 0 && m.rowOff > 0 && mid:
		marker = "▴"
	case l.panY && i == l.visRows-1 && r < m.data.Rows-1 && mid:
		marker = "▾"
	}
	switch {
	case m.cursorVisible && r == m.cr:
		label := spaces(l.labelW)
		if mid {
			label = l.rowLabels[r]
		}
		b.WriteString(l.cursorSt.render(label))
	case mid:
		b.WriteString(l.rowLabelsR[r])
	default:
		b.WriteString(l.blankLabelR)
	}
	b.WriteString(m.marker(marker))
}

// marker returns the pre-rendered indicator glyph g (a space stays plain).
func (m *Model) marker(g string) string {
	if r, ok := m.lay.markerR[g]; ok {
		return r
	}
	return g
}
