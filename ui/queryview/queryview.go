package queryview

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/internal/cells"
	"github.com/attnscope/attnscope/ui/internal/swatch"
)

// Weights gives head h's attention row for query i (length ≥ i+1; the
// causal part is 0…i). It must be cheap: View calls it once per head.
type Weights func(h, i int) []float32

// OpenMsg asks to show one head of the layer.
type OpenMsg struct{ Layer, Head int }

// Styles are the query view's text styles.
type Styles struct {
	Title, Label, Cursor, Query, Muted lipgloss.Style
}

// DefaultStyles builds the styles from theme roles.
func DefaultStyles(t themes.Theme) Styles {
	s := lipgloss.NewStyle
	return Styles{
		Title:  s().Bold(true).Foreground(t.Accent),
		Label:  s().Foreground(t.Muted),
		Cursor: s().Bold(true).Foreground(t.Cursor.Fg).Background(t.Cursor.Bg),
		Query:  s().Bold(true).Underline(true).Foreground(t.Accent),
		Muted:  s().Foreground(t.Muted),
	}
}

// Model is the query view of one layer.
type Model struct {
	KeyMap KeyMap
	Styles Styles

	labels        []string // token labels (already safe to print)
	layer, heads  int
	weights       Weights
	query, head   int
	hideFirst     bool
	width, height int
	focused       bool
	pal           *swatch.Palette
}

// New returns an empty query view.
func New(theme themes.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), focused: true}
	m.SetTheme(theme, colorprofile.TrueColor, false)
	return m
}

// SetTheme restyles the view for a theme, colour profile and NO_COLOR.
func (m *Model) SetTheme(t themes.Theme, p colorprofile.Profile, noColor bool) {
	m.Styles = DefaultStyles(t)
	m.pal = swatch.New(t, p, noColor)
}

// SetTokens sets the token labels; the query stays in range (on the last
// token the first time).
func (m *Model) SetTokens(labels []string) {
	first := m.labels == nil
	m.labels = labels
	if first {
		m.query = len(labels) - 1
	}
	m.query = min(max(0, m.query), max(0, len(labels)-1))
}

// SetLayer sets the layer shown, its head count and its weights (nil
// while the layer is being computed).
func (m *Model) SetLayer(layer, heads int, w Weights) {
	m.layer, m.heads, m.weights = layer, heads, w
	m.head = min(max(0, m.head), max(0, heads-1))
}

// Query is the focused token.
func (m Model) Query() int { return m.query }

// SetQuery focuses token i (clamped).
func (m *Model) SetQuery(i int) { m.query = min(max(0, i), max(0, len(m.labels)-1)) }

// Head is the highlighted head.
func (m Model) Head() int { return m.head }

// SetHead highlights head h (clamped).
func (m *Model) SetHead(h int) { m.head = min(max(0, h), max(0, m.heads-1)) }

// HideFirst reports whether the first token is hidden.
func (m Model) HideFirst() bool { return m.hideFirst }

// SetHideFirst hides the first token (and renormalises) or shows it.
func (m *Model) SetHideFirst(on bool) { m.hideFirst = on }

// SetSize sets the view's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Focus makes the view take keys.
func (m *Model) Focus() { m.focused = true }

// Blur makes the view ignore keys.
func (m *Model) Blur() { m.focused = false }

// Update handles a key while focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.focused {
		return m, nil
	}
	switch {
	case key.Matches(kp, m.KeyMap.Prev):
		m.SetQuery(m.query - 1)
	case key.Matches(kp, m.KeyMap.Next):
		m.SetQuery(m.query + 1)
	case key.Matches(kp, m.KeyMap.First):
		m.SetQuery(0)
	case key.Matches(kp, m.KeyMap.Last):
		m.SetQuery(len(m.labels) - 1)
	case key.Matches(kp, m.KeyMap.Up):
		m.SetHead(m.head - 1)
	case key.Matches(kp, m.KeyMap.Down):
		m.SetHead(m.head + 1)
	case key.Matches(kp, m.KeyMap.HideFirst):
		m.hideFirst = !m.hideFirst
	case key.Matches(kp, m.KeyMap.Open):
		if m.heads > 0 {
			l, h := m.layer, m.head
			return m, func() tea.Msg { return OpenMsg{Layer: l, Head: h} }
		}
	}
	return m, nil
}

// row is head h's weights over tokens 0…query, renormalised without the
// first token when it is hidden.
func (m Model) row(h int) []float32 {
	w := m.weights(h, m.query)
	if len(w) < m.query+1 {
		return nil
	}
	w = w[:m.query+1]
	if !m.hideFirst || m.query == 0 {
		return w
	}
	var s float32
	for _, v := range w[1:] {
		s += v
	}
	out := make([]float32, len(w))
	if s > 0 {
		for j := 1; j < len(w); j++ {
			out[j] = w[j] / s
		}
	}
	return out
}

