package inspector

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// checkView asserts that View is exactly h lines of exactly w cells.
func checkView(t *testing.T, m Model, w, h int) {
	t.Helper()
	v := m.View()
	if w <= 0 || h <= 0 {
		if v != "" {
			t.Fatalf("%d×%d: want empty view, got %q", w, h, v)
		}
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Fatalf("%d×%d: %d lines", w, h, len(lines))
	}
	for k, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("%d×%d: line %d is %d wide: %q", w, h, k, lw, l)
		}
	}
	if strings.Contains(v, "NaN") {
		t.Fatalf("NaN on screen:\n%s", v)
	}
}

// TestNoPanic walks every stage over nil results, empty results, cells in
// and out of range and sizes from 0×0 up.
func TestNoPanic(t *testing.T) {
	rs := bookResults(t)
	results := map[string]*compute.Result{
		"nil": nil, "empty": {}, "only simple": {Inputs: rs["rand123"].Inputs, Simple: rs["rand123"].Simple},
		"rand123": rs["rand123"], "linear789": rs["linear789"], "drop": rs["drop"], "linear123": rs["linear123"],
	}
	cells := [][3]int{{0, 0, 0}, {0, 5, 5}, {1, 2, 1}, {0, -1, 0}, {0, 0, -1}, {0, 6, 0}, {0, 0, 6}, {9, 1, 1}, {-1, 1, 1}}
	sizes := [][2]int{{0, 0}, {1, 1}, {2, 3}, {7, 2}, {20, 5}, {40, 12}, {80, 24}}
	for name, r := range results {
		for s := -1; s <= pipeline.NumStages; s++ {
			for _, c := range cells {
				for _, labels := range [][]string{nil, bookLabels, {"\x1b[31mred\x07", "a\nb"}} {
					m := New(themes.Default)
					m.SetCell(pipeline.Stage(s).Def(), r, c[0], c[1], c[2], labels)
					for _, sz := range sizes {
						m.SetSize(sz[0], sz[1])
						checkView(t, m, sz[0], sz[1])
						if strings.ContainsAny(m.Content(), "\x1b\x07") {
							t.Fatalf("%s/%d: control byte from a label reached the screen", name, s)
						}
					}
				}
			}
		}
		_ = name
	}
}

func TestMissingTensorsSaySo(t *testing.T) {
	m := New(themes.Default)
	m.SetSize(80, 20)
	m.SetCell(pipeline.StageCausal.Def(), &compute.Result{}, 0, 0, 0, nil)
	if got := m.Content(); !strings.Contains(got, "not computed") {
		t.Errorf("want a not-computed message, got\n%s", got)
	}
	m.SetCell(pipeline.StageScores.Def(), nil, 0, 0, 0, nil)
	if got := m.Content(); !strings.Contains(got, "not computed") {
		t.Errorf("nil result: got\n%s", got)
	}
	m.SetCell(pipeline.StageScores.Def(), bookResults(t)["rand123"], 0, 7, 0, nil)
	if got := m.Content(); !strings.Contains(got, "No cell at row 8, column 1: the matrix is 6 × 6") {
		t.Errorf("out of range: got\n%s", got)
	}
}

// randResult is a consistent single-head result for T tokens and width d,
// computed with compute's own operations (the numbers are not checked here,
// only that the inspector copes with the shapes).
func randResult(t, d int) *compute.Result {
	rng := rand.New(rand.NewPCG(1, 2))
	x := compute.NewMatrix(t, d)
	for k := range x.Data {
		x.Data[k] = float32(rng.NormFloat64())
	}
	r := &compute.Result{Config: compute.Config{DIn: d, DOut: d, Heads: 1}, Inputs: x, Simple: compute.SimpleAttention(x)}
	r.Single.Queries, r.Single.Keys, r.Single.Values = x, x, x
	r.Single.SetScores(r.Simple.Scores())
	r.Single.SetScaled(r.Simple.Scores())
	r.Single.SetWeights(r.Simple.Weights())
	r.Single.Context = r.Simple.Context
	return r
}

func TestHugeWidthIsAbbreviated(t *testing.T) {
	r := randResult(3, 768)
	m := New(themes.Default)
	m.SetSize(60, 20)
	for _, s := range []pipeline.Stage{pipeline.StageScores, pipeline.StageContext, pipeline.StageEmbeddings, pipeline.StageScaled, pipeline.StageWeights} {
		m.SetCell(s.Def(), r, 0, 1, 2, nil)
		got := m.Content()
		if !strings.Contains(got, "…") {
			t.Errorf("%s: no abbreviation:\n%s", s, got)
		}
		if n := strings.Count(got, "\n"); n > 40 {
			t.Errorf("%s: %d lines for d = 768", s, n)
		}
		checkView(t, m, 60, 20)
	}
	m.SetCell(pipeline.StageScores.Def(), r, 0, 1, 2, nil)
	if got := m.Content(); !strings.Contains(got, "(768 terms)") {
		t.Errorf("term count missing:\n%s", got)
	}
}

func TestLongSequenceIsAbbreviated(t *testing.T) {
	r := randResult(200, 2)
	m := New(themes.Default)
	m.SetSize(80, 20)
	m.SetCell(pipeline.StageSoftmax.Def(), r, 0, 150, 3, nil)
	got := m.Content()
	if !strings.Contains(got, "(200 terms)") || strings.Count(got, "\n") > 30 {
		t.Errorf("softmax over T = 200:\n%s", got)
	}
	m.SetCell(pipeline.StageContext.Def(), r, 0, 150, 1, nil)
	if got := m.Content(); strings.Count(got, "\n") > 30 {
		t.Errorf("context over T = 200 is %d lines", strings.Count(got, "\n"))
	}
}

