package headgrid

import (
	"fmt"
	"strings"

	"github.com/attnscope/attnscope/ui/internal/cells"
	"github.com/attnscope/attnscope/ui/internal/swatch"
)

// labelW is the width of the layer labels ("L11 ").
const labelW = 4

// tile is the size of one head's thumbnail in cells (0 when patterns are
// off or do not fit).
func (m Model) tile() (tw, th int) {
	if !m.patterns || m.thumbs.Pattern == nil || m.thumbs.N <= 0 || m.heads == 0 || m.layers == 0 {
		return 0, 0
	}
	tw = (m.width-labelW)/m.heads - 1
	th = (m.height - 3) / m.layers
	th = min(th, tw/2, (m.thumbs.N+1)/2)
	if th < 2 {
		return 0, 0
	}
	return 2 * th, th
}

// Patterns reports whether the view draws thumbnails at its size.
func (m Model) Patterns() bool { tw, _ := m.tile(); return tw > 0 }

// window returns the first of n items to show so that cur is visible in
// a window of size k.
func window(cur, n, k int) int {
	if k >= n || k <= 0 {
		return 0
	}
	return min(max(0, cur-k/2), n-k)
}

// View draws the overview in at most width × height cells; it is pure.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.layers == 0 || m.heads == 0 {
		return cells.Clip(m.Styles.Muted.Render("no heads to show yet"), m.width)
	}
	var lines []string
	if tw, th := m.tile(); tw > 0 {
		lines = m.patternLines(tw, th)
	} else {
		lines = m.scoreLines()
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = cells.Clip(l, m.width)
	}
	return strings.Join(lines, "\n")
}

func (m Model) title(patterns bool) string {
	name := fmt.Sprintf("L%dH%d", m.cl, m.ch)
	if patterns {
		return m.Styles.Title.Render("attention patterns") + m.Styles.Muted.Render(" · each on its own scale · v: scores · "+name)
	}
	if m.score >= len(m.scores) {
		return m.Styles.Muted.Render("head scores are being computed…")
	}
	sc := m.scores[m.score]
	val := fmt.Sprintf("%.3f", sc.Values[m.cl][m.ch])
	if pending(sc.Values[m.cl][m.ch]) {
		val = "not computed yet (·)"
	}
	return m.Styles.Title.Render(sc.Name) + m.Styles.Muted.Render(fmt.Sprintf(" %.3g–%.3g · %s = %s · m: next score", sc.Lo, sc.Hi, name, val))
}

// headerLine writes the head numbers above columns cw cells wide.
func (m Model) headerLine(h0, nh, cw int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", labelW))
	for h := h0; h < h0+nh; h++ {
		s := cells.Pad(fmt.Sprintf("H%d", h), cw)
		if cw < 3 {
			s = cells.Pad(fmt.Sprint(h%10), cw)
		}
		if h == m.ch {
			s = m.Styles.Cursor.Render(s)
		} else {
			s = m.Styles.Label.Render(s)
		}
		b.WriteString(s)
	}
	return b.String()
}

func (m Model) layerLabel(l int) string {
	s := cells.Pad(fmt.Sprintf("L%d", l), labelW-1)
	if l == m.cl {
		return m.Styles.Cursor.Render(s) + " "
	}
	return m.Styles.Label.Render(s) + " "
}

