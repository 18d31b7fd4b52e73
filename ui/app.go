package ui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/tokenizer"
	"github.com/attnscope/attnscope/ui/editor"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/inspector"
	"github.com/attnscope/attnscope/ui/internal/style"
	"github.com/attnscope/attnscope/ui/narrate"
	"github.com/attnscope/attnscope/ui/picker"
	"github.com/attnscope/attnscope/ui/settings"
)

// mode is what has the keyboard.
type mode int

const (
	modeView mode = iota
	modeEdit
	modeHelp
	modeSettings
	modePicker
)

// Minimum usable size; below it the view says so.
const (
	MinWidth  = 40
	MinHeight = 12
)

// Model is the root model of the TUI.
type Model struct {
	keys     KeyMap
	help     help.Model
	input    editor.Model
	settings settings.Model
	picker   picker.Model
	mode     mode

	req      pipeline.Request // what the current (or pending) scene is built from
	scene    *pipeline.Scene  // last good scene; nil until the first build lands
	seq      int              // build sequence number; stale results are dropped
	building bool
	pending  bool   // a newer request waits for the running build
	loading  string // the encoder a build is loading, for the status line
	message  string // last error or notice, shown in the status line

	stage            pipeline.Stage
	panel, head      int
	row, col         int
	grid, inspecting bool
	scaleMode        heatmap.ScaleMode // the colour scale chosen with the heatmap's key

	panels   []panel           // the stage's matrices, main first
	hms      []heatmap.Model   // heatmaps of the main panel and, when they fit, the others
	gridView string            // the all-heads grid, drawn in Update when shown
	insp     inspector.Model   // the computation behind the cursor's cell
	narr     narrate.Narration // what the stage is
	narrView narrate.Model     // draws narr; N pages through what does not fit

	width, height int
	theme         themes.Theme
	noColor       bool
	profile       colorprofile.Profile // the terminal's, as bubbletea reports it
	present       bool                 // presenter mode
	auto          time.Duration        // presenter auto-advance; 0 = off
	tickSeq       int
	card          bool // the "why attention" card is showing
	themeChosen   bool // the user picked a theme: the terminal's background no longer decides
}

// Option configures New.
type Option func(*Model)

// WithRequest makes the model build req in Init instead of showing a
// prebuilt scene.
func WithRequest(req pipeline.Request) Option {
	return func(m *Model) { m.req, m.scene, m.building = req, nil, true }
}

// WithNoColor draws without colour (NO_COLOR): heatmaps use shade glyphs.
func WithNoColor(off bool) Option { return func(m *Model) { m.noColor = off } }

// WithTheme sets the theme; the terminal's background colour no longer
// picks dark or light.
func WithTheme(t themes.Theme) Option { return func(m *Model) { m.theme, m.themeChosen = t, true } }

// WithInitialTheme sets the theme (e.g. a colormap the user chose) but lets
// the terminal's background colour still pick dark or light.
func WithInitialTheme(t themes.Theme) Option { return func(m *Model) { m.theme = t } }

// setTheme switches every component to t.
func (m *Model) setTheme(t themes.Theme) {
	m.theme = t
	m.help.Styles = style.Help(t)
	m.settings.SetTheme(t)
	m.picker.SetTheme(t)
	m.insp.Styles = inspector.DefaultStyles(t)
	m.narrView.Styles = narrate.DefaultStyles(t)
	m.input.Styles = editor.DefaultStyles(t)
	m.refresh()
}

// nextTheme cycles dark → light → high-contrast dark → high-contrast light,
// keeping the colormap.
func nextTheme(t themes.Theme) themes.Theme {
	var n themes.Theme
	switch {
	case t.Dark && !t.HighContrast:
		n = themes.Light()
	case !t.Dark && !t.HighContrast:
		n = themes.HighContrast(true)
	case t.Dark:
		n = themes.HighContrast(false)
	default:
		n = themes.Dark()
	}
	return n.WithMap(t.Map)
}

// New returns the root model at stage. scene may be nil when WithRequest is
// given: the model then builds it in a command from Init.
func New(scene *pipeline.Scene, stage pipeline.Stage, opts ...Option) Model {
	in := editor.New() // "› " prompt, "type a sentence", a steady cursor
	in.CharLimit = 4096
	m := Model{
		keys: DefaultKeyMap(), help: help.New(), input: in,
		scene: scene, stage: stage, width: 80, height: 24, theme: themes.Default, profile: colorprofile.TrueColor,
		inspecting: true,
	}
	if scene != nil {
		m.req = scene.Request
	}
	for _, o := range opts {
		o(&m)
	}
	m.settings = settings.New(m.req.Config, m.req.Encoding, m.theme)
	m.picker = picker.New(m.theme)
	m.help.Styles = style.Help(m.theme)
	m.insp = inspector.New(m.theme)
	m.narrView = narrate.NewModel(m.theme)
	m.input.Styles = editor.DefaultStyles(m.theme)
	m.refresh()
	return m
}

