package inspector

import (
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// TestBookScene runs the real pipeline in book mode (each stage under the
// configuration the chapter printed it with) and checks that the inspector
// finds every tensor it needs and shows the book's printed numbers
// (ch03.ipynb cells: 4, 11, 8, 17, 19, 21/22, 30, 32, 36).
func TestBookScene(t *testing.T) {
	sc, err := pipeline.Build(pipeline.DefaultRequest())
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]string, len(sc.Tokens))
	for i, tok := range sc.Tokens {
		labels[i] = tok.Label
	}
	want := map[pipeline.Stage]struct {
		i, j int
		want []string
	}{
		pipeline.StageTokens:     {1, 0, []string{"journey"}},
		pipeline.StageEmbeddings: {1, 1, []string{"x₂,₂ = 0.8700"}},
		pipeline.StageScores:     {1, 0, []string{"= 0.9544"}},
		pipeline.StageSoftmax:    {1, 1, []string{"= 0.2379", "row 2 sums to 1.0000"}},
		pipeline.StageContext:    {1, 2, []string{"= 0.5683"}},
		pipeline.StageQKV:        {1, 1, []string{"q₂,₂ = ", "= 1.4551"}},
		pipeline.StageScaled:     {1, 1, []string{"= 1.8524", "÷ √2"}},
		pipeline.StageWeights:    {1, 0, []string{"= 0.1500", "= 0.3061", "= 0.8210"}},
		pipeline.StageCausal:     {1, 0, []string{"= 0.5517", "equal"}},
		pipeline.StageDropout:    {2, 0, []string{"0.3800 × 2 = 0.7599", "reseeding with 123"}},
		pipeline.StageHeads:      {2, 1, []string{"Head 1 of 2", "The wrapper's head 1"}},
		pipeline.StageOutput:     {0, 1, []string{"= 0.4858"}},
	}
	m := New(themes.Default)
	m.SetSize(300, 100)
	for s := range pipeline.NumStages {
		st := pipeline.Stage(s)
		w := want[st]
		m.SetCell(st.Def(), sc.ResultFor(st), 0, w.i, w.j, labels)
		got := m.Content()
		if strings.Contains(got, "not computed") || strings.Contains(got, "No cell") {
			t.Errorf("%s: missing data:\n%s", st, got)
		}
		for _, x := range w.want {
			if !strings.Contains(got, x) {
				t.Errorf("%s: missing %q in\n%s", st, x, got)
			}
		}
	}
}

// TestCustomConfig: compute.Run under a non-book configuration with a
// bias, dropout and two heads; every stage and every cell is explained
// without a missing tensor.
func TestCustomConfig(t *testing.T) {
	cfg := compute.DefaultConfig()
	cfg.DIn, cfg.DOut, cfg.Heads = 8, 4, 2
	cfg.QKVBias, cfg.Dropout = true, 0.25
	x := randResult(7, 8).Inputs
	r, err := compute.Run(x, cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := New(themes.Default)
	m.SetSize(120, 40)
	for s := range pipeline.NumStages {
		st := pipeline.Stage(s)

		for h := range 2 {
			rows, cols := GridSize(st.Def(), r, h)
			if rows == 0 || cols == 0 {
				t.Fatalf("%s: empty grid", st)
			}
			for i := range rows {
				for j := range cols {
					m.SetCell(st.Def(), r, h, i, j, nil)
					got := m.Content()
					if strings.Contains(got, "not computed") || strings.Contains(got, "undefined") {
						t.Fatalf("%s head %d (%d,%d):\n%s", st, h, i, j, got)
					}
				}
			}
		}
	}
	m.SetCell(pipeline.StageQKV.Def(), r, 0, 0, 0, nil)
	if !strings.Contains(m.Content(), "(bias)") {
		t.Errorf("qkv without bias term:\n%s", m.Content())
	}
	m.SetCell(pipeline.StageDropout.Def(), r, 0, 3, 1, nil)
	if got := m.Content(); !strings.Contains(got, "p = 0.25") || !strings.Contains(got, "1.3333") && !strings.Contains(got, "Dropped") {
		t.Errorf("dropout p = 0.25:\n%s", got)
	}
}
