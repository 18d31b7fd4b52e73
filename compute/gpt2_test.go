package compute

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
)

// tinyGPT2 is a small random model for the property tests.
func tinyGPT2(t testing.TB) *GPT2Params {
	t.Helper()
	return randomGPT2(GPT2Config{D: 32, Heads: 4, Layers: 3, Vocab: 50, Context: 64, Eps: 1e-5}, 3)
}

func repeatedIDs(t, vocab int) []int {
	ids := make([]int, t)
	for i := range ids {
		ids[i] = (i%7*13 + i/21) % vocab // repeats every 7, shifted every 21
	}
	return ids
}

// Every weight row sums to 1 over positions 0…i and is exactly 0 beyond;
// Layer(l) asked again gives the same matrices, and after eviction the
// same values; the forward pass's head scores, recomputed from Layer's
// weights by their definitions, agree.
func TestGPT2TraceProperties(t *testing.T) {
	p := tinyGPT2(t)
	ids := repeatedIDs(45, p.Config.Vocab)
	tr, err := p.Trace(context.Background(), ids, TraceOptions{CacheLayers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for l := range p.Config.Layers {
		ly := tr.Layer(l)
		if tr.Layer(l) != ly {
			t.Errorf("layer %d: a second call recomputed a cached layer", l)
		}
		for h, w := range ly.Weights {
			for i := range w.Rows {
				var sum float64
				for j, v := range w.Row(i) {
					if j > i && v != 0 {
						t.Fatalf("L%dH%d: masked weight (%d, %d) = %g", l, h, i, j, v)
					}
					sum += float64(v)
				}
				if math.Abs(sum-1) > 1e-5 {
					t.Errorf("L%dH%d row %d sums to %g", l, h, i, sum)
				}
			}
		}
		checkMetricsFromWeights(t, tr, ly, ids)
	}
	first := tr.Layer(0) // evicted by the last layer (cache of 1): recomputed
	again := tr.Layer(0)
	if first != again {
		t.Error("the most recent layer was not kept")
	}
	tr2, _ := p.Trace(context.Background(), ids, TraceOptions{})
	for h, w := range tr2.Layer(0).Weights {
		for k, v := range w.Data {
			if v != first.Weights[h].Data[k] {
				t.Fatalf("head %d: a recomputed weight differs: %g vs %g", h, v, first.Weights[h].Data[k])
			}
		}
	}
}

// checkMetricsFromWeights recomputes the five head scores of layer ly from
// its weights, as the definitions read, and compares.
func checkMetricsFromWeights(t *testing.T, tr *GPT2Trace, ly *GPT2Layer, ids []int) {
	t.Helper()
	l, n := ly.Index, len(ids)
	for h, w := range ly.Weights {
		var tot, prev, dup, ind, first, ent float64
		for i := range n {
			for j := range n {
				a := float64(w.At(i, j))
				tot += a
				if j == i-1 {
					prev += a
				}
				if j < i && ids[j] == ids[i] {
					dup += a
				}
				if j >= 1 && j <= i && ids[j-1] == ids[i] {
					ind += a
				}
				if a > 0 {
					ent -= a * math.Log(a)
				}
			}
			first += float64(w.At(i, 0))
		}
		m := tr.Metrics
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"previous_token", float64(m.PreviousToken[l][h]), prev / tot},
			{"duplicate_token", float64(m.DuplicateToken[l][h]), dup / tot},
			{"induction", float64(m.Induction[l][h]), ind / tot},
			{"first_token", float64(m.FirstToken[l][h]), first / float64(n)},
			{"entropy", float64(m.Entropy[l][h]), ent / float64(n)},
		} {
			if math.Abs(c.got-c.want) > 2e-6 {
				t.Errorf("L%dH%d %s = %g, from the weights %g", l, h, c.name, c.got, c.want)
			}
		}
	}
}