func TestSingleToken(t *testing.T) {
	r := randResult(1, 3)
	m := New(themes.Default)
	m.SetSize(50, 20)
	for s := range pipeline.NumStages {
		m.SetCell(pipeline.Stage(s).Def(), r, 0, 0, 0, []string{"Hi"})
		checkView(t, m, 50, 20)
	}
	m.SetCell(pipeline.StageSoftmax.Def(), r, 0, 0, 0, []string{"Hi"})
	if got := m.Content(); !strings.Contains(got, "α₁₁ = 1.0000 / 1.0000 = 1.0000") {
		t.Errorf("T = 1 softmax:\n%s", got)
	}
}

func TestWrapsToWidth(t *testing.T) {
	m := New(themes.Default)
	m.SetCell(pipeline.StageContext.Def(), bookResults(t)["rand123"], 0, 1, 0, bookLabels)
	for _, w := range []int{24, 40, 57} {
		m.SetSize(w, 50)
		for _, l := range strings.Split(m.Content(), "\n") {
			if lipgloss.Width(l) > w {
				t.Errorf("width %d: line %q is %d wide", w, l, lipgloss.Width(l))
			}
		}
	}
	// A sum wraps between terms, never inside a number.
	m.SetSize(30, 50)
	for _, l := range strings.Split(m.Content(), "\n") {
		if strings.HasSuffix(l, "0.") || strings.HasPrefix(strings.TrimSpace(l), "·") {
			t.Errorf("broken inside a term: %q", l)
		}
	}
}

func TestScroll(t *testing.T) {
	m := New(themes.Default)
	m.SetSize(40, 8)
	m.SetCell(pipeline.StageWeights.Def(), bookResults(t)["rand123"], 0, 1, 0, bookLabels)
	total := len(m.lines)
	if total <= 8 {
		t.Fatalf("content too short to scroll: %d lines", total)
	}
	first := m.View()
	if !strings.Contains(first, "↓") {
		t.Errorf("no scroll hint:\n%s", first)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'J', Text: "J"})
	if m.offset != 1 {
		t.Errorf("J: offset %d, want 1", m.offset)
	}
	for range 100 {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift})
	}
	if want := total - 7; m.offset != want {
		t.Errorf("scrolled past the end: offset %d, want %d", m.offset, want)
	}
	checkView(t, m, 40, 8)
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.offset != total-10 {
		t.Errorf("wheel up: offset %d, want %d", m.offset, total-10)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'K', Text: "K"})
	if m.offset != total-11 {
		t.Errorf("K: offset %d, want %d", m.offset, total-11)
	}
	m.ScrollBy(-1000)
	if m.offset != 0 {
		t.Errorf("ScrollBy(-1000): offset %d", m.offset)
	}
	// Moving the cursor within a stage keeps the scroll position; a new
	// stage starts at the top.
	m.ScrollBy(3)
	m.SetCell(pipeline.StageWeights.Def(), bookResults(t)["rand123"], 0, 2, 0, bookLabels)
	if m.offset != 3 {
		t.Errorf("same stage: offset %d, want 3", m.offset)
	}
	m.SetCell(pipeline.StageScaled.Def(), bookResults(t)["rand123"], 0, 2, 0, bookLabels)
	if m.offset != 0 {
		t.Errorf("new stage: offset %d, want 0", m.offset)
	}
}

func TestHelp(t *testing.T) {
	k := DefaultKeyMap()
	if len(k.ShortHelp()) == 0 || len(k.FullHelp()) == 0 {
		t.Fatal("empty help")
	}
	for _, b := range k.FullHelp()[0] {
		for _, key := range b.Keys() {
			switch key {
			case "up", "down", "left", "right", "h", "j", "k", "l", "n", "p", "e", "q", "?", "tab", "pgup", "pgdown":
				t.Errorf("binding %q collides with SPEC §7", key)
			}
		}
	}
}

// TestMismatchedShapes: tensors that disagree with each other (a bug
// elsewhere, or a half-filled Result) are shown as far as they go.
func TestMismatchedShapes(t *testing.T) {
	for name, r := range bookResults(t) {
		r.Inputs = compute.NewMatrix(2, 2)
		r.Single.Values = compute.NewMatrix(6, 1)
		r.Single.WQuery = compute.NewMatrix(1, 1)
		r.Single.Keys = &compute.Matrix{Rows: 6, Cols: 2} // no data
		r.MHA.Concat = compute.NewMatrix(1, 7)
		r.MHA.HeadDim = 3
		if len(r.MHA.Queries) > 1 {
			r.MHA.Queries = r.MHA.Queries[:1]
		}
		r.Wrapper.Heads = nil
		m := New(themes.Default)
		m.SetSize(50, 10)
		for s := range pipeline.NumStages {
			for h := range 3 {
				rows, cols := GridSize(pipeline.Stage(s).Def(), r, h)
				for i := range rows {
					for j := range cols {
						m.SetCell(pipeline.Stage(s).Def(), r, h, i, j, bookLabels)
						checkView(t, m, 50, 10)
					}
				}
			}
		}
		_ = name
	}
}

func TestNoColorStyles(t *testing.T) {
	m := New(themes.Default)
	m.Styles = NoColorStyles()
	m.SetSize(60, 24)
	m.SetCell(pipeline.StageCausal.Def(), bookResults(t)["linear789"], 0, 0, 3, bookLabels)
	v := m.View()
	if strings.Contains(v, "38;") || strings.Contains(v, "48;") {
		t.Errorf("colour escapes with NoColorStyles:\n%q", v)
	}
	checkView(t, m, 60, 24)
}
