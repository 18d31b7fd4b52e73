package pipeline

import (
	"context"
	"testing"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/internal/tinygpt"
)

// OnTraceStart hands over, once and before the first block, the trace the
// scene ends with.
func TestBuildModelOnTraceStart(t *testing.T) {
	dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 3, Heads: 2, D: 8, Context: 64, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	var started *compute.GPT2Trace
	var calls []int
	sc, err := BuildModel(context.Background(), NewModels(), ModelRequest{Spec: dir, Text: "one two three"},
		func(l int) { calls = append(calls, l) },
		OnTraceStart(func(tr *compute.GPT2Trace) {
			if started != nil || len(calls) > 0 {
				t.Error("OnTraceStart called twice or after a block")
			}
			started = tr
			calls = append(calls, -1)
		}))
	if err != nil {
		t.Fatal(err)
	}
	if started == nil || started != sc.Trace {
		t.Fatalf("started %p, scene's trace %p", started, sc.Trace)
	}
	if len(calls) != 4 || calls[0] != -1 || calls[3] != 2 {
		t.Errorf("calls %v, want the start then blocks 0–2", calls)
	}
}
