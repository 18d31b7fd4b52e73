package pipeline

import (
	"context"
	"sort"
	"testing"

	"github.com/attnscope/attnscope/checkpoint/hub"
	"github.com/attnscope/attnscope/samples"
)

// TestRealGPT2InductionHeads runs only when a real GPT-2 small is in the
// local Hugging Face cache (attnscope pull gpt2): on the induction probe,
// the heads TransformerLens's detector finds in GPT-2 small (L5H1, L5H5,
// L6H9, L7H2, L7H10) must be among its top induction scores. It is
// skipped everywhere else, CI included: nothing downloads in tests.
func TestRealGPT2InductionHeads(t *testing.T) {
	if dir, _ := hub.Find("gpt2"); dir == "" {
		t.Skip("no gpt2 in the Hugging Face cache (attnscope pull gpt2 to run this test)")
	}
	models := NewModels()
	defer models.Close()
	sc, err := BuildModel(context.Background(), models,
		ModelRequest{Spec: "gpt2", Text: samples.Induction(1, 50)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := sc.Model.Info.Config; c.D != 768 || c.Layers != 12 || c.Heads != 12 {
		t.Skipf("the cached gpt2 is not GPT-2 small (%+v)", c)
	}
	type head struct {
		l, h int
		v    float32
	}
	var all []head
	for l, row := range sc.Trace.Metrics.Induction {
		for h, v := range row {
			all = append(all, head{l, h, v})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v })
	top := map[[2]int]bool{}
	for _, x := range all[:12] {
		top[[2]int{x.l, x.h}] = true
	}
	for _, k := range [][2]int{{5, 1}, {5, 5}, {6, 9}, {7, 2}, {7, 10}} {
		if !top[k] {
			t.Errorf("L%dH%d is not among the 12 highest induction scores; top: %v", k[0], k[1], all[:12])
		}
	}
}
