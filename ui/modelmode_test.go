package ui

import (
	"os"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/internal/replay"
	"github.com/attnscope/attnscope/internal/tinygpt"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/themes"
)

var (
	tinyOnce sync.Once
	tinyDir  string
	tinyErr  error
)

// tinyModel is a random 2-layer, 2-head GPT-2 of width 8 and context
// 1024, written once per test run.
func tinyModel(t *testing.T) string {
	t.Helper()
	tinyOnce.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			tinyErr = err
			return
		}
		tinyDir, tinyErr = tinygpt.Write(dir, tinygpt.Shape{Layers: 2, Heads: 2, D: 8, Context: 1024, Seed: 1})
	})
	if tinyErr != nil {
		t.Fatal(tinyErr)
	}
	return tinyDir
}

// modelUI starts the TUI in model mode on text at w×h, as a program would:
// Init's commands run (the checkpoint opens, the pass runs), then the size.
func modelUI(t *testing.T, text string, stage string, w, h int) Model {
	t.Helper()
	st, err := pipeline.ParseModelStage(stage)
	if err != nil {
		t.Fatal(err)
	}
	req := pipeline.ModelRequest{Spec: tinyModel(t), Text: text}
	m := New(nil, 0, WithTheme(themes.Dark()), WithModel(pipeline.NewModels(), req, st, 0, 0))
	out, err := replay.Start(m, w, h, colorprofile.TrueColor, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out.(Model)
}

// checkScreen fails unless the screen is exactly h lines of at most w
// cells.
func checkScreen(t *testing.T, m Model, w, h int, what string) string {
	t.Helper()
	s := m.Render()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines, want %d", what, len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s: line %d is %d cells wide, want ≤ %d: %q", what, i, lw, w, ansi.Strip(l))
		}
	}
	return ansi.Strip(s)
}

func TestModelModeEveryViewAtEverySize(t *testing.T) {
	want := map[string]string{
		"tokens": "bytes", "overview": "H1", "head": "q·k over d_head = 4 dims",
		"query": "each line is one head", "metrics": "previous_token", "next": "next token",
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}, {1, 1}} {
		m := modelUI(t, samples.Induction(1, 20), "tokens", sz[0], sz[1])
		if m.ModelView().Scene() == nil {
			t.Fatalf("%v: no scene after loading: %q", sz, m.ModelView().Message())
		}
		for _, name := range pipeline.ModelStageNames() {
			if m.ModelView().Stage() != name {
				t.Fatalf("%v: at %q, want %q", sz, m.ModelView().Stage(), name)
			}
			s := checkScreen(t, m, sz[0], sz[1], name)
			if sz[0] >= 120 && !strings.Contains(s, want[name]) {
				t.Errorf("%v %s: no %q on screen:\n%s", sz, name, want[name], s)
			}
			if sz[0] >= 80 && !strings.Contains(s, "within 1e-4 of PyTorch") {
				t.Errorf("%v %s: the header does not say how exact the numbers are", sz, name)
			}
			m = send(m, keyMsg("n"))
		}
	}
}

func TestModelModeKeys(t *testing.T) {
	m := modelUI(t, samples.Induction(2, 20), "overview", 120, 40)
	m = send(m, keys("right", "down", "enter")...) // the overview's cursor to L1H1, opened
	mv := m.ModelView()
	if l, h := mv.Selected(); mv.Stage() != "head" || l != 1 || h != 1 {
		t.Fatalf("enter in the overview: at %s L%dH%d, want head L1H1", mv.Stage(), l, h)
	}
	s := checkScreen(t, m, 120, 40, "head")
	if !strings.Contains(s, "L1H1") || !strings.Contains(s, "softmax over row") {
		t.Fatalf("the head view does not explain its cell:\n%s", s)
	}
	m = send(m, keys("<", "[", "x")...)
	if l, h := m.ModelView().Selected(); l != 0 || h != 0 {
		t.Fatalf("< and [: L%dH%d, want L0H0", l, h)
	}
	if s := checkScreen(t, m, 120, 40, "hidden"); !strings.Contains(s, "first token hidden") {
		t.Fatalf("x does not hide the first token:\n%s", s)
	}
	m = send(m, keys("z", "up", "left", "i", "i", "z")...)
	checkScreen(t, m, 120, 40, "fit")
	m = send(m, keys("n", "left", "down", "enter")...) // query view: a head opens
	if mv := m.ModelView(); mv.Stage() != "head" {
		t.Fatalf("enter in the query view: at %s", mv.Stage())
	}
	m = send(m, keys("n", "n", "l", "r", "enter")...) // metrics, sorted by another column
	if mv := m.ModelView(); mv.Stage() != "head" {
		t.Fatalf("enter in the metrics: at %s", mv.Stage())
	}
	m = send(m, keys("?")...)
	if s := checkScreen(t, m, 120, 40, "help"); !strings.Contains(s, "induction probe") || !strings.Contains(s, "next layer") {
		t.Fatalf("the help lacks model mode's keys:\n%s", s)
	}
	m = send(m, keys("a", "c", "t")...)
	checkScreen(t, m, 120, 40, "restyled")
	before := checkScreen(t, m, 120, 40, "before a click")
	m = send(m, tea.MouseClickMsg{X: 30, Y: 25, Button: tea.MouseLeft})
	if after := checkScreen(t, m, 120, 40, "clicked"); after == before {
		t.Error("a click on the heatmap does not move the cursor")
	}
}

