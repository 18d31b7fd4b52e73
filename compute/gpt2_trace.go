package compute

import (
	"math"
	"runtime"
	"sort"
	"sync"
)

// GPT2Trace is what a forward pass keeps (see (*GPT2Params).Trace). Its
// exported fields are read-only; Layer and TopK are goroutine-safe.
type GPT2Trace struct {
	Config GPT2Config
	IDs    []int
	// Residual[l] is block l's input x (T×d); Residual[Layers] is the
	// input of the final LayerNorm.
	Residual []*Matrix
	Final    *Matrix   // the final LayerNorm's output, T×d
	Logits   []float32 // the last position's logits, V
	Metrics  GPT2Metrics

	params *GPT2Params
	mu     sync.Mutex
	cached []*GPT2Layer // most recently used last
	keep   int
}

// GPT2Layer is one block's attention, recomputed from its residual input:
// per head the causal weights (T×T, zeros above the diagonal) and the
// queries, keys and values (T×hd, biases included).
type GPT2Layer struct {
	Index                 int
	Weights               []*Matrix
	Queries, Keys, Values []*Matrix
}

func newGPT2Trace(p *GPT2Params, ids []int, opt TraceOptions) *GPT2Trace {
	c := p.Config
	t := len(ids)
	tr := &GPT2Trace{Config: c, IDs: append([]int(nil), ids...), params: p, keep: opt.CacheLayers,
		Residual: make([]*Matrix, c.Layers+1), Final: NewMatrix(t, c.D), Logits: make([]float32, c.Vocab)}
	if tr.keep <= 0 {
		tr.keep = defaultKeep(c, t)
	}
	slab := make([]float32, (c.Layers+1)*t*c.D)
	for l := range tr.Residual {
		tr.Residual[l] = NewMatrixFrom(t, c.D, slab[l*t*c.D:(l+1)*t*c.D:(l+1)*t*c.D])
	}
	m := &tr.Metrics
	scores := make([]float32, 5*c.Layers*c.Heads)
	rows := make([][]float32, 5*c.Layers)
	for i := range rows {
		rows[i] = scores[i*c.Heads : (i+1)*c.Heads : (i+1)*c.Heads]
	}
	m.PreviousToken, m.DuplicateToken, m.Induction = rows[:c.Layers:c.Layers], rows[c.Layers:2*c.Layers:2*c.Layers], rows[2*c.Layers:3*c.Layers:3*c.Layers]
	m.FirstToken, m.Entropy = rows[3*c.Layers:4*c.Layers:4*c.Layers], rows[4*c.Layers:]
	return tr
}

// keepBytes is how much recomputed attention the layer cache holds by
// default: at least one layer, at most three.
const keepBytes = 64 << 20

// defaultKeep is how many layers of T tokens fit in keepBytes, from 1 to 3
// (a layer is H·T² weights and 3·T·d queries, keys and values).
func defaultKeep(c GPT2Config, t int) int {
	return min(max(keepBytes/max(layerBytes(c, t), 1), 1), 3)
}

// layerBytes is the size of a GPT2Layer of t tokens.
func layerBytes(c GPT2Config, t int) int { return 4 * (c.Heads*t*t + 3*t*c.D) }

// CacheLayers is how many recomputed layers Layer keeps.
func (tr *GPT2Trace) CacheLayers() int { return tr.keep }

// setMetrics stores block l's head scores from their sums.
func (tr *GPT2Trace) setMetrics(l int, stats []headStats) {
	rows := float64(len(tr.IDs))
	m := &tr.Metrics
	for h, s := range stats {
		m.PreviousToken[l][h] = float32(s.prev / s.total)
		m.DuplicateToken[l][h] = float32(s.dup / s.total)
		m.Induction[l][h] = float32(s.induction / s.total)
		m.FirstToken[l][h] = float32(s.first / rows)
		m.Entropy[l][h] = float32(s.entropy / rows)
	}
}