// sceneMsg carries a finished build.
type sceneMsg struct {
	seq   int
	scene *pipeline.Scene
	err   error
}

func buildCmd(seq int, req pipeline.Request) tea.Cmd {
	return func() tea.Msg {
		sc, err := pipeline.Build(req)
		return sceneMsg{seq: seq, scene: sc, err: err}
	}
}

// preload loads the encoder in the background after the first frame, so
// the first edit does not wait for it.
func preload(encoding string) tea.Cmd {
	return func() tea.Msg {
		_ = tokenizer.Preload(encoding) // an unknown encoding shows its error on the next build
		return nil
	}
}

// rebuild starts building req; the screen keeps the last good scene.
//
// One build runs at a time: a request made while one runs waits, and only
// the latest waiting one runs next (a slider dragged through ten settings
// of a large configuration computes two scenes, not ten at once).
func (m *Model) rebuild(req pipeline.Request) tea.Cmd {
	m.req = req
	m.loading = ""
	if !tokenizer.Loaded(req.Encoding) {
		m.loading = req.Encoding
	}
	if m.building {
		m.pending = true
		return nil
	}
	m.seq++
	m.building = true
	return buildCmd(m.seq, req)
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.scene == nil {
		cmds = append(cmds, buildCmd(m.seq, m.req))
	}
	if !m.themeChosen {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	cmds = append(cmds, m.tick(), preload(m.req.Encoding))
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		m.input.SetWidth(max(m.width-4, 1))
		m.help.SetWidth(m.width)
		ow := min(m.width, 80)
		if m.width >= sideBySideW {
			ow = m.width / 2
		}
		m.settings.SetSize(ow, max(m.height-5, 0))
		m.picker.SetSize(ow, max(m.height-5, 0))
		m.resize()
		return m, nil
	case sceneMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.building = false
		if m.pending { // outdated: build what was asked for since
			m.pending = false
			return m, m.rebuild(m.req)
		}
		if msg.err != nil {
			m.message = msg.err.Error()
			if m.scene != nil {
				m.req = m.scene.Request
			}
			return m, nil
		}
		m.scene, m.message = msg.scene, ""
		m.refresh()
		return m, nil
	case settings.ChangedMsg, settings.ClosedMsg, picker.PickedMsg, picker.ClosedMsg:
		return m.updateOverlay(msg)
	case tickMsg:
		if msg.seq != m.tickSeq || !m.present {
			return m, nil
		}
		if !m.card && int(m.stage) >= pipeline.NumStages-1 {
			return m, nil // the end: stop ticking
		}
		m.advance(+1)
		return m, m.tick()
	case tea.ColorProfileMsg:
		if msg.Profile != m.profile {
			m.profile = msg.Profile
			m.refresh()
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if !m.themeChosen {
			m.setTheme(themes.ForBackground(msg.IsDark(), m.theme.HighContrast).WithMap(m.theme.Map))
		}
		return m, nil
	case tea.PasteMsg:
		if m.mode == modeView && !m.present {
			m.mode = modeEdit
			m.input.SetValue("")
			cmd := m.input.Focus()
			m, cmd2 := m.paste(msg.Content)
			return m, tea.Batch(cmd, cmd2)
		}
		if m.mode == modeEdit {
			return m.paste(msg.Content)
		}
		if m.mode == modeSettings || m.mode == modePicker {
			return m.updateOverlay(msg)
		}
		return m, nil
	case tea.MouseWheelMsg:
		if m.mode == modeView && m.inspecting {
			m.insp, _ = m.insp.Update(msg)
		}
		return m, nil
	case tea.MouseClickMsg:
		if m.mode == modeView && len(m.hms) > 0 && !(m.grid && m.stage == pipeline.StageHeads) {
			mouse := msg.Mouse()
			if r, c, ok := m.hms[0].CellAt(mouse.X, mouse.Y-m.bodyTop()); ok {
				m.row, m.col = r, c
				m.hms = slices.Clone(m.hms)
				m.syncCursor()
			}
		}
		return m, nil
	case tea.KeyPressMsg:
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
		return m.updateView(msg)
	}
	if m.mode == modeEdit {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m Model) labels() []string {
	if m.scene == nil {
		return nil
	}
	out := make([]string, len(m.scene.Tokens))
	for i, t := range m.scene.Tokens {
		out[i] = t.Label
	}
	return out
}