func TestModelModeInductionAndEdit(t *testing.T) {
	m := modelUI(t, "Hello world", "tokens", 120, 40)
	m = send(m, keyMsg("R"))
	if got := len(m.ModelView().Scene().Tokens); got != 40 {
		t.Fatalf("R: %d tokens, want the probe's 40", got)
	}
	first := m.ModelView().Scene().Tokens[0].Label
	m = send(m, keyMsg("R"))
	if m.ModelView().Scene().Tokens[0].Label == first && m.ModelView().Scene().Tokens[1].Label == m.ModelView().Scene().Tokens[1].Label {
		// a new seed draws new words (the first word may repeat by chance)
		t.Log("the probe's first word repeated")
	}
	m = send(m, keyMsg("e"), keyMsg("ctrl+u"))
	m = send(m, tea.PasteMsg{Content: "one two"}, keyMsg("enter"))
	if got := len(m.ModelView().Scene().Tokens); got != 2 {
		t.Fatalf("edit: %d tokens, want 2", got)
	}
}

func TestModelModeOneToken(t *testing.T) {
	m := modelUI(t, "a", "tokens", 80, 24)
	for range pipeline.ModelStageNames() {
		m = send(m, keys("x", "z", "enter", "left", "right", "]", ">")...)
		checkScreen(t, m, 80, 24, m.ModelView().Stage())
		m = send(m, keyMsg("n"))
	}
}

func TestModelModeLongText(t *testing.T) {
	if testing.Short() {
		t.Skip("T = 1024")
	}
	m := modelUI(t, strings.Repeat("one two three four ", 300), "head", 120, 40)
	if got := len(m.ModelView().Scene().Tokens); got != 1024 {
		t.Fatalf("%d tokens, want the context's 1024", got)
	}
	if s := checkScreen(t, m, 120, 40, "T=1024"); !strings.Contains(s, "cut to 1024 tokens") && !strings.Contains(s, "pooling") {
		t.Errorf("no notice that the text was cut:\n%s", s)
	}
	m = send(m, keys("z")...)
	if s := checkScreen(t, m, 120, 40, "pooled"); !strings.Contains(s, "max-pooled") {
		t.Fatalf("z does not pool the matrix:\n%s", s)
	}
	for range pipeline.ModelStageNames() {
		m = send(m, keyMsg("n"))
		checkScreen(t, m, 120, 40, m.ModelView().Stage())
	}
}

func TestModelModeCancel(t *testing.T) {
	req := pipeline.ModelRequest{Spec: tinyModel(t), Text: "Hello"}
	m := New(nil, 0, WithModel(pipeline.NewModels(), req, 0, 0, 0))
	m = send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !m.ModelView().Loading() {
		t.Fatal("not loading before Init ran")
	}
	s := checkScreen(t, m, 80, 24, "loading")
	if !strings.Contains(s, "mapping") {
		t.Errorf("the loading screen does not say what it does:\n%s", s)
	}
	m = send(m, keyMsg("esc"))
	if m.ModelView().Loading() || !strings.Contains(m.ModelView().Message(), "cancelled") {
		t.Fatalf("esc: loading %v, message %q", m.ModelView().Loading(), m.ModelView().Message())
	}
	out, err := replay.Replay(tea.Model(m), m.Init()()) // the stale open lands and is dropped
	if err != nil {
		t.Fatal(err)
	}
	if out.(Model).ModelView().Scene() != nil {
		t.Fatal("a cancelled load landed")
	}
}

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "attnscope-tiny-") }

func TestModelModePresent(t *testing.T) {
	req := pipeline.ModelRequest{Spec: tinyModel(t), Text: samples.Induction(3, 20)}
	m := New(nil, 0, WithPresent(0), WithModel(pipeline.NewModels(), req, 0, 0, 0))
	out, err := replay.Start(m, 100, 30, colorprofile.TrueColor, nil)
	if err != nil {
		t.Fatal(err)
	}
	m = out.(Model)
	m = send(m, keyMsg("n"), keyMsg("pgdown"))
	if got := m.ModelView().Stage(); got != "head" {
		t.Fatalf("two steps in presenter mode: at %s, want head", got)
	}
	s := checkScreen(t, m, 100, 30, "present")
	if !strings.Contains(s, "n next") || strings.Contains(s, "softmax over row") {
		t.Errorf("presenter mode shows the inspector or lacks its footer:\n%s", s)
	}
	m = send(m, tickMsg{seq: m.pres.tickSeq}) // as --auto's clock sends it (no timer here)
	if got := m.ModelView().Stage(); got != "query" {
		t.Fatalf("the auto-advance tick: at %s, want query", got)
	}
	m = send(m, tickMsg{seq: m.pres.tickSeq - 1})
	if got := m.ModelView().Stage(); got != "query" {
		t.Fatalf("a stale tick moved on to %s", got)
	}
}

// c and t say on the status line which colormap and theme are now in
// force, until the next key, as in chapter 3.
func TestModelModeSaysTheLook(t *testing.T) {
	m := modelUI(t, "Hello world", "overview", 120, 40)
	m = send(m, keyMsg("c"))
	if s := checkScreen(t, m, 120, 40, "c"); !strings.Contains(s, "colormap: ") {
		t.Fatalf("c does not name the colormap now in force:\n%s", s)
	}
	m = send(m, keyMsg("t"))
	if s := checkScreen(t, m, 120, 40, "t"); !strings.Contains(s, "theme: ") {
		t.Fatalf("t does not name the theme now in force:\n%s", s)
	}
	m = send(m, keyMsg("n"))
	if s := checkScreen(t, m, 120, 40, "n"); strings.Contains(s, "theme: ") {
		t.Fatalf("the theme's name outlives the next key:\n%s", s)
	}
}
