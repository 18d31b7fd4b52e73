package inspector

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// KeyMap is the inspector's key bindings. They only scroll, and avoid the
// keys every screen uses (arrows and h j k l move the cell cursor).
type KeyMap struct {
	ScrollUp   key.Binding
	ScrollDown key.Binding
}

// DefaultKeyMap returns the default bindings: shift+↑/K and shift+↓/J
// scroll. The root model may rebind them if they clash with its own keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ScrollUp:   key.NewBinding(key.WithKeys("shift+up", "K"), key.WithHelp("K/⇧↑", "scroll inspector up")),
		ScrollDown: key.NewBinding(key.WithKeys("shift+down", "J"), key.WithHelp("J/⇧↓", "scroll inspector down")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.ScrollUp, k.ScrollDown} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.ScrollUp, k.ScrollDown}}
}

// Styles is how the inspector draws each kind of text.
type Styles struct {
	Heading lipgloss.Style // a block's title, e.g. "Attention score ω₂₃"
	Text    lipgloss.Style // formulas and explanations
	Muted   lipgloss.Style // notes, token labels, the scroll bar
	Value   lipgloss.Style // numbers read from the computed tensors
	Warning lipgloss.Style // masked, dropped, not computed
}

// DefaultStyles derives the styles from a theme's roles.
func DefaultStyles(t themes.Theme) Styles {
	return Styles{
		Heading: lipgloss.NewStyle().Bold(true).Foreground(t.Accent),
		Text:    lipgloss.NewStyle().Foreground(t.Text),
		Muted:   lipgloss.NewStyle().Foreground(t.Muted),
		Value:   lipgloss.NewStyle().Bold(true).Foreground(t.Text),
		Warning: lipgloss.NewStyle().Foreground(t.Warning),
	}
}

// NoColorStyles are styles without colour (NO_COLOR, or a terminal that
// has none): headings and values bold, warnings underlined.
func NoColorStyles() Styles {
	return Styles{
		Heading: lipgloss.NewStyle().Bold(true),
		Text:    lipgloss.NewStyle(),
		Muted:   lipgloss.NewStyle(),
		Value:   lipgloss.NewStyle().Bold(true),
		Warning: lipgloss.NewStyle().Underline(true),
	}
}

func (s Styles) of(r role) lipgloss.Style {
	switch r.base() {
	case roleMuted:
		return s.Muted
	case roleHead:
		return s.Heading
	case roleValue:
		return s.Value
	case roleWarn:
		return s.Warning
	}
	return s.Text
}

// Cell is what the inspector explains: one cell of one stage's main matrix.
type Cell struct {
	Stage  pipeline.StageDef
	Result *compute.Result
	// Head is the head shown at the per-head stages (0-based).
	Head int
	// Row and Col index the stage's main matrix (see GridSize).
	Row, Col int
	// Labels are the tokens' labels, one per row of X.
	Labels []string
}

// Model is the inspector: the computation behind the cell under the cursor,
// with the actual numbers, wrapped to the panel and scrollable.
type Model struct {
	KeyMap KeyMap
	Styles Styles

	cell          Cell
	set           bool
	width, height int
	doc           doc
	lines         []line
	widths        []int // each line's width in cells
	offset        int
}

// New returns an inspector styled by theme, 40×10 until SetSize.
func New(theme themes.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), Styles: DefaultStyles(theme), width: 40, height: 10}
	m.rebuild()
	return m
}

// SetCell shows the cell (row, col) of stage's main matrix (GridSize says
// which matrix that is), for head at the multi-head stages. Missing tensors,
// a nil r and cells outside the matrix are explained, never a panic. The
// scroll position is kept while the stage stays the same.
func (m *Model) SetCell(stage pipeline.StageDef, r *compute.Result, head, row, col int, labels []string) {
	if !m.set || stage.Name != m.cell.Stage.Name || head != m.cell.Head {
		m.offset = 0
	}
	m.cell = Cell{Stage: stage, Result: r, Head: head, Row: row, Col: col, Labels: labels}
	m.set = true
	m.rebuild()
}

// Cell returns the cell being explained.
func (m Model) Cell() Cell { return m.cell }

// SetSize sets the panel's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.relayout()
}

// Width and Height return the panel's size.
func (m Model) Width() int  { return m.width }
func (m Model) Height() int { return m.height }

// Content is the whole explanation, laid out at the panel's width, without
// styling or scrolling.
func (m Model) Content() string {
	out := make([]string, len(m.lines))
	for i, l := range m.lines {
		out[i] = strings.TrimRight(l.plain(), " ")
	}
	return strings.Join(out, "\n")
}

