package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
)

// Input handling of the root model: keys by mode, the stage view
// (updateView), the sentence editor (updateEdit), pasting, mouse clicks,
// and keeping the selection inside the data.

// pressed routes a key by mode.
func (m Model) pressed(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch m.mode {
	case modeSettings, modePicker:
		return m.updateOverlay(msg)
	case modeEdit:
		return m.updateEdit(msg)
	case modeHelp:
		m.mode = modeView
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	if m.pres.on {
		return m.updatePresent(msg)
	}
	if m.pres.card {
		return m.updateCard(msg)
	}
	return m.updateView(msg)
}

// updateCard handles a key on the TUI's "why attention" card: n goes to
// the tokens, as the card says; w goes back to the stage it was opened on.
func (m Model) updateCard(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Next):
		m.advance(+1)
	case key.Matches(msg, m.keys.Why):
		m.pres.card = false
	}
	return m, nil
}

// updateView handles a key in the stage view.
func (m Model) updateView(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	m.said = ""
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Why):
		m.pres.card = true
		return m, nil
	case key.Matches(msg, k.Next):
		m.step(+1)
	case key.Matches(msg, k.Prev):
		m.step(-1)
	case key.Matches(msg, k.PanelNext):
		m.sel.panel++
		m.refresh()
	case key.Matches(msg, k.PanelPrev):
		m.sel.panel--
		m.refresh()
	case key.Matches(msg, k.HeadNext):
		m.sel.head++
		m.refresh()
	case key.Matches(msg, k.HeadPrev):
		m.sel.head--
		m.refresh()
	case key.Matches(msg, k.Grid):
		m.grid = !m.grid
		m.resize()
	case key.Matches(msg, k.Colormap):
		m.setTheme(m.look.theme.NextMap())
		m.look.chosen = true
		m.said = "colormap: " + m.look.theme.Map.Name + " (c for the next)"
	case key.Matches(msg, k.Theme):
		m.setTheme(nextTheme(m.look.theme))
		m.look.chosen = true
		m.said = "theme: " + m.look.theme.Name + " (t for the next)"
	case key.Matches(msg, k.Inspector):
		m.toggleInspector()
	case key.Matches(msg, k.Settings):
		return m.openSettings()
	case key.Matches(msg, k.Samples):
		return m.openPicker()
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
	case key.Matches(msg, k.Edit):
		m.mode = modeEdit
		m.input.SetValue(m.build.req.Text)
		m.input.CursorEnd()
		return m, m.input.Focus()
	default:
		return m.moveCursor(msg)
	}
	m.clamp()
	return m, nil
}

// step moves one stage on (+1) or back (−1), if there is one.
func (m *Model) step(dir int) {
	if s := int(m.sel.stage) + dir; s >= 0 && s < len(m.stages()) {
		m.sel.stage = pipeline.Stage(s)
		m.sel.panel = 0
		m.refresh()
	}
}

// moveCursor moves the cell cursor (or the token table's row, or scrolls
// the inspector).
func (m Model) moveCursor(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.view.narrView.KeyMap.More):
		m.view.narrView, _ = m.view.narrView.Update(msg)
	case m.view.def.Kind == pipeline.KindTokens && m.scene != nil:
		switch {
		case key.Matches(msg, m.keys.TokenUp):
			m.sel.row = max(m.sel.row-1, 0)
		case key.Matches(msg, m.keys.TokenDown):
			m.sel.row = min(m.sel.row+1, len(m.scene.Tokens)-1)
		}
	case key.Matches(msg, m.insp.KeyMap.ScrollUp, m.insp.KeyMap.ScrollDown):
		m.insp, _ = m.insp.Update(msg)
	case len(m.view.hms) > 0:
		hm, _ := m.cursorMap().Update(msg)
		if hm.ScaleMode() != m.look.scale { // v: every matrix of the view recoloured
			m.look.scale = hm.ScaleMode()
			m.refresh()
			return m, nil
		}
		m.sel.row, m.sel.col = hm.Cursor()
		m.syncCursor()
	}
	return m, nil
}

// clicked moves the cursor to the clicked cell of the main heatmap.
func (m Model) clicked(msg tea.MouseClickMsg) (tea.Model, tea.Cmd) {
	if m.mode != modeView || len(m.view.hms) == 0 || m.showGrid() || !m.sameShape(m.mainPanel()) || m.layout().inspIn || (m.pres.on && !m.inspecting) {
		return m, nil
	}
	mouse := msg.Mouse()
	if r, c, ok := m.view.hms[0].CellAt(mouse.X, mouse.Y-m.layout().panelsTop); ok {
		m.sel.row, m.sel.col = r, c
		m.syncCursor()
	}
	return m, nil
}

func (m Model) updateEdit(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Interrupt):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Cancel):
		m.mode = modeView
		m.input.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Apply):
		m.mode = modeView
		m.input.Blur()
		text := strings.TrimSpace(m.input.Value())
		if text == m.build.req.Text {
			return m, nil
		}
		req := m.build.req
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

// pasted opens the editor on a paste in the stage view, or passes the paste
// to the editor or the open panel.
func (m Model) pasted(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	switch {
	case m.mode == modeView && !m.pres.on:
		m.mode = modeEdit
		m.input.SetValue("")
		cmd := m.input.Focus()
		m, cmd2 := m.paste(msg.Content)
		return m, tea.Batch(cmd, cmd2)
	case m.mode == modeEdit:
		return m.paste(msg.Content)
	case m.mode == modeSettings || m.mode == modePicker:
		return m.updateOverlay(msg)
	}
	return m, nil
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
	heads := m.stageData().Heads
	m.sel.head = min(max(m.sel.head, 0), max(heads-1, 0))
	m.sel.panel = m.mainPanel()
	rows, cols := len(m.scene.Tokens), 1
	if len(m.view.panels) > 0 {
		rows, cols = m.view.panels[0].m.Rows, m.view.panels[0].m.Cols
	}
	m.sel.row = min(max(m.sel.row, 0), max(rows-1, 0))
	m.sel.col = min(max(m.sel.col, 0), max(cols-1, 0))
}
