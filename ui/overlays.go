package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/ui/picker"
	"github.com/attnscope/attnscope/ui/settings"
)

// openSettings shows the settings panel with the current configuration.
func (m Model) openSettings() (tea.Model, tea.Cmd) {
	cfg := m.build.req.Config
	if m.scene != nil && m.scene.Book && !m.build.building {
		cfg = m.scene.ResultFor(m.sel.stage).Config // as the badge says: the book's configuration of this stage
	}
	m.settings.SetConfig(cfg, m.build.req.Encoding)
	m.settings.SetMaxTokens(m.build.req.MaxTokens)
	m.settings.Focus()
	m.mode = modeSettings
	return m, nil
}

// openPicker shows the sample picker.
func (m Model) openPicker() (tea.Model, tea.Cmd) {
	m.picker.Focus()
	m.mode = modePicker
	return m, nil
}

// updateOverlay routes messages to an open panel and acts on what it says.
func (m Model) updateOverlay(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case settings.ChangedMsg:
		req := m.build.req
		req.Config, req.Encoding = msg.Config, msg.Encoding
		req.Book = len(m.settings.Changed()) == 0 // back at the book's defaults: book mode again
		return m, m.rebuild(req)
	case settings.ClosedMsg, picker.ClosedMsg:
		m.mode = modeView
		return m, nil
	case picker.PickedMsg:
		m.mode = modeView
		req := m.build.req
		req.Text = msg.Sample.Text
		req.Book = len(m.settings.Changed()) == 0
		return m, m.rebuild(req)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Interrupt) {
			return m, tea.Quit
		}
	}
	var cmd tea.Cmd
	switch m.mode {
	case modeSettings:
		m.settings, cmd = m.settings.Update(msg)
	case modePicker:
		m.picker, cmd = m.picker.Update(msg)
	}
	return m, cmd
}
