package headgrid

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/internal/swatch"
)

// Score is one head score over every layer and head.
type Score struct {
	Name   string      // e.g. "induction"
	Values [][]float32 // [layer][head]; NaN: not computed yet, drawn as ·
	Lo, Hi float32     // the colour scale's range
}

// Thumbs are pooled attention patterns: Pattern(l, h) is an N×N row-major
// max-pooled copy of head h of layer l (nil while the layer is not
// computed).
type Thumbs struct {
	N       int
	Pattern func(l, h int) []float32
}

// ZoomMsg asks to open one head.
type ZoomMsg struct{ Layer, Head int }

// Styles are the overview's text styles.
type Styles struct {
	Label, Cursor, Muted, Title lipgloss.Style
}

// DefaultStyles builds the styles from theme roles.
func DefaultStyles(t themes.Theme) Styles {
	s := lipgloss.NewStyle
	return Styles{
		Label:  s().Foreground(t.Muted),
		Cursor: s().Bold(true).Foreground(t.Cursor.Fg).Background(t.Cursor.Bg),
		Muted:  s().Foreground(t.Muted),
		Title:  s().Bold(true).Foreground(t.Accent),
	}
}

// Model is the overview of every head.
type Model struct {
	KeyMap KeyMap
	Styles Styles

	layers, heads int
	scores        []Score
	score         int
	thumbs        Thumbs
	patterns      bool // draw thumbnails when they fit
	cl, ch        int  // cursor: layer, head
	width, height int
	focused       bool
	pal           *swatch.Palette
}

// New returns an overview of layers × heads, cursor on L0H0.
func New(layers, heads int, theme themes.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), layers: max(0, layers), heads: max(0, heads), patterns: true, focused: true}
	m.SetTheme(theme, colorprofile.TrueColor, false)
	return m
}

// SetTheme restyles the overview for a theme, colour profile and NO_COLOR.
func (m *Model) SetTheme(t themes.Theme, p colorprofile.Profile, noColor bool) {
	m.Styles = DefaultStyles(t)
	m.pal = swatch.New(t, p, noColor)
}

// SetScores replaces the head scores; the chosen score stays by name.
func (m *Model) SetScores(s []Score) {
	name := m.ScoreName()
	m.scores = s
	m.score = 0
	for i, sc := range s {
		if sc.Name == name {
			m.score = i
		}
	}
}

// SelectScore chooses the score named name and reports whether it exists.
func (m *Model) SelectScore(name string) bool {
	for i, sc := range m.scores {
		if sc.Name == name {
			m.score = i
			return true
		}
	}
	return false
}

// ScoreName is the score in force ("" when there is none).
func (m Model) ScoreName() string {
	if m.score < len(m.scores) {
		return m.scores[m.score].Name
	}
	return ""
}

// SetThumbs sets the pooled patterns drawn when they fit.
func (m *Model) SetThumbs(t Thumbs) { m.thumbs = t }

// SetSize sets the overview's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Focus and Blur make the overview take or ignore keys.
func (m *Model) Focus() { m.focused = true }

// Blur makes the overview ignore keys.
func (m *Model) Blur() { m.focused = false }

// Cursor is the head under the cursor.
func (m Model) Cursor() (layer, head int) { return m.cl, m.ch }

// SetCursor moves the cursor, clamped to the grid.
func (m *Model) SetCursor(layer, head int) {
	m.cl = min(max(0, layer), max(0, m.layers-1))
	m.ch = min(max(0, head), max(0, m.heads-1))
}

// Update handles a key while focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.focused {
		return m, nil
	}
	switch {
	case key.Matches(kp, m.KeyMap.Up):
		m.SetCursor(m.cl-1, m.ch)
	case key.Matches(kp, m.KeyMap.Down):
		m.SetCursor(m.cl+1, m.ch)
	case key.Matches(kp, m.KeyMap.Left):
		m.SetCursor(m.cl, m.ch-1)
	case key.Matches(kp, m.KeyMap.Right):
		m.SetCursor(m.cl, m.ch+1)
	case key.Matches(kp, m.KeyMap.NextScore), key.Matches(kp, m.KeyMap.PrevScore):
		n := len(m.scores)
		switch {
		case n == 0:
		case m.Patterns():
			m.patterns = false // first show the score in force
		case key.Matches(kp, m.KeyMap.NextScore):
			m.score = (m.score + 1) % n
		default:
			m.score = (m.score + n - 1) % n
		}
		m.patterns = false
	case key.Matches(kp, m.KeyMap.Thumbs):
		m.patterns = !m.patterns
	case key.Matches(kp, m.KeyMap.Zoom):
		if m.layers > 0 && m.heads > 0 {
			l, h := m.cl, m.ch
			return m, func() tea.Msg { return ZoomMsg{Layer: l, Head: h} }
		}
	}
	return m, nil
}
