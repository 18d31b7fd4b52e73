package compute

import (
	"context"
	"slices"
	"sync"
	"testing"
)

// HeadWeights gives every head once, with exactly Layer's weights, whether
// the layer is kept or recomputed, and keeps nothing itself.
func TestGPT2HeadWeights(t *testing.T) {
	p := tinyGPT2(t)
	tr, err := p.Trace(context.Background(), repeatedIDs(50, p.Config.Vocab), TraceOptions{CacheLayers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []int{1, 1, 0, 2} {
		var mu sync.Mutex
		got := make([][]float32, p.Config.Heads)
		tr.HeadWeights(l, func(h int, w *Matrix) {
			mu.Lock()
			defer mu.Unlock()
			if got[h] != nil {
				t.Errorf("layer %d head %d given twice", l, h)
			}
			got[h] = slices.Clone(w.Data)
		})
		kept := len(tr.cached)
		ly := tr.Layer(l)
		for h, w := range ly.Weights {
			if !slices.Equal(got[h], w.Data) {
				t.Fatalf("layer %d head %d: HeadWeights differs from Layer", l, h)
			}
		}
		if kept > 1 {
			t.Fatalf("HeadWeights cached a layer: %d kept", kept)
		}
	}
}