// Layer returns block l's attention (l from 0), recomputed from
// Residual[l] with the forward pass's own code, so its weights are the
// ones the pass used. The most recently used layers are kept
// (TraceOptions.CacheLayers); the others are recomputed when asked again.
// It panics with "compute: layer out of range" unless 0 ≤ l < Layers.
func (tr *GPT2Trace) Layer(l int) *GPT2Layer {
	if l < 0 || l >= tr.Config.Layers {
		panic("compute: layer out of range")
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for i, c := range tr.cached {
		if c.Index == l {
			tr.cached = append(append(tr.cached[:i:i], tr.cached[i+1:]...), c)
			return c
		}
	}
	if n := len(tr.cached); n >= tr.keep {
		tr.cached = append(tr.cached[:0], tr.cached[n-tr.keep+1:]...)
		clear(tr.cached[len(tr.cached):n]) // the dropped layers are not held past the length
	}
	if layerBytes(tr.Config, len(tr.IDs)) >= collectBytes {
		// The layers dropped so far are collected before this one is
		// made, so that it takes their place instead of the heap growing
		// by a layer each time (the collector's default headroom is the
		// whole live heap).
		runtime.GC()
	}
	c := tr.params.layer(l, tr.Residual[l])
	tr.cached = append(tr.cached, c)
	return c
}

// collectBytes is the size of a recomputed layer from which Layer collects
// the garbage before making one.
const collectBytes = 16 << 20

// layer recomputes block l's attention from its input x.
func (p *GPT2Params) layer(l int, x *Matrix) *GPT2Layer {
	c := p.Config
	t, hd := x.Rows, c.D/c.Heads
	w := getAttnWork(c, t)
	defer attnPool.Put(w)
	b := &p.Blocks[l]
	layerNorm(w.h, x, b.LN1Gain, b.LN1Bias, c.Eps)
	out := &GPT2Layer{Index: l, Weights: make([]*Matrix, c.Heads),
		Queries: make([]*Matrix, c.Heads), Keys: make([]*Matrix, c.Heads), Values: make([]*Matrix, c.Heads)}
	for h := range out.Weights {
		out.Weights[h] = NewMatrix(t, t)
	}
	p.attention(l, w.h, w.qkv, nil, w, out.Weights...)
	for h := range out.Weights {
		out.Queries[h] = headCopy(w.qkv, h, hd)
		out.Keys[h] = headCopy(w.qkv, c.Heads+h, hd)
		out.Values[h] = headCopy(w.qkv, 2*c.Heads+h, hd)
	}
	return out
}

// TopK returns the k most likely next tokens at the last position, most
// likely first (ties: the smaller id first), with their softmax
// probabilities (computed in float64 over all V logits). k is capped at V.
func (tr *GPT2Trace) TopK(k int) (ids []int, probs []float32) {
	k = max(0, min(k, len(tr.Logits)))
	mx := math.Inf(-1)
	for _, v := range tr.Logits {
		mx = max(mx, float64(v))
	}
	var sum float64
	for _, v := range tr.Logits {
		sum += math.Exp(float64(v) - mx)
	}
	better := func(a, b int) bool {
		return tr.Logits[a] > tr.Logits[b] || tr.Logits[a] == tr.Logits[b] && a < b
	}
	ids = make([]int, 0, k+1)
	for v := range tr.Logits {
		if len(ids) == k && (k == 0 || !better(v, ids[k-1])) {
			continue
		}
		at := sort.Search(len(ids), func(i int) bool { return better(v, ids[i]) })
		ids = append(ids, 0)
		copy(ids[at+1:], ids[at:])
		ids[at] = v
		ids = ids[:min(len(ids), k)]
	}
	probs = make([]float32, len(ids))
	for i, v := range ids {
		probs[i] = float32(math.Exp(float64(tr.Logits[v])-mx) / sum)
	}
	return ids, probs
}

// Cell returns the ingredients of head h's weight (i, j) for an inspector:
// q_i, k_j, their products, the score q_i·k_j (a float32 fused
// multiply-add chain in order, as the matrix product forms it), its
// division by √hd and the weight. GPT-2 has no dropout: Kept is true,
// Uniform NaN and Dropped the weight. It panics with "compute: cell out of
// range" unless h is a head and 0 ≤ i, j < T.
func (ly *GPT2Layer) Cell(h, i, j int) Cell {
	if h < 0 || h >= len(ly.Weights) {
		panic("compute: cell out of range")
	}
	t := ly.Weights[h].Rows
	if i < 0 || j < 0 || i >= t || j >= t {
		panic("compute: cell out of range")
	}
	q, k := ly.Queries[h].Row(i), ly.Keys[h].Row(j)
	c := Cell{I: i, J: j, Query: q, Key: k, Masked: j > i, Products: make([]float32, len(q)), Kept: true, Uniform: math.NaN()}
	var s float32
	for x := range q {
		c.Products[x] = q[x] * k[x]
		s = float32(math.FMA(float64(q[x]), float64(k[x]), float64(s)))
	}
	c.Score = s
	c.Scale = float32(math.Sqrt(float64(len(k))))
	c.Scaled = s / c.Scale
	c.Weight = ly.Weights[h].At(i, j)
	c.Dropped = c.Weight
	return c
}
