package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/modelview"
)

// modelMode is model mode (docs/model-mode.md): when on, its screen
// (package ui/modelview) has the keyboard and the whole screen, and the
// root keeps only the look (theme, colour profile) and presenter mode's
// clock.
type modelMode struct {
	on   bool
	opts []modelview.Option
	view modelview.Model
}

// WithModel runs the TUI in model mode: req is loaded through models (a
// session cache of opened checkpoints) with progress, and the screen opens
// on view stage (a position in pipeline.ModelStages) at layer and head.
func WithModel(models *pipeline.Models, req pipeline.ModelRequest, stage pipeline.Stage, layer, head int) Option {
	return func(m *Model) {
		m.mm.on = true
		m.mm.opts = append(m.mm.opts, modelview.WithRequest(models, req), modelview.WithSelection(stage, layer, head))
	}
}

// WithModelScene runs the TUI in model mode on a scene already computed
// (render), at view stage, layer and head.
func WithModelScene(sc *pipeline.ModelScene, stage pipeline.Stage, layer, head int) Option {
	return func(m *Model) {
		m.mm.on = true
		m.mm.opts = append(m.mm.opts, modelview.WithScene(sc), modelview.WithSelection(stage, layer, head))
	}
}

// ModelMode reports whether the model runs in model mode.
func (m Model) ModelMode() bool { return m.mm.on }

// ModelView is model mode's screen (the zero value outside model mode).
func (m Model) ModelView() modelview.Model { return m.mm.view }

// startModel builds model mode's screen once every option is applied.
func (m *Model) startModel() {
	if !m.mm.on {
		return
	}
	opts := append(m.mm.opts, modelview.WithLook(m.look.theme, m.look.profile, m.look.noColor),
		modelview.WithPresent(m.pres.on), modelview.WithClean(m.clean))
	m.mm.view = modelview.New(opts...)
	m.mm.view.SetSize(m.width, m.height)
}

// initModel is Init in model mode.
func (m Model) initModel() tea.Cmd {
	cmds := []tea.Cmd{m.mm.view.Init(), m.tick()}
	if !m.look.chosen {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// updateModel is Update in model mode: the look and presenter mode's
// clock stay the root's, everything else goes to the model screen.
func (m Model) updateModel(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
	case tea.ColorProfileMsg:
		m.look.profile = msg.Profile
		m.restyleModel()
		return m, nil
	case tea.BackgroundColorMsg:
		if !m.look.chosen {
			m.look.theme = themes.ForBackground(msg.IsDark(), m.look.theme.HighContrast).WithMap(m.look.theme.Map)
			m.restyleModel()
		}
		return m, nil
	case tickMsg:
		if msg.seq != m.pres.tickSeq || !m.pres.on {
			return m, nil
		}
		mv, cmd := m.mm.view.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
		m.mm.view = mv
		return m, tea.Batch(cmd, m.tick())
	case tea.KeyPressMsg:
		if mm, ok := m.lookKey(msg); ok {
			return mm, nil
		}
		if m.pres.on && key.Matches(msg, m.keys.Next, m.keys.Prev) {
			m.pres.tickSeq++ // a manual step restarts the auto-advance clock
			mv, cmd := m.mm.view.Update(msg)
			m.mm.view = mv
			return m, tea.Batch(cmd, m.tick())
		}
	}
	mv, cmd := m.mm.view.Update(msg)
	m.mm.view = mv
	return m, cmd
}

// lookKey handles the colormap and theme keys outside the editor.
func (m Model) lookKey(msg tea.KeyPressMsg) (Model, bool) {
	if m.mm.view.Editing() {
		return m, false
	}
	switch {
	case key.Matches(msg, m.keys.Colormap):
		m.look.theme = m.look.theme.NextMap()
		m.mm.view.Say("colormap: " + m.look.theme.Map.Name + " (c for the next)")
	case key.Matches(msg, m.keys.Theme):
		m.look.theme = nextTheme(m.look.theme)
		m.mm.view.Say("theme: " + m.look.theme.Name + " (t for the next)")
	default:
		return m, false
	}
	m.look.chosen = true
	m.restyleModel()
	return m, true
}

// restyleModel hands the look to the model screen.
func (m *Model) restyleModel() {
	m.mm.view.SetTheme(m.look.theme, m.look.profile, m.look.noColor)
}
