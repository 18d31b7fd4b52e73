package modelview

import (
	"context"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/tokenizer"
	"github.com/attnscope/attnscope/ui/editor"
	"github.com/attnscope/attnscope/ui/headgrid"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/internal/style"
	"github.com/attnscope/attnscope/ui/narrate"
	"github.com/attnscope/attnscope/ui/nexttok"
	"github.com/attnscope/attnscope/ui/queryview"
	"github.com/attnscope/attnscope/ui/scoretable"
)

// Views by name (pipeline.ModelStages).
const (
	viewTokens   = "tokens"
	viewOverview = "overview"
	viewHead     = "head"
	viewQuery    = "query"
	viewMetrics  = "metrics"
	viewNext     = "next"
)

// TextLimit is how many characters the editor holds: well past a
// context of 1024 tokens, whose excess the pass cuts with a notice.
const TextLimit = 1 << 16

// Model is model mode's screen.
type Model struct {
	KeyMap KeyMap

	models *pipeline.Models
	req    pipeline.ModelRequest
	load   loading
	sc     *pipeline.ModelScene // the scene shown; nil until a pass has started
	met    compute.GPT2Metrics  // its head scores as far as they are known (NaN: to come)
	done   int                  // its layers computed: all unless partial
	// partial: sc's pass has not ended (or was cancelled), so its trace
	// holds only the first done layers and no next-token logits.
	partial bool
	scene   int                 // counts the scenes landed: the work for an earlier one is dropped
	pre     prelude             // the checkpoint and tokens, before the pass
	cache   layerCache          // layers recomputed for the views
	thumbs  map[int][][]float32 // layer → head → pooled pattern (copy on write)

	stages      []pipeline.StageDef
	stage       int
	layer, head int
	hideFirst   bool
	fit         bool // head view: the whole matrix, max-pooled
	inspecting  bool

	grid  headgrid.Model
	table scoretable.Model
	query queryview.Model
	next  nexttok.Model
	hm    heatmap.Model
	hv    headView          // the head view's prepared data and explanation
	narr  narrate.Model     // the view's narration, paged by its More key
	top   nexttok.Candidate // the most likely next token

	theme   themes.Theme
	profile colorprofile.Profile
	noColor bool
	present bool
	clean   bool
	help    help.Model
	helpOn  bool
	editing bool
	input   editor.Model // the text, multi-line; invisible characters drawn as escapes
	message string
	note    string  // what the last action did, for the status line
	said    string  // what the root's last key put in force (Say), until the next key
	seed    uint64  // the induction probe's last seed
	initCmd tea.Cmd // the first load, started by New and run by Init
	width   int
	height  int
}

// loading is the build in flight: its sequence number (stale messages are
// dropped), what it is doing and how to cancel it.
type loading struct {
	seq    int
	active bool
	what   string // "mapping model.safetensors", "layer 3 of 12"
	done   int    // layers finished
	total  int
	// started: the pass has handed over its trace, so a partial scene
	// of this build may be on screen.
	started bool
	cancel  context.CancelFunc
	ch      <-chan tea.Msg
}

// prelude is what is known before the forward pass ends: the checkpoint
// and the tokens.
type prelude struct {
	info   *pipeline.ModelScene // Model and Tokens only
	tokens []tokenizer.Token
}

// Option configures New.
type Option func(*Model)

// WithScene shows a scene already computed (render); nothing is loaded.
func WithScene(sc *pipeline.ModelScene) Option {
	return func(m *Model) { m.sc, m.req = sc, sc.Request }
}

// WithRequest loads req through models in Init, with progress.
func WithRequest(models *pipeline.Models, req pipeline.ModelRequest) Option {
	return func(m *Model) { m.models, m.req = models, req }
}

// WithSelection opens on a view (its position in pipeline.ModelStages), a
// layer and a head.
func WithSelection(stage pipeline.Stage, layer, head int) Option {
	return func(m *Model) { m.stage, m.layer, m.head = int(stage), layer, head }
}

// WithPresent draws for a room: narration large, no inspector or editor.
func WithPresent(on bool) Option {
	return func(m *Model) { m.present = on; m.inspecting = m.inspecting && !on }
}