const labelW = 5 // "H11 "

// View draws the view in at most width × height cells; it is pure.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if len(m.labels) == 0 {
		return cells.Clip(m.Styles.Muted.Render("no tokens"), m.width)
	}
	lines := []string{m.title()}
	if m.weights == nil {
		lines = append(lines, m.Styles.Muted.Render(fmt.Sprintf("layer %d is being computed…", m.layer)))
	} else {
		n := max(0, m.height-1)
		first := 0
		if m.heads > n && n > 0 {
			first = min(max(0, m.head-n/2), m.heads-n)
		}
		shown := m.shown() // the same tokens on every head's line
		for h := first; h < min(m.heads, first+n); h++ {
			lines = append(lines, m.headLine(h, shown))
		}
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i := range lines {
		lines[i] = cells.Clip(lines[i], m.width)
	}
	return strings.Join(lines, "\n")
}

func (m Model) title() string {
	hidden := ""
	if m.hideFirst {
		hidden = " · first token hidden, rows renormalised"
	}
	return m.Styles.Title.Render(fmt.Sprintf("query \"%s\"", m.labels[m.query])) +
		m.Styles.Muted.Render(fmt.Sprintf(" (token %d) in layer %d%s · each line is one head", m.query, m.layer, hidden))
}

// headLine is head h's label and the tokens shown (see shown), each
// shaded by the weight head h gives it.
func (m Model) headLine(h int, shown []int) string {
	label := cells.Pad(fmt.Sprintf("H%d", h), labelW-1) + " "
	if h == m.head {
		label = m.Styles.Cursor.Render(label[:labelW-1]) + " "
	} else {
		label = m.Styles.Label.Render(label)
	}
	w := m.row(h)
	var hi float32
	for _, v := range w {
		hi = max(hi, v)
	}
	var b strings.Builder
	b.WriteString(label)
	for _, j := range shown {
		if j < 0 {
			b.WriteString(m.Styles.Muted.Render(gap))
			continue
		}
		b.WriteString(m.token(j, w, hi))
	}
	return b.String()
}

// gap stands for tokens left out between the two parts of a line.
const gap = " … "

// label is token j's label as drawn (with a shade glyph when there is no
// colour to shade with).
func (m Model) label(j int, w []float32, hi float32) string {
	lab := m.labels[j]
	if m.pal.NoColor && j < len(w) {
		lab = swatch.Shade(swatch.Level(w[j], 0, hi)) + lab
	}
	return lab
}

// token is token j shaded by its weight in w (the query underlined).
func (m Model) token(j int, w []float32, hi float32) string {
	lab := m.label(j, w, hi)
	switch {
	case j == m.query && j < len(w):
		return m.pal.Cell(swatch.Level(w[j], 0, hi), m.Styles.Query.Render(lab))
	case j == m.query:
		return m.Styles.Query.Render(lab)
	case j < len(w) && (j > 0 || !m.hideFirst):
		return m.pal.Cell(swatch.Level(w[j], 0, hi), lab)
	}
	return m.Styles.Muted.Render(lab)
}

// shown is the tokens every line draws, in order, as many as fit ending at
// the query; when the highlighted head's strongest key lies further back,
// a few tokens around it come first and a gap (−1) stands for the rest,
// so the token it looks at is always on screen (an induction head's target
// is a whole repeat back).
func (m Model) shown() []int {
	room := m.width - labelW
	w := m.row(m.head)
	var hi float32
	for _, v := range w {
		hi = max(hi, v)
	}
	width := func(j int) int { return ansi.StringWidth(m.label(j, w, hi)) }
	var right []int
	for j := m.query; j >= 0 && width(j) <= room; j-- {
		room -= width(j)
		right = append(right, j)
	}
	slices.Reverse(right)
	top := argmax(w, m.hideFirst)
	if top < 0 || len(right) == 0 || top >= right[0] {
		return right
	}
	// Make room for the gap and the strongest key with its neighbours.
	var left []int
	need := ansi.StringWidth(gap)
	for j := max(0, top-1); j <= min(top+2, m.query) && j < right[0]; j++ {
		need += width(j)
		left = append(left, j)
	}
	for len(right) > 1 && need > room {
		room += width(right[0])
		right = right[1:]
	}
	if need > room {
		return right
	}
	if left[len(left)-1]+1 >= right[0] {
		return append(left, right...)
	}
	return append(append(left, -1), right...)
}

// argmax is the index of the largest weight (skipping the first token when
// it is hidden), or −1 for an empty row.
func argmax(w []float32, skipFirst bool) int {
	best := -1
	for j, v := range w {
		if (j == 0 && skipFirst) || (best >= 0 && v <= w[best]) {
			continue
		}
		best = j
	}
	return best
}
