package compute

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"weak"
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

// A layer the cache drops is garbage: nothing in the trace still holds it.
func TestGPT2DroppedLayerIsCollected(t *testing.T) {
	p := tinyGPT2(t)
	tr, err := p.Trace(context.Background(), repeatedIDs(20, p.Config.Vocab), TraceOptions{CacheLayers: 1})
	if err != nil {
		t.Fatal(err)
	}
	first := weak.Make(tr.Layer(0))
	tr.Layer(1)
	runtime.GC()
	if first.Value() != nil {
		t.Fatal("layer 0 is still held after the cache dropped it")
	}
	runtime.KeepAlive(tr)
}
