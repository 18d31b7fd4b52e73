package modelview

import (
	"context"
	"math"
	"runtime"
	"strings"
	"testing"
	"weak"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/internal/replay"
	"github.com/attnscope/attnscope/internal/tinygpt"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
)

func tinyScene(t testing.TB, text string) *pipeline.ModelScene {
	t.Helper()
	dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 2, Heads: 2, D: 8, Context: 1024, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := pipeline.BuildModel(context.Background(), pipeline.NewModels(), pipeline.ModelRequest{Spec: dir, Text: text}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestPool(t *testing.T) {
	w := compute.NewMatrixFrom(4, 4, []float32{
		1, 0, 0, 0,
		.2, .8, 0, 0,
		.1, .2, .7, 0,
		.4, .3, .2, .1,
	})
	got := Pool(w, 2)
	want := []float32{1, 0, .4, .7}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Pool = %v, want %v", got, want)
		}
	}
	if got := Pool(w, 9); len(got) != 16 || got[5] != .8 {
		t.Fatalf("a matrix smaller than n is copied: %v", got)
	}
}

func TestWithoutFirstRenormalises(t *testing.T) {
	sc := tinyScene(t, "one two three four five six")
	w := sc.Trace.Layer(1).Weights[0]
	r := withoutFirst(w)
	for i := 1; i < w.Rows; i++ {
		var s float64
		for j := 0; j < w.Cols; j++ {
			s += float64(r[i*w.Cols+j])
		}
		if r[i*w.Cols] != 0 || math.Abs(s-1) > 1e-5 {
			t.Fatalf("row %d: first %v, sum %v", i, r[i*w.Cols], s)
		}
	}
}

func TestExplanationEndsOnTheWeight(t *testing.T) {
	sc := tinyScene(t, "the cat sat on the mat")
	ly := sc.Trace.Layer(0)
	for _, c := range [][2]int{{5, 2}, {0, 0}, {3, 3}} {
		lines := explainCell(ly, 0, 1, c[0], c[1], true, nil)
		var last string
		for _, l := range lines {
			if strings.HasPrefix(l, "  = ") {
				last = strings.TrimPrefix(l, "  = ")
			}
		}
		if want := num(ly.Weights[1].At(c[0], c[1])); last != want {
			t.Errorf("cell %v: the softmax line gives %s, the weight is %s\n%s", c, last, want, strings.Join(lines, "\n"))
		}
	}
	if lines := explainCell(ly, 0, 1, 2, 4, false, nil); !strings.Contains(strings.Join(lines, " "), "masked") {
		t.Errorf("a cell above the diagonal is not said to be masked: %q", lines)
	}
}

// keyPress is the key press of a one-character key name.
func keyPress(s string) tea.KeyPressMsg {
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// wrap makes Model a tea.Model for internal/replay.
type wrap struct{ Model }

func (w wrap) Init() tea.Cmd { return w.Model.Init() }
func (w wrap) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := w.Model.Update(msg)
	return wrap{m}, cmd
}
func (w wrap) View() tea.View { return tea.NewView(w.Render()) }

// drive feeds msgs to m and runs the commands they return, as the runtime
// would.
func drive(t testing.TB, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	out, err := replay.Replay(tea.Model(wrap{m}), msgs...)
	if err != nil {
		t.Fatal(err)
	}
	return out.(wrap).Model
}

func TestHeadViewAtT1024(t *testing.T) {
	sc := tinyScene(t, strings.Repeat("alpha beta gamma delta ", 300))
	m := New(WithScene(sc), WithSelection(2, 1, 1))
	m.SetSize(120, 40)
	m = drive(t, m, m.Init()())
	if !m.hv.ready {
		t.Fatal("the head view is not ready after its layer landed")
	}
	for range 3 {
		m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyLeft})
	}
	if out := m.Render(); out == "" {
		t.Fatal("no frame after moving the cursor")
	}
}