func (m *Model) rebuild() {
	if m.set {
		m.doc = explain(m.cell)
	} else {
		m.doc = doc{}
		m.doc.heading("Inspector")
		m.doc.text(roleMuted, "Move the cursor onto a cell to see how its number is computed.")
	}
	m.relayout()
}

func (m *Model) relayout() {
	m.lines = m.doc.layout(m.width)
	m.widths = make([]int, len(m.lines))
	for i, l := range m.lines {
		m.widths[i] = lipgloss.Width(l.plain())
	}
	m.clamp()
}

// page is the number of content lines on screen: one line is kept for the
// scroll bar when the content does not fit.
func (m Model) page() int {
	if len(m.lines) > m.height {
		return max(m.height-1, 0)
	}
	return m.height
}

func (m *Model) clamp() {
	m.offset = min(m.offset, max(len(m.lines)-m.page(), 0))
	m.offset = max(m.offset, 0)
}

// ScrollBy moves the view n lines down (up when negative).
func (m *Model) ScrollBy(n int) {
	m.offset += n
	m.clamp()
}

// Update handles the scroll keys and the mouse wheel. The root model
// decides which messages reach the inspector (e.g. wheel events over it).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.KeyMap.ScrollUp):
			m.ScrollBy(-1)
		case key.Matches(msg, m.KeyMap.ScrollDown):
			m.ScrollBy(1)
		}
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			m.ScrollBy(-3)
		case tea.MouseWheelDown:
			m.ScrollBy(3)
		}
	}
	return m, nil
}

// View draws the panel: exactly height lines, each exactly width cells.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.styler()
	page := m.page()
	out := make([]string, 0, m.height)
	for i := m.offset; i < m.offset+page && i < len(m.lines); i++ {
		out = append(out, m.render(m.lines[i], m.widths[i], st))
	}
	for len(out) < page {
		out = append(out, strings.Repeat(" ", m.width))
	}
	if page < m.height {
		bar := m.scrollBar()
		out = append(out, m.render(line{{bar, roleMuted}}, lipgloss.Width(bar), st))
	}
	return strings.Join(out, "\n")
}

// scrollBar says where the view is and how to move it.
func (m Model) scrollBar() string {
	up, down := "", ""
	if m.offset > 0 {
		up = "↑"
	}
	if m.offset+m.page() < len(m.lines) {
		down = "↓"
	}
	s := fmt.Sprintf("%s%s %d–%d of %d · %s %s", up, down, m.offset+1,
		min(m.offset+m.page(), len(m.lines)), len(m.lines),
		m.KeyMap.ScrollDown.Help().Key, "scrolls")
	if lipgloss.Width(s) > m.width {
		s = up + down
	}
	return s
}

// styler styles runs of text by role. Rendering a style is slow, so each
// role's style is rendered once around a sentinel and the escape sequences
// before and after it are reused; a style that does more than colour text
// (padding, borders…) falls back to Render.
type styler struct {
	s        Styles
	pre, suf [roleWarn + 1]string
	ok       [roleWarn + 1]bool
}

const sentinel = "\uE000"

func (m Model) styler() styler {
	st := styler{s: m.Styles}
	for r := roleText; r <= roleWarn; r++ {
		out := m.Styles.of(r).Render(sentinel)
		if pre, suf, found := strings.Cut(out, sentinel); found && !strings.Contains(suf, sentinel) &&
			lipgloss.Width(out) == 1 {
			st.pre[r], st.suf[r], st.ok[r] = pre, suf, true
		}
	}
	return st
}

func (st styler) style(r role, t string) string {
	if strings.TrimSpace(t) == "" {
		return t
	}
	if st.ok[r] {
		return st.pre[r] + t + st.suf[r]
	}
	return st.s.of(r).Render(t)
}

// render styles one line of w cells, cut or padded to the panel's width.
// Neighbouring runs in the same role are styled together.
func (m Model) render(l line, w int, st styler) string {
	var b, run strings.Builder
	runRole := roleText
	flush := func() {
		b.WriteString(st.style(runRole, run.String()))
		run.Reset()
	}
	if w > m.width { // only a line holding a rune wider than the panel
		w = 0
		for _, s := range l {
			t, _ := cut(s.text, m.width-w, true)
			w += lipgloss.Width(t)
			if s.role.base() != runRole {
				flush()
			}
			runRole = s.role.base()
			run.WriteString(t)
		}
	} else {
		for _, s := range l {
			if s.role.base() != runRole {
				flush()
			}
			runRole = s.role.base()
			run.WriteString(s.text)
		}
	}
	flush()
	if w < m.width {
		b.WriteString(strings.Repeat(" ", m.width-w))
	}
	return b.String()
}
