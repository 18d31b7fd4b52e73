package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
)

// Key handling of the root model: the stage view (updateView), the sentence
// editor (updateEdit), pasting, and keeping the cursor inside the data.

// updateView handles a key in the stage view.
func (m Model) updateView(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if m.present || m.card {
		switch {
		case key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.Next):
			m.advance(+1)
			m.tickSeq++ // a manual step restarts the auto-advance clock
			return m, m.tick()
		case key.Matches(msg, k.Prev):
			m.advance(-1)
			m.tickSeq++
			return m, m.tick()
		case key.Matches(msg, k.Why):
			m.card = !m.card
			return m, nil
		case m.card:
			return m, nil
		case m.present && (key.Matches(msg, k.Edit, k.Settings, k.Samples, k.Inspector, k.Grid, k.PanelNext, k.PanelPrev)):
			return m, nil // advanced panels are hidden while presenting
		}
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Why):
		m.card = true
		return m, nil
	case key.Matches(msg, k.Next):
		if int(m.stage) < pipeline.NumStages-1 {
			m.stage++
			m.panel = 0
			m.refresh()
		}
	case key.Matches(msg, k.Prev):
		if m.stage > 0 {
			m.stage--
			m.panel = 0
			m.refresh()
		}
	case key.Matches(msg, k.PanelNext):
		m.panel++
	case key.Matches(msg, k.PanelPrev):
		m.panel--
	case key.Matches(msg, k.HeadNext):
		m.head++
		m.refresh()
	case key.Matches(msg, k.HeadPrev):
		m.head--
		m.refresh()
	case key.Matches(msg, k.Grid) && m.stage == pipeline.StageHeads:
		m.grid = !m.grid
		m.resize()
	case key.Matches(msg, k.Colormap):
		m.setTheme(m.theme.NextMap())
		m.themeChosen = true
	case key.Matches(msg, k.Theme):
		m.setTheme(nextTheme(m.theme))
		m.themeChosen = true
	case key.Matches(msg, k.Inspector):
		m.inspecting = !m.inspecting
		m.resize()
	case key.Matches(msg, k.Settings):
		return m.openSettings()
	case key.Matches(msg, k.Samples):
		return m.openPicker()
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
	case key.Matches(msg, k.Edit):
		m.mode = modeEdit
		m.input.SetValue(m.req.Text)
		m.input.CursorEnd()
		return m, m.input.Focus()
	case m.stage == pipeline.StageTokens && m.scene != nil:
		switch msg.String() {
		case "up", "k":
			m.row = max(m.row-1, 0)
		case "down", "j":
			m.row = min(m.row+1, len(m.scene.Tokens)-1)
		}
		return m, nil
	case key.Matches(msg, m.narrView.KeyMap.More):
		m.narrView, _ = m.narrView.Update(msg)
		return m, nil
	case key.Matches(msg, m.insp.KeyMap.ScrollUp, m.insp.KeyMap.ScrollDown):
		m.insp, _ = m.insp.Update(msg)
		return m, nil
	default:
		if len(m.hms) > 0 {
			hm, _ := m.hms[0].Update(msg)
			if hm.ScaleMode() != m.scaleMode { // v: every matrix of the view recoloured
				m.scaleMode = hm.ScaleMode()
				m.refresh()
				return m, nil
			}
			m.row, m.col = hm.Cursor()
			m.hms = slices.Clone(m.hms)
			m.syncCursor()
		}
		return m, nil
	}
	m.clamp()
	return m, nil
}

func (m Model) updateEdit(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case msg.String() == "ctrl+c":
		return m, tea.Quit
	case key.Matches(msg, m.keys.Cancel):
		m.mode = modeView
		m.input.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Apply):
		m.mode = modeView
		m.input.Blur()
		text := strings.TrimSpace(m.input.Value())
		if text == m.req.Text {
			return m, nil
		}
		req := m.req
		req.Text = text
		return m, m.rebuild(req)
	case key.Matches(msg, m.keys.ClearLn):
		m.input.SetValue("")
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// paste inserts pasted text into the sentence, cut to the input's limit
// with a notice: a 1 MB paste must neither freeze the screen nor vanish
// silently.
func (m Model) paste(content string) (tea.Model, tea.Cmd) {
	room := m.input.CharLimit - utf8.RuneCountInString(m.input.Value())
	if n := utf8.RuneCountInString(content); n > room {
		cut := 0
		for i := range content {
			if room == 0 {
				cut = i
				break
			}
			room--
		}
		content = content[:cut]
		m.message = fmt.Sprintf("the paste was cut to its first %d characters (the sentence holds %d)", utf8.RuneCountInString(content), m.input.CharLimit)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(tea.PasteMsg{Content: content})
	return m, cmd
}

// clamp keeps panel, head and cursor inside the current stage's data.
func (m *Model) clamp() {
	if m.scene == nil {
		return
	}
	heads := m.scene.ResultFor(m.stage).Config.Heads
	m.head = min(max(m.head, 0), max(heads-1, 0))
	n := max(len(m.panels)-1, 1)
	m.panel = ((m.panel % n) + n) % n
	rows, cols := len(m.scene.Tokens), 1
	if len(m.hms) > 0 {
		d := m.hms[0].Data()
		rows, cols = d.Rows, d.Cols
	}
	m.row = min(max(m.row, 0), max(rows-1, 0))
	m.col = min(max(m.col, 0), max(cols-1, 0))
}
