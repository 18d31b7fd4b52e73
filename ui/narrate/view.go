package narrate

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

// KeyMap is the narration panel's key bindings. It implements help.KeyMap.
type KeyMap struct {
	// More shows the next page of a narration that does not fit, and the
	// first page again after the last.
	More key.Binding
}

// DefaultKeyMap returns the default bindings: N pages through the text.
func DefaultKeyMap() KeyMap {
	return KeyMap{More: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "more narration"))}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.More} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.More}} }

// Styles is how the panel draws each part.
type Styles struct {
	Formula lipgloss.Style
	Text    lipgloss.Style
	Hint    lipgloss.Style // "… more: N"
}

// DefaultStyles derives the styles from a theme.
func DefaultStyles(t themes.Theme) Styles {
	return Styles{
		Formula: lipgloss.NewStyle().Bold(true).Foreground(t.Accent),
		Text:    lipgloss.NewStyle().Foreground(t.Text),
		Hint:    lipgloss.NewStyle().Bold(true).Foreground(t.Muted),
	}
}

// Model draws a Narration in a few lines: the formula, then the text
// wrapped to the width (on one line: the notice). What does not fit is
// never lost: the last line says "… more: N" and N pages on.
type Model struct {
	KeyMap KeyMap
	Styles Styles

	n             Narration
	width, height int
	lines         []string // plain, wrapped to width; the formula first
	noticeLines   int      // lines of the notice (one-line panels start with it)
	formulaEnd    int      // index past the formula's last line
	offset        int      // first line shown
}

// NewModel returns an empty panel styled by th.
func NewModel(th themes.Theme) Model {
	return Model{KeyMap: DefaultKeyMap(), Styles: DefaultStyles(th)}
}

// SetNarration shows n from its first line.
func (m *Model) SetNarration(n Narration) {
	if n.Title != m.n.Title || n.Text != m.n.Text || n.Formula != m.n.Formula {
		m.offset = 0
	}
	m.n = n
	m.relayout()
}

// Narration returns the narration shown.
func (m Model) Narration() Narration { return m.n }

// SetSize sets the panel's size; View never exceeds it.
func (m *Model) SetSize(w, h int) {
	if w == m.width && h == m.height {
		return
	}
	m.width, m.height = max(w, 0), max(h, 0)
	m.relayout()
}

// Width and Height return the panel's size.
func (m Model) Width() int  { return m.width }
func (m Model) Height() int { return m.height }

// Lines returns how many lines the whole narration takes at the width: a
// root with room to spare may grow the panel to that.
func (m Model) Lines() int { return len(m.lines) }

// Cut reports whether some of the narration is out of view.
func (m Model) Cut() bool { return m.height > 0 && len(m.lines) > m.height }

func (m *Model) relayout() {
	m.lines, m.formulaEnd = m.wrap(m.width)
	if len(m.lines) > m.height {
		// Cut: wrap narrower so that the hint never covers any text and
		// each page starts where the last one ended.
		if w := m.width - ansi.StringWidth(m.hint(true)); w >= 10 {
			m.lines, m.formulaEnd = m.wrap(w)
		}
	}
	if m.offset >= len(m.lines) {
		m.offset = 0
	}
}

// wrap returns the lines at width w (on one line the notice comes first)
// and the index past the formula's last line.
func (m *Model) wrap(w int) (lines []string, formulaEnd int) {
	if w <= 0 || m.n.Title == "" {
		return nil, 0
	}
	notice := 0
	if m.height == 1 && m.n.Notice != "" {
		lines = strings.Split(ansi.Wrap(m.n.Notice, w, ""), "\n")
		notice = len(lines)
	}
	if m.n.Formula != "" {
		lines = append(lines, strings.Split(ansi.Wrap(m.n.Formula, w, ""), "\n")...)
	}
	formulaEnd = len(lines)
	if m.n.Text != "" {
		lines = append(lines, strings.Split(ansi.Wrap(m.n.Text, w, ""), "\n")...)
	}
	m.noticeLines = notice
	return lines, formulaEnd
}

// Update pages on the More key, back to the start after the last page;
// other messages are ignored.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok || !key.Matches(kp, m.KeyMap.More) || !m.Cut() {
		return m, nil
	}
	m.offset += m.height
	if m.offset >= len(m.lines) {
		m.offset = 0
	}
	return m, nil
}

// Offset returns the first line shown.
func (m Model) Offset() int { return m.offset }

// View draws exactly Height lines (none when there is nothing to say),
// none wider than Width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 || len(m.lines) == 0 {
		return ""
	}
	end := min(m.offset+m.height, len(m.lines))
	out := make([]string, 0, m.height)
	for i := m.offset; i < end; i++ {
		st := m.Styles.Text
		if m.isFormula(i) {
			st = m.Styles.Formula
		}
		text := m.lines[i]
		if i == end-1 && m.Cut() {
			more := end < len(m.lines)
			hint := m.hint(more)
			switch {
			case ansi.StringWidth(text)+ansi.StringWidth(hint) <= m.width:
				out = append(out, st.Render(text)+m.Styles.Hint.Render(hint))
				continue
			case more: // too narrow for the words: an ellipsis at least
				out = append(out, st.Render(ansi.Truncate(text, m.width-1, ""))+m.Styles.Hint.Render("…"))
				continue
			}
		}
		out = append(out, st.Render(ansi.Truncate(text, m.width, "")))
	}
	for len(out) < m.height { // always Height lines: what is below stays put
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// hint is what ends the last line when the narration is cut: how to read
// on, or how to go back to the start.
func (m Model) hint(more bool) string {
	k := m.KeyMap.More.Help().Key
	if !m.KeyMap.More.Enabled() || k == "" {
		return "…"
	}
	if more {
		return " … more: " + k
	}
	return " (" + k + ": from the start)"
}

func (m Model) isFormula(i int) bool { return i >= m.noticeLines && i < m.formulaEnd }
