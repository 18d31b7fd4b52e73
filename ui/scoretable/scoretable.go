package scoretable

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/internal/cells"
	"github.com/attnscope/attnscope/ui/internal/swatch"
)

// Column is one head score over every layer and head.
type Column struct {
	Name   string      // shown as the header, e.g. "induction"
	Values [][]float32 // [layer][head]
	Lo, Hi float32     // the colour scale's range
}

// OpenMsg asks to show one head.
type OpenMsg struct{ Layer, Head int }

// Styles are the table's text styles.
type Styles struct {
	Header, Sorted, Label, Cursor, Muted lipgloss.Style
}

// DefaultStyles builds the styles from theme roles.
func DefaultStyles(t themes.Theme) Styles {
	s := lipgloss.NewStyle
	return Styles{
		Header: s().Foreground(t.Muted),
		Sorted: s().Bold(true).Foreground(t.Accent),
		Label:  s().Foreground(t.Text),
		Cursor: s().Bold(true).Foreground(t.Cursor.Fg).Background(t.Cursor.Bg),
		Muted:  s().Foreground(t.Muted),
	}
}

type row struct{ l, h int }

// Model is the head-score table.
type Model struct {
	KeyMap KeyMap
	Styles Styles

	cols          []Column
	rows          []row // in display order
	sortCol       int
	ascending     bool
	cursor        int
	width, height int
	focused       bool
	pal           *swatch.Palette
}

// New returns an empty table sorted by its first column, largest first.
func New(theme themes.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), focused: true}
	m.SetTheme(theme, colorprofile.TrueColor, false)
	return m
}

// SetTheme restyles the table for a theme, colour profile and NO_COLOR.
func (m *Model) SetTheme(t themes.Theme, p colorprofile.Profile, noColor bool) {
	m.Styles = DefaultStyles(t)
	m.pal = swatch.New(t, p, noColor)
}

// SetColumns replaces the scores; the sort column stays by name and the
// cursor on the same head.
func (m *Model) SetColumns(cols []Column) {
	name := ""
	if m.sortCol < len(m.cols) {
		name = m.cols[m.sortCol].Name
	}
	l, h, had := m.Selected()
	m.cols = cols
	m.sortCol = 0
	m.rows = m.rows[:0]
	if len(cols) > 0 {
		for l := range cols[0].Values {
			for h := range cols[0].Values[l] {
				m.rows = append(m.rows, row{l, h})
			}
		}
	}
	if !m.SortBy(name) {
		m.sort()
	}
	m.cursor = 0
	if had {
		m.selectHead(l, h)
	}
}

// SortBy sorts by the column named name (largest first) and reports
// whether there is one.
func (m *Model) SortBy(name string) bool {
	for i, c := range m.cols {
		if c.Name == name {
			m.sortCol, m.ascending = i, false
			m.sort()
			return true
		}
	}
	return false
}

// SortColumn is the name of the column the table is sorted by.
func (m Model) SortColumn() string {
	if m.sortCol < len(m.cols) {
		return m.cols[m.sortCol].Name
	}
	return ""
}

// Selected is the head on the cursor's row.
func (m Model) Selected() (layer, head int, ok bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return 0, 0, false
	}
	r := m.rows[m.cursor]
	return r.l, r.h, true
}

func (m *Model) selectHead(l, h int) {
	for i, r := range m.rows {
		if r.l == l && r.h == h {
			m.cursor = i
		}
	}
}

// sort orders rows by the sort column; ties by layer then head, so the
// order is stable and the same on every machine.
func (m *Model) sort() {
	if m.sortCol >= len(m.cols) {
		return
	}
	v := m.cols[m.sortCol].Values
	asc := m.ascending
	sort.SliceStable(m.rows, func(i, j int) bool {
		a, b := m.rows[i], m.rows[j]
		x, y := v[a.l][a.h], v[b.l][b.h]
		if x != y {
			return (x < y) == asc
		}
		if a.l != b.l {
			return a.l < b.l
		}
		return a.h < b.h
	})
}

// SetSize sets the table's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Focus makes the table take keys.
func (m *Model) Focus() { m.focused = true }

// Blur makes the table ignore keys.
func (m *Model) Blur() { m.focused = false }

// Update handles a key while focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.focused || len(m.rows) == 0 {
		return m, nil
	}
	l, h, _ := m.Selected()
	switch {
	case key.Matches(kp, m.KeyMap.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(kp, m.KeyMap.Down):
		m.cursor = min(len(m.rows)-1, m.cursor+1)
	case key.Matches(kp, m.KeyMap.Top):
		m.cursor = 0
	case key.Matches(kp, m.KeyMap.Bottom):
		m.cursor = len(m.rows) - 1
	case key.Matches(kp, m.KeyMap.PrevCol), key.Matches(kp, m.KeyMap.NextCol):
		d := 1
		if key.Matches(kp, m.KeyMap.PrevCol) {
			d = len(m.cols) - 1
		}
		m.sortCol, m.ascending = (m.sortCol+d)%len(m.cols), false
		m.sort()
		m.cursor = 0
	case key.Matches(kp, m.KeyMap.Reverse):
		m.ascending = !m.ascending
		m.sort()
		m.selectHead(l, h)
	case key.Matches(kp, m.KeyMap.Open):
		return m, func() tea.Msg { return OpenMsg{Layer: l, Head: h} }
	}
	return m, nil
}

const (
	headW = 7 // "L11H11 "
	colW  = 18
)

// View draws the table in at most width × height cells; it is pure.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if len(m.rows) == 0 {
		return cells.Clip(m.Styles.Muted.Render("no head scores yet"), m.width)
	}
	cw := min(colW, max(6, (m.width-headW)/max(1, len(m.cols))))
	var hdr strings.Builder
	hdr.WriteString(cells.Pad("head", headW))
	for i, c := range m.cols {
		name := cells.Clip(c.Name, cw-3)
		st := m.Styles.Header
		if i == m.sortCol {
			st = m.Styles.Sorted
			name += map[bool]string{false: " ▼", true: " ▲"}[m.ascending]
		}
		hdr.WriteString(st.Render(cells.Pad(name, cw)))
	}
	lines := []string{cells.Clip(hdr.String(), m.width)}
	n := m.height - 1
	first := 0
	if len(m.rows) > n {
		first = min(max(0, m.cursor-n/2), len(m.rows)-n)
	}
	for i := first; i < min(len(m.rows), first+n); i++ {
		lines = append(lines, cells.Clip(m.rowLine(i, cw), m.width))
	}
	return strings.Join(lines, "\n")
}

func (m Model) rowLine(i, cw int) string {
	r := m.rows[i]
	var b strings.Builder
	name := cells.Pad(fmt.Sprintf("L%dH%d", r.l, r.h), headW)
	if i == m.cursor {
		b.WriteString(m.Styles.Cursor.Render(name))
	} else {
		b.WriteString(m.Styles.Label.Render(name))
	}
	for _, c := range m.cols {
		v := c.Values[r.l][r.h]
		lv := swatch.Level(v, c.Lo, c.Hi)
		bar := min(4, max(1, cw-8))
		b.WriteString(m.pal.Fill(lv, bar))
		b.WriteString(cells.Pad(fmt.Sprintf(" %.3f", v), cw-bar))
	}
	return b.String()
}
