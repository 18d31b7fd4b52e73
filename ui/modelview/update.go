package modelview

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/ui/headgrid"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/queryview"
	"github.com/attnscope/attnscope/ui/scoretable"
)

// InductionWords is how many random words the induction probe repeats.
const InductionWords = 20

// Update handles a message; the narration follows what it changed.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.syncNarration()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		return m, nil
	case openedMsg:
		return m.opened(msg)
	case startedMsg:
		return m.started(msg)
	case progressMsg:
		return m.progressed(msg)
	case tracedMsg:
		return m.traced(msg)
	case layerMsg:
		return m.layerLanded(msg)
	case thumbMsg:
		return m.thumbLanded(msg)
	case headgrid.ZoomMsg:
		return m.openHead(msg.Layer, msg.Head, -1)
	case scoretable.OpenMsg:
		return m.openHead(msg.Layer, msg.Head, -1)
	case queryview.OpenMsg:
		return m.openHead(msg.Layer, msg.Head, m.query.Query())
	case heatmap.CursorMovedMsg:
		m.explainCursor()
		return m, nil
	case tea.PasteMsg:
		return m.pasted(msg)
	case tea.KeyPressMsg:
		return m.pressed(msg)
	case tea.MouseClickMsg:
		return m.clicked(msg)
	}
	return m, nil
}

// clicked moves the head view's cursor to the clicked cell.
func (m Model) clicked(msg tea.MouseClickMsg) (Model, tea.Cmd) {
	if m.Stage() != viewHead || !m.hv.ready || m.helpOn || m.editing {
		return m, nil
	}
	mouse := msg.Mouse()
	if r, c, ok := m.hm.CellAt(mouse.X, mouse.Y-headerLines); ok {
		m.hm.SetCursor(r, c)
		m.explainCursor()
	}
	return m, nil
}

// pressed handles a key.
func (m Model) pressed(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.KeyMap
	m.said = ""
	if m.editing {
		return m.updateEdit(msg)
	}
	if m.helpOn {
		m.helpOn = false
		if key.Matches(msg, k.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Cancel) && m.load.active:
		m.cancelLoad()
		return m, nil
	case key.Matches(msg, k.Help):
		m.helpOn = true
		return m, nil
	case key.Matches(msg, m.narr.KeyMap.More):
		m.narr, _ = m.narr.Update(msg)
		return m, nil
	case key.Matches(msg, k.Next):
		return m.step(+1)
	case key.Matches(msg, k.Prev):
		return m.step(-1)
	case key.Matches(msg, k.HeadNext), key.Matches(msg, k.HeadPrev), key.Matches(msg, k.LayerNext), key.Matches(msg, k.LayerPrev):
		return m.stepHead(msg)
	case key.Matches(msg, k.HideFirst):
		m.hideFirst = !m.hideFirst
		m.query.SetHideFirst(m.hideFirst)
		m.sync()
		return m, nil
	case key.Matches(msg, k.Fit) && m.Stage() == viewHead:
		m.fit = !m.fit
		m.sync()
		return m, nil
	case key.Matches(msg, k.Inspector) && !m.present:
		m.inspecting = !m.inspecting
		m.resize()
		return m, nil
	case key.Matches(msg, k.Induction):
		return m.induction()
	case key.Matches(msg, k.Edit) && !m.present:
		return m.edit(m.req.Text)
	}
	return m.forward(msg)
}

// forward passes a key to the component of the view shown and follows its
// selection.
func (m Model) forward(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.Stage() {
	case viewOverview:
		m.grid, cmd = m.grid.Update(msg)
		m.layer, m.head = m.grid.Cursor()
	case viewMetrics:
		m.table, cmd = m.table.Update(msg)
	case viewQuery:
		m.query, cmd = m.query.Update(msg)
		m.head = m.query.Head()
		if m.query.HideFirst() != m.hideFirst {
			m.hideFirst = m.query.HideFirst()
		}
	case viewHead:
		m.hm, cmd = m.hm.Update(msg)
	default:
		return m, nil
	}
	m.sync()
	return m, tea.Batch(cmd, m.needLayer())
}