// BenchmarkHeadViewCursorT1024 is a cursor move in the head view with its
// frame, at T = 1024 (one frame is 16 ms).
func BenchmarkHeadViewCursorT1024(b *testing.B) {
	sc := tinyScene(b, strings.Repeat("alpha beta gamma delta ", 300))
	m := New(WithScene(sc), WithSelection(2, 1, 1))
	m.SetSize(120, 40)
	m = drive(b, m, m.Init()())
	b.ResetTimer()
	for range b.N {
		m = drive(b, m, tea.KeyPressMsg{Code: tea.KeyLeft})
		_ = m.Render()
	}
}

// While a layer the head view asked for is computed, the overview's
// pooling waits after the layer it is on, and goes on once the layer lands.
func TestThumbnailsWaitForAskedLayer(t *testing.T) {
	sc := tinyScene(t, "the cat sat on the mat and the cat sat")
	m := New(WithScene(sc), WithSelection(2, 0, 0))
	m.SetSize(120, 40)
	m, layerCmd := m.Update(keyPress("]"))
	if layerCmd == nil {
		t.Fatal("layer 1 was not asked for")
	}
	m, cmd := m.Update(m.thumbCmd(0)())
	if cmd != nil || len(m.thumbs) != 1 {
		t.Fatalf("pooling went on (%v) with a layer on its way; %d layers pooled", cmd != nil, len(m.thumbs))
	}
	m = drive(t, m, layerCmd())
	if m.cache.get(1) == nil || len(m.thumbs) != sc.Model.Info.Config.Layers {
		t.Fatalf("after the layer landed: layer 1 kept %v, %d layers pooled", m.cache.get(1) != nil, len(m.thumbs))
	}
}

// A layer the views' cache drops is garbage: the cache's slice does not
// hold it.
func TestViewsDropLayers(t *testing.T) {
	var c layerCache
	c = c.with(&compute.GPT2Layer{Index: 0}, 1)
	first := weak.Make(c.layers[0])
	c = c.with(&compute.GPT2Layer{Index: 1}, 1)
	runtime.GC()
	if first.Value() != nil {
		t.Fatal("layer 0 is still held after the views dropped it")
	}
	runtime.KeepAlive(c)
}

// x on any view hides the first token in the query view too, and x there
// shows it again everywhere.
func TestHideFirstIsOneToggle(t *testing.T) {
	sc := tinyScene(t, "the cat sat on the mat")
	m := New(WithScene(sc), WithSelection(1, 0, 0))
	m.SetSize(120, 40)
	m = drive(t, m, m.Init()(), keyPress("x"))
	if !m.hideFirst || !m.query.HideFirst() {
		t.Fatalf("x on the overview: screen %v, query view %v", m.hideFirst, m.query.HideFirst())
	}
	m = drive(t, m, keyPress("n"), keyPress("n"), keyPress("x"))
	if m.Stage() != viewQuery || m.hideFirst || m.query.HideFirst() {
		t.Fatalf("x on the %s view: screen %v, query view %v", m.Stage(), m.hideFirst, m.query.HideFirst())
	}
}

// A clean screen (render --clean) has no key hints, no paging hint, no
// explanation of a cursor it does not draw and no notes; i brings the
// explanation back.
func TestCleanScreen(t *testing.T) {
	sc := tinyScene(t, samples.Induction(4, 20))
	for st := range pipeline.ModelStages() {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			m := New(WithScene(sc), WithSelection(pipeline.Stage(st), 1, 1), WithClean(true))
			m.SetSize(sz[0], sz[1])
			m = drive(t, m, m.Init()())
			m.note = "a note"
			s := ansi.Strip(m.Render())
			for _, bad := range []string{"more: N", "? help", "q quit", "q·k over d_head", "a note"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s at %v: %q on a clean screen:\n%s", m.Stage(), sz, bad, s)
				}
			}
			if m.Stage() == viewHead {
				m = drive(t, m, keyPress("i"))
				if s := ansi.Strip(m.Render()); !strings.Contains(s, "A[") {
					t.Errorf("%v: i does not bring the explanation back:\n%s", sz, s)
				}
			}
		}
	}
}