// WithClean leaves out key hints, cursors, the explanation of the cell
// under the cursor (its key brings it back) and notes (render --clean).
func WithClean(on bool) Option {
	return func(m *Model) { m.clean = on; m.inspecting = m.inspecting && !on }
}

// WithLook sets the theme, colour profile and NO_COLOR.
func WithLook(t themes.Theme, p colorprofile.Profile, noColor bool) Option {
	return func(m *Model) { m.theme, m.profile, m.noColor = t, p, noColor }
}

// New returns model mode's screen.
func New(opts ...Option) Model {
	m := Model{KeyMap: DefaultKeyMap(), stages: pipeline.ModelStages(), inspecting: true,
		theme: themes.Default, profile: colorprofile.TrueColor, width: 80, height: 24, help: help.New()}
	m.input = editor.New()
	m.input.Placeholder = "type a text"
	m.input.CharLimit = TextLimit
	for _, o := range opts {
		o(&m)
	}
	m.stage = min(max(m.stage, 0), len(m.stages)-1)
	m.grid = headgrid.New(0, 0, m.theme)
	m.table = scoretable.New(m.theme)
	m.query = queryview.New(m.theme)
	m.next = nexttok.New(m.theme)
	m.hm = heatmap.New(heatmap.WithTheme(m.theme), heatmap.WithIndexBase(0)) // tokens, layers and heads count from 0 in model mode
	m.narr = narrate.NewModel(m.theme)
	m.SetTheme(m.theme, m.profile, m.noColor)
	if m.sc != nil {
		m.landScene(m.sc, false)
	} else if m.models != nil {
		m.initCmd = m.startOpen()
	}
	return m
}

// Init starts loading (WithRequest), or the work a given scene still needs.
func (m Model) Init() tea.Cmd {
	if m.initCmd != nil {
		return m.initCmd
	}
	return m.afterLanding()
}

// SetTheme restyles every part for a theme, colour profile and NO_COLOR.
func (m *Model) SetTheme(t themes.Theme, p colorprofile.Profile, noColor bool) {
	m.theme, m.profile, m.noColor = t, p, noColor
	m.grid.SetTheme(t, p, noColor)
	m.table.SetTheme(t, p, noColor)
	m.query.SetTheme(t, p, noColor)
	m.next.SetTheme(t)
	m.hm.SetTheme(t)
	m.hm.SetProfile(p)
	m.hm.SetNoColor(noColor)
	m.help.Styles = style.Help(t)
	m.input.Styles = editor.DefaultStyles(t)
	m.narr.Styles = narrate.DefaultStyles(t)
}

// Theme is the palette in use.
func (m Model) Theme() themes.Theme { return m.theme }

// Scene is the scene shown, nil until a forward pass has ended.
func (m Model) Scene() *pipeline.ModelScene {
	if m.partial {
		return nil
	}
	return m.sc
}

// Stage is the view shown, by name.
func (m Model) Stage() string { return m.stages[m.stage].Name }

// Selected is the layer and head the views show.
func (m Model) Selected() (layer, head int) { return m.layer, m.head }

// Loading reports whether a build is in flight.
func (m Model) Loading() bool { return m.load.active }

// Message is the status line's warning, or "".
func (m Model) Message() string { return m.message }

// config is the checkpoint's shape (zero before one is open).
func (m Model) config() compute.GPT2Config {
	switch {
	case m.sc != nil:
		return m.sc.Model.Info.Config
	case m.pre.info != nil:
		return m.pre.info.Model.Info.Config
	}
	return compute.GPT2Config{}
}

// tokens are the text's tokens as far as they are known.
func (m Model) tokens() []tokenizer.Token {
	if m.sc != nil {
		return m.sc.Tokens
	}
	return m.pre.tokens
}

// labels are the tokens' labels.
func (m Model) labels() []string {
	toks := m.tokens()
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Label
	}
	return out
}

// Say shows s on the status line until the next key: the root names the
// colormap or theme its key put in force.
func (m *Model) Say(s string) { m.said = s }

// Editing reports whether the text editor has the keyboard.
func (m Model) Editing() bool { return m.editing }
