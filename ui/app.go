package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
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

// Model is the root model of the TUI: the components, what is selected,
// the scene being built, and the current stage drawn.
type Model struct {
	keys     KeyMap
	pkeys    PresentKeyMap // presenter mode's
	help     help.Model
	input    editor.Model // the sentence editor
	settings settings.Model
	picker   picker.Model
	insp     inspector.Model // the computation behind the cursor's cell
	mode     mode

	scene   *pipeline.Scene // last good scene; nil until the first build lands
	message string          // last error or notice, shown in the status line
	said    string          // what the last key put in force (colormap, theme), until the next key
	build   builder         // what is being built
	sel     selection       // where the user is
	view    stageView       // the selected stage, ready to draw
	look    look            // theme and colour
	pres    presenter       // presenter mode and the "why attention" card
	chrome  chrome          // the token line, drawn ahead

	grid, inspecting bool // the all-heads grid, the inspector
	inspIn           bool // the inspector in the matrices' place, where there is no room for both (i)
	clean            bool // render --clean: no footer, cursor or hints (slide.go)
	width, height    int

	mm modelMode // model mode (model.go): its own screen
}

// selection is where the user is: the stage, the layer and head shown,
// the first secondary panel shown ([ and ]) and the cell under the cursor.
type selection struct {
	stage       pipeline.Stage
	layer, head int
	panel       int
	row, col    int
}

// look is how the screen is coloured.
type look struct {
	theme   themes.Theme
	noColor bool
	profile colorprofile.Profile // the terminal's, as bubbletea reports it
	chosen  bool                 // the user picked a theme: the terminal's background no longer decides
	scale   heatmap.ScaleMode    // the colour scale chosen with the heatmap's key, kept across stages
	settled bool                 // the terminal has said what its background is
}

// presenter is presenter mode's state and the opening card's.
type presenter struct {
	on      bool
	auto    time.Duration // auto-advance; 0 = off
	tickSeq int
	card    bool // the "why attention" card is showing
	paused  bool // auto-advance paused
	blank   bool // the screen is blanked
	digit   int  // the digit just pressed, which a second may follow (12)
	page    int  // the narration's page, when it does not fit
}

// Option configures New.
type Option func(*Model)

// WithRequest makes the model build req in Init instead of showing a
// prebuilt scene.
func WithRequest(req pipeline.Request) Option {
	return func(m *Model) { m.build.req, m.scene, m.build.building = req, nil, true }
}

// WithSource makes the model build its scenes with src (the chapter's
// modules by default); the stages shown are the scene's.
func WithSource(src pipeline.Source) Option { return func(m *Model) { m.build.source = src } }

// WithNoColor draws without colour (NO_COLOR): heatmaps use shade glyphs.
func WithNoColor(off bool) Option { return func(m *Model) { m.look.noColor = off } }

// WithTheme sets the theme; the terminal's background colour no longer
// picks dark or light.
func WithTheme(t themes.Theme) Option {
	return func(m *Model) { m.look.theme, m.look.chosen = t, true }
}

// WithInitialTheme sets the theme (e.g. a colormap the user chose) but lets
// the terminal's background colour still pick dark or light.
func WithInitialTheme(t themes.Theme) Option { return func(m *Model) { m.look.theme = t } }

// Theme returns the palette the model draws with. render paints the page of
// an SVG, PNG or HTML screen with its Background and Text.
func (m Model) Theme() themes.Theme { return m.look.theme }

// setTheme switches every component to t.
func (m *Model) setTheme(t themes.Theme) {
	m.look.theme = t
	m.help.Styles = style.Help(t)
	m.settings.SetTheme(t)
	m.picker.SetTheme(t)
	m.insp.Styles = inspector.DefaultStyles(t)
	m.view.narrView.Styles = narrate.DefaultStyles(t)
	m.input.Styles = editor.DefaultStyles(t)
	m.view.grid = headGrid{} // its tiles are in the old colours
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
		scene: scene, sel: selection{stage: stage}, width: 80, height: 24, build: builder{source: pipeline.Chapter3},
		look:       look{theme: themes.Default, profile: colorprofile.TrueColor},
		inspecting: true,
	}
	if scene != nil {
		m.build.req = scene.Request
	}
	for _, o := range opts {
		o(&m)
	}
	m.settings = settings.New(m.build.req.Config, m.build.req.Encoding, m.look.theme)
	m.picker = picker.New(m.look.theme)
	m.help.Styles = style.Help(m.look.theme)
	m.insp = inspector.New(m.look.theme)
	m.view.narrView = narrate.NewModel(m.look.theme)
	m.input.Styles = editor.DefaultStyles(m.look.theme)
	m.refresh()
	m.startModel()
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd {
	if m.mm.on {
		return m.initModel()
	}
	var cmds []tea.Cmd
	if m.scene == nil {
		cmds = append(cmds, buildCmd(m.build.source, m.build.seq, m.build.req))
	}
	if !m.look.chosen {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	cmds = append(cmds, m.tick())
	if !m.build.noPreload {
		cmds = append(cmds, preload(m.build.req.Encoding))
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.mm.on {
		return m.updateModel(msg)
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		m.input.SetWidth(max(m.width-4, 1))
		m.help.SetWidth(m.width)
		lay := m.layout()
		m.settings.SetSize(lay.overlayW, lay.bodyH)
		m.picker.SetSize(lay.overlayW, lay.bodyH)
		m.resize()
		return m, nil
	case sceneMsg:
		return m.landed(msg)
	case settings.ChangedMsg, settings.ClosedMsg, picker.PickedMsg, picker.ClosedMsg:
		return m.updateOverlay(msg)
	case tickMsg:
		return m.ticked(msg)
	case tea.ColorProfileMsg:
		if msg.Profile != m.look.profile {
			m.look.profile = msg.Profile
			m.refresh()
		}
		return m, nil
	case tea.BackgroundColorMsg:
		m.look.settled = true
		if !m.look.chosen {
			m.setTheme(themes.ForBackground(msg.IsDark(), m.look.theme.HighContrast).WithMap(m.look.theme.Map))
		}
		return m, nil
	case tea.PasteMsg:
		return m.pasted(msg)
	case tea.MouseWheelMsg:
		if m.mode == modeView && m.inspecting {
			m.insp, _ = m.insp.Update(msg)
		}
		return m, nil
	case tea.MouseClickMsg:
		return m.clicked(msg)
	case tea.KeyPressMsg:
		return m.pressed(msg)
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