// scoreLines draws one coloured cell per head.
func (m Model) scoreLines() []string {
	lines := []string{m.title(false)}
	if m.score >= len(m.scores) {
		return lines
	}
	sc := m.scores[m.score]
	cw := min(6, max(1, (m.width-labelW)/m.heads))
	nh := min(m.heads, max(1, (m.width-labelW)/cw))
	h0 := window(m.ch, m.heads, nh)
	nl := min(m.layers, max(1, m.height-2))
	l0 := window(m.cl, m.layers, nl)
	lines = append(lines, m.headerLine(h0, nh, cw))
	for l := l0; l < l0+nl; l++ {
		var b strings.Builder
		b.WriteString(m.layerLabel(l))
		for h := h0; h < h0+nh; h++ {
			v := sc.Values[l][h]
			lv := swatch.Level(v, sc.Lo, sc.Hi)
			txt := strings.Repeat(" ", cw)
			if cw >= 4 {
				txt = cells.Pad(" "+trimZero(fmt.Sprintf("%.2f", v)), cw)
			}
			switch {
			case pending(v) && l == m.cl && h == m.ch:
				b.WriteString(m.Styles.Cursor.Render(cells.Pad(" ·", cw)))
			case pending(v):
				b.WriteString(m.Styles.Muted.Render(cells.Pad(" ·", cw)))
			case l == m.cl && h == m.ch:
				if cw < 4 {
					txt = cells.Pad("◆", cw)
				}
				b.WriteString(m.Styles.Cursor.Render(txt))
			case m.pal.NoColor:
				b.WriteString(m.pal.Fill(lv, 1) + txt[1:])
			default:
				b.WriteString(m.pal.Cell(lv, txt))
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

// pending reports whether a score is not known yet (NaN: its layer is
// still being computed).
func pending(v float32) bool { return v != v }

// trimZero turns "0.87" into ".87" and "-0.5" into "-.5" to save a cell.
func trimZero(s string) string {
	if strings.HasPrefix(s, "0.") {
		return s[1:]
	}
	if strings.HasPrefix(s, "-0.") {
		return "-" + s[2:]
	}
	return s
}

// patternLines draws each head's pooled pattern as a tw × th tile of half
// blocks.
func (m Model) patternLines(tw, th int) []string {
	lines := []string{m.title(true), m.headerLine(0, m.heads, tw+1)}
	nl := min(m.layers, max(1, (m.height-2)/th))
	l0 := window(m.cl, m.layers, nl)
	for l := l0; l < l0+nl; l++ {
		rows := make([]strings.Builder, th)
		for r := range rows {
			if r == 0 {
				rows[r].WriteString(m.layerLabel(l))
			} else {
				rows[r].WriteString(strings.Repeat(" ", labelW))
			}
		}
		for h := range m.heads {
			m.writeTile(rows, l, h, tw, th)
		}
		for r := range rows {
			lines = append(lines, rows[r].String())
		}
	}
	return lines
}

// writeTile appends head (l, h)'s tile to rows, with a gap column that
// marks the cursor.
func (m Model) writeTile(rows []strings.Builder, l, h, tw, th int) {
	p := m.thumbs.Pattern(l, h)
	n := m.thumbs.N
	var hi float32
	for _, v := range p {
		hi = max(hi, v)
	}
	cur := l == m.cl && h == m.ch
	for r := range th {
		if cur {
			rows[r].WriteString(m.Styles.Cursor.Render("▌"))
		} else {
			rows[r].WriteByte(' ')
		}
		if len(p) != n*n {
			rows[r].WriteString(m.Styles.Muted.Render(strings.Repeat("·", tw)))
			continue
		}
		for c := range tw {
			top := pool(p, n, 2*r, c, 2*th, tw)
			bot := pool(p, n, 2*r+1, c, 2*th, tw)
			rows[r].WriteString(m.pal.Half(swatch.Level(top, 0, hi), swatch.Level(bot, 0, hi)))
		}
	}
}

// pool is the largest value of the n×n pattern p falling in cell (r, c) of
// a rows × cols grid.
func pool(p []float32, n, r, c, rows, cols int) float32 {
	r0, r1 := r*n/rows, max(r*n/rows+1, (r+1)*n/rows)
	c0, c1 := c*n/cols, max(c*n/cols+1, (c+1)*n/cols)
	var v float32
	for i := r0; i < min(r1, n); i++ {
		for j := c0; j < min(c1, n); j++ {
			v = max(v, p[i*n+j])
		}
	}
	return v
}