// step moves one view on (+1) or back (−1).
func (m Model) step(dir int) (Model, tea.Cmd) {
	if s := m.stage + dir; s >= 0 && s < len(m.stages) {
		m.stage = s
		m.sync()
	}
	return m, m.needLayer()
}

// stepHead moves to the next or previous head or layer.
func (m Model) stepHead(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.HeadNext):
		m.head++
	case key.Matches(msg, k.HeadPrev):
		m.head--
	case key.Matches(msg, k.LayerNext):
		m.layer++
	case key.Matches(msg, k.LayerPrev):
		m.layer--
	}
	m.sync()
	return m, m.needLayer()
}

// openHead shows head (layer, head), its cursor on row when row ≥ 0.
func (m Model) openHead(layer, head, row int) (Model, tea.Cmd) {
	for i, s := range m.stages {
		if s.Name == viewHead {
			m.stage = i
		}
	}
	m.layer, m.head = layer, head
	if row >= 0 {
		m.hv.ready = false
		m.hm.SetCursor(row, 0)
	}
	m.sync()
	if row >= 0 {
		col := 0
		if ly := m.cache.get(layer); ly != nil && head < len(ly.Weights) && row < ly.Weights[head].Rows {
			col = argmax(ly.Weights[head].Row(row))
		}
		m.hm.SetCursor(row, col)
		m.explainCursor()
	}
	return m, m.needLayer()
}

// induction replaces the text by the induction probe with a new seed.
func (m Model) induction() (Model, tea.Cmd) {
	m.seed++
	if samples.Induction(m.seed, InductionWords) == m.req.Text {
		m.seed++ // the text on screen already is this seed's probe
	}
	m, cmd := m.reload(samples.Induction(m.seed, InductionWords))
	m.note = fmt.Sprintf("induction probe, seed %d: %d random words said twice — m cycles the overview to induction", m.seed, InductionWords)
	return m, cmd
}

// reload builds the scene again for text.
func (m Model) reload(text string) (Model, tea.Cmd) {
	if m.models == nil {
		m.models = pipeline.NewModels()
	}
	m.req.Text = text
	m.message, m.note = "", ""
	return m, m.startOpen()
}

// updateEdit handles a key while the text is edited.
func (m Model) updateEdit(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Interrupt):
		return m, tea.Quit
	case key.Matches(msg, k.Cancel):
		m.editing = false
		m.input.Blur()
		return m, nil
	case key.Matches(msg, k.Apply):
		m.editing = false
		m.input.Blur()
		text := strings.TrimSpace(m.input.Value())
		if text == "" || text == m.req.Text {
			return m, nil
		}
		return m.reload(text)
	case key.Matches(msg, k.ClearLn):
		m.input.SetValue("")
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// edit opens the editor on text, the cursor at its end.
func (m Model) edit(text string) (Model, tea.Cmd) {
	m.editing = true
	m.input.SetValue(text)
	m.input.CursorEnd()
	return m, m.input.Focus()
}

// pasted opens the editor on a paste outside it (as the chapter's screen
// does), or inserts the paste, newlines kept, cut to the editor's limit
// with a note.
func (m Model) pasted(msg tea.PasteMsg) (Model, tea.Cmd) {
	if m.present {
		return m, nil
	}
	var open tea.Cmd
	if !m.editing {
		m, open = m.edit("")
	}
	content := msg.Content
	room := m.input.CharLimit - utf8.RuneCountInString(m.input.Value())
	if n := utf8.RuneCountInString(content); n > room {
		content = string([]rune(content)[:max(room, 0)])
		m.note = fmt.Sprintf("the paste was cut to its first %d characters (the editor holds %d)", max(room, 0), m.input.CharLimit)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(tea.PasteMsg{Content: content})
	return m, tea.Batch(open, cmd)
}
