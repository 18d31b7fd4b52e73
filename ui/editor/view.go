package editor

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/tokenizer"
)

// cell is one rune of the text as drawn: itself, or an escape.
type cell struct {
	text   string
	escape bool
	width  int
}

// Invisible reports whether r must not reach the terminal raw: controls,
// format characters (bidi controls LRM, RLM, ALM, LRE…RLO, LRI…PDI; ZWSP,
// ZWNJ, ZWJ, WJ, BOM), line and paragraph separators, spaces other than
// U+0020, private use and unassigned code points.
func Invisible(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co, unicode.Cn) ||
		(unicode.Is(unicode.Zs, r) && r != ' ')
}

// Visible returns how r is drawn: itself, or the tokenizer's label for it
// (‹RLO›, ‹ZWSP›, ‹U+2061›) when it is Invisible.
func Visible(r rune) (string, bool) {
	if Invisible(r) {
		return tokenizer.Label([]byte(string(r))), true
	}
	return string(r), false
}

func cellsOf(line string) []cell {
	out := make([]cell, 0, len(line))
	for _, r := range line {
		t, esc := Visible(r)
		out = append(out, cell{t, esc, ansi.StringWidth(t)})
	}
	return out
}

// View draws the editor: exactly Height lines, none wider than Width, with
// the cursor in reverse video. No invisible or bidi character is written
// raw.
func (m Model) View() string {
	pw := min(ansi.StringWidth(m.Prompt), m.width)
	avail := m.width - pw
	var rows [][]cell
	var curRow, curCol int
	if m.height == 1 {
		rows, curRow, curCol = m.oneLine()
	} else {
		rows, curRow, curCol = m.wrapped(max(avail, 1))
	}
	empty := m.Value() == ""
	first, last := m.window(len(rows), curRow)
	out := make([]string, 0, m.height)
	for i := first; i < last; i++ {
		var b strings.Builder
		if i == 0 {
			b.WriteString(m.Styles.Prompt.Render(ansi.Truncate(m.Prompt, m.width, "")))
		} else {
			b.WriteString(strings.Repeat(" ", pw))
		}
		cur := -1
		if i == curRow && m.Focused() {
			cur = curCol
		}
		b.WriteString(m.drawRow(rows[i], cur, avail, i == 0 && empty))
		out = append(out, b.String())
	}
	for len(out) < m.height {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// window picks the rows shown: the cursor's row always among them.
func (m Model) window(n, cur int) (first, last int) {
	first = min(max(cur-m.height+1, 0), max(n-m.height, 0))
	return first, min(n, first+m.height)
}

// drawRow draws cells within avail cells; cur is the cursor's cell index
// (len(cells) for after the end, -1 for none). placeholder: the text is
// empty and this is its row.
func (m Model) drawRow(cells []cell, cur, avail int, placeholder bool) string {
	var b strings.Builder
	if avail <= 0 {
		return ""
	}
	if placeholder {
		if cur >= 0 {
			b.WriteString(m.Styles.Cursor.Render(" "))
			avail--
		}
		b.WriteString(m.Styles.Placeholder.Render(ansi.Truncate(m.Placeholder, max(avail, 0), "…")))
		return b.String()
	}
	used := 0
	for k, c := range cells {
		if used+c.width > avail {
			break
		}
		st := m.Styles.Text
		if c.escape {
			st = m.Styles.Escape
		}
		if k == cur {
			st = st.Reverse(true)
		}
		b.WriteString(st.Render(c.text))
		used += c.width
	}
	if cur == len(cells) && used < avail {
		b.WriteString(m.Styles.Cursor.Render(" "))
	}
	return b.String()
}

// lines returns the text's lines and the cursor's line and rune index.
func (m Model) lines() ([]string, int, int) {
	lines := strings.Split(m.Value(), "\n")
	row := min(max(m.ta.Line(), 0), len(lines)-1)
	col := min(max(m.ta.Column(), 0), len([]rune(lines[row])))
	return lines, row, col
}

// oneLine lays the whole text out on one row, ↵ where lines break,
// scrolled so that the cursor is in view.
func (m Model) oneLine() ([][]cell, int, int) {
	lines, row, col := m.lines()
	var cells []cell
	cur := 0
	for i, l := range lines {
		if i > 0 {
			cells = append(cells, cell{tokenizer.NewlineMarker, true, 1})
		}
		if i == row {
			cur = len(cells) + col
		}
		cells = append(cells, cellsOf(l)...)
	}
	avail := max(m.width-ansi.StringWidth(m.Prompt), 1)
	// Scroll: "…", then the cells before the cursor that fit, the
	// cursor's cell and one after it.
	if cellsWidth(cells[:cur])+2 > avail && cur > 0 {
		start, w := cur, 2
		for start > 0 && w+cells[start-1].width <= avail {
			start--
			w += cells[start].width
		}
		cells = append([]cell{{"…", true, 1}}, cells[start:]...)
		cur = cur - start + 1
	}
	return [][]cell{cells}, 0, cur
}

// wrapped lays the text out one line per row, long lines wrapped at avail
// cells, never inside an escape.
func (m Model) wrapped(avail int) ([][]cell, int, int) {
	lines, row, col := m.lines()
	var rows [][]cell
	curRow, curCol := 0, 0
	for i, l := range lines {
		cells := cellsOf(l)
		start, w := 0, 0
		for k := 0; k <= len(cells); k++ {
			if i == row && k == col {
				curRow, curCol = len(rows), k-start
			}
			if k == len(cells) {
				break
			}
			if w+cells[k].width > avail && k > start {
				rows = append(rows, cells[start:k])
				if i == row && k == col {
					curRow, curCol = len(rows), 0
				}
				start, w = k, 0
			}
			w += cells[k].width
		}
		rows = append(rows, cells[start:])
		if i == row && col == len(cells) && w >= avail {
			rows = append(rows, nil) // the cursor after a full row
			curRow, curCol = len(rows)-1, 0
		}
	}
	return rows, curRow, curCol
}

func cellsWidth(cs []cell) int {
	w := 0
	for _, c := range cs {
		w += c.width
	}
	return w
}