// One token: every weight is 1, the previous-token, duplicate and
// induction scores are 0, the entropy 0.
func TestGPT2OneToken(t *testing.T) {
	p := tinyGPT2(t)
	tr, err := p.Trace(context.Background(), []int{7}, TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for l := range p.Config.Layers {
		for h, w := range tr.Layer(l).Weights {
			if w.Rows != 1 || w.Data[0] != 1 {
				t.Errorf("L%dH%d weights %v", l, h, w.Data)
			}
			m := tr.Metrics
			if m.PreviousToken[l][h] != 0 || m.DuplicateToken[l][h] != 0 || m.Induction[l][h] != 0 ||
				m.FirstToken[l][h] != 1 || m.Entropy[l][h] != 0 {
				t.Errorf("L%dH%d scores %g %g %g %g %g", l, h, m.PreviousToken[l][h], m.DuplicateToken[l][h],
					m.Induction[l][h], m.FirstToken[l][h], m.Entropy[l][h])
			}
		}
	}
	ids, probs := tr.TopK(3)
	if len(ids) != 3 || !(probs[0] >= probs[1] && probs[1] >= probs[2]) {
		t.Errorf("TopK(3) = %v %v", ids, probs)
	}
}

// Bad input is an error, never a panic: ids, lengths, broken shapes.
func TestGPT2Errors(t *testing.T) {
	p := tinyGPT2(t)
	long := make([]int, p.Config.Context+1)
	for _, c := range []struct {
		name string
		ids  []int
		want string
	}{
		{"empty", nil, "no tokens"},
		{"too long", long, "exceed the context"},
		{"negative id", []int{1, -1}, "outside the vocabulary"},
		{"id = V", []int{p.Config.Vocab}, "outside the vocabulary"},
	} {
		if _, err := p.Trace(context.Background(), c.ids, TraceOptions{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
	}
	breaks := map[string]func(q *GPT2Params){
		"heads":       func(q *GPT2Params) { q.Config.Heads = 5 },
		"eps":         func(q *GPT2Params) { q.Config.Eps = 0 },
		"blocks":      func(q *GPT2Params) { q.Blocks = q.Blocks[:1] },
		"wte shape":   func(q *GPT2Params) { q.TokenEmb = NewMatrix(3, 32) },
		"wpe nil":     func(q *GPT2Params) { q.PosEmb = nil },
		"data length": func(q *GPT2Params) { q.Blocks[1].FC.W = &Matrix{Rows: 32, Cols: 128} },
		"bias length": func(q *GPT2Params) { q.Blocks[2].Attn.B = make([]float32, 5) },
		"ln gain":     func(q *GPT2Params) { q.Blocks[0].LN2Gain = nil },
		"head":        func(q *GPT2Params) { q.Head = NewMatrix(50, 31) },
	}
	for name, f := range breaks {
		q := *tinyGPT2(t)
		q.Blocks = append([]GPT2Block(nil), q.Blocks...)
		f(&q)
		if _, err := q.Trace(context.Background(), []int{1, 2}, TraceOptions{}); err == nil || !strings.HasPrefix(err.Error(), "compute:") {
			t.Errorf("%s: err %v", name, err)
		}
	}
	var nilParams *GPT2Params
	if nilParams.Validate() == nil {
		t.Error("nil parameters validated")
	}
}

// OnLayer sees every block in order; a cancelled context stops the pass
// before the next block.
func TestGPT2Cancel(t *testing.T) {
	p := tinyGPT2(t)
	var seen []int
	if _, err := p.Trace(context.Background(), []int{1, 2, 3}, TraceOptions{OnLayer: func(l int) { seen = append(seen, l) }}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 || seen[0] != 0 || seen[2] != 2 {
		t.Errorf("OnLayer saw %v", seen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	seen = nil
	tr, err := p.Trace(ctx, []int{1, 2, 3}, TraceOptions{OnLayer: func(l int) {
		seen = append(seen, l)
		if l == 0 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || tr != nil || len(seen) != 1 {
		t.Errorf("cancelled after block 0: trace %v, err %v, blocks %v", tr != nil, err, seen)
	}
}

// A viewer may draw a layer while the pass goes on, from its own
// goroutine: Layer(l+1) asked once OnLayer(l) has been called is the layer
// the finished trace gives.
func TestGPT2EarlyLayers(t *testing.T) {
	p := tinyGPT2(t)
	ids := repeatedIDs(30, 50)
	ready := make(chan int, p.Config.Layers)
	var partial *GPT2Trace
	drawn := make(chan map[int]*GPT2Layer)
	go func() { // the viewer
		early := map[int]*GPT2Layer{}
		for l := range ready {
			early[l] = partial.Layer(l)
		}
		drawn <- early
	}()
	tr, err := p.Trace(context.Background(), ids, TraceOptions{
		OnStart: func(tr *GPT2Trace) { partial = tr; ready <- 0 },
		OnLayer: func(l int) {
			if l+1 < p.Config.Layers {
				ready <- l + 1
			}
		},
	})
	close(ready)
	early := <-drawn
	if err != nil {
		t.Fatal(err)
	}
	if partial != tr {
		t.Fatal("OnStart saw another trace")
	}
	for l, ly := range early {
		done := tr.Layer(l)
		for h := range ly.Weights {
			for k, v := range ly.Weights[h].Data {
				if v != done.Weights[h].Data[k] {
					t.Fatalf("layer %d head %d: drawn early %g, finished %g", l, h, v, done.Weights[h].Data[k])
				}
			}
		}
	}
	if len(early) != p.Config.Layers {
		t.Errorf("%d layers drawn early", len(early))
	}
}

// Cell's score, scaled score and weight agree with the layer.
func TestGPT2Cell(t *testing.T) {
	p := tinyGPT2(t)
	tr, _ := p.Trace(context.Background(), repeatedIDs(10, 50), TraceOptions{})
	ly := tr.Layer(1)
	c := ly.Cell(2, 7, 3)
	var s float64
	for x := range c.Query {
		s += float64(c.Query[x]) * float64(c.Key[x])
	}
	if math.Abs(float64(c.Score)-s) > 1e-5 || c.Scale != float32(math.Sqrt(8)) || c.Weight != ly.Weights[2].At(7, 3) || c.Masked {
		t.Errorf("cell %+v, dot %g", c, s)
	}
	if m := ly.Cell(0, 3, 5); !m.Masked || m.Weight != 0 {
		t.Errorf("masked cell %+v", m)
	}
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "compute:") {
			t.Errorf("out of range cell: %v", r)
		}
	}()
	ly.Cell(4, 0, 0)
}

// A trace at the whole context keeps its residual stream, not every
// layer's attention: the heap it holds stays far below L·H·T² floats.
func TestGPT2TraceMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("T = 1024")
	}
	cfg := GPT2Config{D: 32, Heads: 4, Layers: 12, Vocab: 64, Context: 1024, Eps: 1e-5}
	p := randomGPT2(cfg, 5)
	all := int64(cfg.Layers*cfg.Heads*cfg.Context*cfg.Context) * 4 // 192 MiB
	base := heapNow()
	tr, err := p.Trace(context.Background(), repeatedIDs(1024, cfg.Vocab), TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	held := heapNow() - base
	for l := range cfg.Layers {
		tr.Layer(l)
	}
	withLayers := heapNow() - base
	layer := int64(cfg.Heads*1024*1024) * 4
	t.Logf("trace holds %d KiB, with the layer cache %d KiB (all layers' attention: %d KiB)", held>>10, withLayers>>10, all>>10)
	if held > layer/2 || withLayers > 4*layer {
		t.Errorf("trace holds %d B, %d B after visiting every layer; one layer's attention is %d B", held, withLayers, layer)
	}
	runtime.KeepAlive(tr)
}

func heapNow() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// Whatever the ids, Trace returns a trace or an error, never panics, and a
// trace's weights are finite.
func FuzzGPT2Trace(f *testing.F) {
	p := randomGPT2(GPT2Config{D: 8, Heads: 2, Layers: 2, Vocab: 20, Context: 24, Eps: 1e-5}, 9)
	f.Add([]byte{1, 2, 3, 1, 2, 3})
	f.Add([]byte{})
	f.Add([]byte{19, 20, 255})
	f.Fuzz(func(t *testing.T, b []byte) {
		ids := make([]int, len(b))
		for i, v := range b {
			ids[i] = int(int8(v)) // negative ids too
		}
		tr, err := p.Trace(context.Background(), ids, TraceOptions{})
		if err != nil {
			return
		}
		for l := range p.Config.Layers {
			for _, w := range tr.Layer(l).Weights {
				for _, v := range w.Data {
					if math.IsNaN(float64(v)) || v < 0 || v > 1 {
						t.Fatalf("weight %g", v)
					}
				}
			}
		}
	})
}
