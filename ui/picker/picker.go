package picker

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/themes"
)

// PickedMsg says the user picked a sample.
type PickedMsg struct{ Sample samples.Sample }

// ClosedMsg says the user closed the picker without picking.
type ClosedMsg struct{}

// Model is the sample picker.
type Model struct {
	KeyMap KeyMap
	Styles Styles
	Help   help.Model

	items         []samples.Sample
	cursor        int
	focused       bool
	width, height int
}

// New returns a blurred picker over samples.All(), the first highlighted.
func New(theme themes.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), Help: help.New(), width: 60, height: 12}
	m.SetTheme(theme)
	m.SetSamples(samples.All())
	return m
}

// SetTheme restyles the picker with theme's roles.
func (m *Model) SetTheme(theme themes.Theme) {
	m.Styles = DefaultStyles(theme)
	m.Help.Styles = m.Styles.Help
	m.Help.ShortSeparator = " · "
}

// SetSamples replaces the list; the highlight stays on the same name when
// it is still there, else goes to the first.
func (m *Model) SetSamples(items []samples.Sample) {
	var name string
	if s, ok := m.Highlighted(); ok {
		name = s.Name
	}
	m.items = append([]samples.Sample(nil), items...)
	m.cursor = 0
	m.Select(name)
}

// Select highlights the sample with the given name and reports whether
// there is one.
func (m *Model) Select(name string) bool {
	for i, s := range m.items {
		if s.Name == name {
			m.cursor = i
			return true
		}
	}
	return false
}

// Highlighted returns the highlighted sample (false when the list is empty).
func (m Model) Highlighted() (samples.Sample, bool) {
	if m.cursor < 0 || m.cursor >= len(m.items) {
		return samples.Sample{}, false
	}
	return m.items[m.cursor], true
}

// Focus makes the picker take keys.
func (m *Model) Focus() { m.focused = true }

// Blur makes the picker ignore keys.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the picker takes keys.
func (m Model) Focused() bool { return m.focused }

// SetSize sets the picker's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.Help.SetWidth(m.width)
}

// Update handles a key while the picker is focused. Picking or cancelling
// blurs the picker and returns a Cmd yielding PickedMsg or ClosedMsg.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !m.focused || !ok {
		return m, nil
	}
	n := len(m.items)
	switch {
	case key.Matches(kp, m.KeyMap.Up):
		if n > 0 {
			m.cursor = (m.cursor + n - 1) % n
		}
	case key.Matches(kp, m.KeyMap.Down):
		if n > 0 {
			m.cursor = (m.cursor + 1) % n
		}
	case key.Matches(kp, m.KeyMap.Top):
		m.cursor = 0
	case key.Matches(kp, m.KeyMap.Bottom):
		m.cursor = max(0, n-1)
	case key.Matches(kp, m.KeyMap.Pick):
		s, ok := m.Highlighted()
		if !ok {
			return m, nil
		}
		m.Blur()
		return m, func() tea.Msg { return PickedMsg{Sample: s} }
	case key.Matches(kp, m.KeyMap.Cancel):
		m.Blur()
		return m, func() tea.Msg { return ClosedMsg{} }
	}
	return m, nil
}
