package compute

import (
	"math"

	"gonum.org/v1/gonum/blas/blas32"
)

// qkvParams are the three projections of one attention head.
type qkvParams struct {
	wq, wk, wv *Matrix   // d_in × d_out
	bq, bk, bv []float32 // nil without a bias
	q, k, v    *Matrix   // X·W + b, once project has run
}

// project computes Q, K and V for x once; later calls reuse them (the
// single module with linear init, wrapper head 0 and the MHA module share
// the same first three nn.Linear draws, hence the same projections).
func (p *qkvParams) project(x *Matrix) (q, k, v *Matrix) {
	if p.q == nil {
		p.q, p.k, p.v = linear(x, p.wq, p.bq), linear(x, p.wk, p.bk), linear(x, p.wv, p.bv)
	}
	return p.q, p.k, p.v
}

// drawQKV draws W_query, W_key, W_value in construction order: torch.rand
// (d_in, d_out) each for InitRand (no bias), nn.Linear(d_in, d_out, bias)
// each (weight, then bias) for InitLinear.
func drawQKV(g *Generator, init Init, bias bool, dIn, dOut int) *qkvParams {
	p := &qkvParams{}
	if init == InitRand {
		p.wq, p.wk, p.wv = g.Rand(dIn, dOut), g.Rand(dIn, dOut), g.Rand(dIn, dOut)
		return p
	}
	p.wq, p.bq = g.Linear(dIn, dOut, bias)
	p.wk, p.bk = g.Linear(dIn, dOut, bias)
	p.wv, p.bv = g.Linear(dIn, dOut, bias)
	return p
}

// shared holds the matrices every module of one Result uses alike, made on
// first use and kept.
type shared struct {
	causal *lazy // 1 above the diagonal
	ones   *lazy // the p = 0 dropout mask
}

func newShared(t int) *shared {
	return &shared{
		causal: newKept(func() *Matrix {
			m := NewMatrix(t, t)
			for i := 0; i < t; i++ {
				r := m.Row(i)
				for j := i + 1; j < t; j++ {
					r[j] = 1
				}
			}
			return m
		}),
		ones: newKept(func() *Matrix {
			m := NewMatrix(t, t)
			for i := range m.Data {
				m.Data[i] = 1
			}
			return m
		}),
	}
}

// forwardSingle runs one single-head module (SelfAttention_v1/v2 and
// CausalAttention at once) on x, drawing its dropout mask from g. It keeps
// the projections, both contexts, the causal weights and the dropped
// weights; the other T×T tensors are lazies over the projections.
func forwardSingle(x *Matrix, p *qkvParams, g *Generator, drop dropoutSpec, sh *shared) Single {
	t, dOut := x.Rows, p.wq.Cols
	s := Single{
		WQuery: p.wq, WKey: p.wk, WValue: p.wv,
		BQuery: p.bq, BKey: p.bk, BValue: p.bv,
	}
	s.Queries, s.Keys, s.Values = p.project(x)
	q, k := s.Queries, s.Keys

	// Unmasked: SelfAttention_v1/v2.
	div := float32(math.Sqrt(float64(dOut)))
	s.Context = NewMatrix(t, dOut)
	attendUnmasked(q, k, s.Values, div, s.Context, nil)
	s.scores = newLazy(func() *Matrix { return scoresOf(q, k, 1) })
	s.scaled = newLazy(func() *Matrix { return scoresOf(q, k, div) })
	s.weights = newLazy(func() *Matrix { return unmaskedWeightsOf(q, k, div) })
	s.masked = newLazy(func() *Matrix { return maskedScoresOf(q, k) })
	s.mask = sh.causal

	// CausalAttention: mask, softmax, dropout, context.
	keep, info := drop.draw(g, t*t)
	s.Dropout = info
	s.CausalWeights = NewMatrix(t, t)
	s.CausalContext = NewMatrix(t, dOut)
	if keep == nil {
		s.keep, s.Dropped = sh.ones, s.CausalWeights
	} else {
		s.keep, s.Dropped = stored(NewMatrixFrom(t, t, keep)), NewMatrix(t, t)
	}
	causalHead(q.general(), k.general(), s.Values.general(), keep, info.Scale,
		headOut{weights: s.CausalWeights, dropped: s.Dropped, context: s.CausalContext.general()}, nil)

	// The simple method: mask after the softmax, renormalise the rows.
	cw := s.CausalWeights
	s.renorm = newLazy(func() *Matrix {
		m := NewMatrix(t, t)
		attendUnmasked(q, k, nil, div, nil, func(i int, w []float32) { renormRow(m.Row(i), w, cw.Row(i), i) })
		return m
	})
	return s
}

// runModules builds the three modules as SPEC §3 says, each as
// torch.manual_seed(seed); module = M(...); module(x) would. The three
// generators start alike and all three modules begin with nn.Linear(d_in,
// d_out, bias) ×3 (the single module when its init is linear), so those
// draws and their projections are made once and the generator state after
// them is copied.
func runModules(x *Matrix, cfg Config, sh *shared) (Single, Wrapper, MHA) {
	g := NewGenerator(cfg.Seed)
	head0 := drawQKV(g, InitLinear, cfg.QKVBias, cfg.DIn, cfg.DOut)
	after0 := *g

	w := runWrapper(x, cfg, sh, g, head0)

	var s Single
	switch {
	case cfg.Init == InitRand:
		gs := NewGenerator(cfg.Seed)
		p := drawQKV(gs, InitRand, false, cfg.DIn, cfg.DOut)
		s = forwardSingle(x, p, reseed(gs, cfg), cfg.dropout(), sh)
	case cfg.Heads == 1 || cfg.Dropout == 0 || cfg.DropoutSeed != nil:
		// Its mask is head 0's too: the module is head 0.
		s = w.Heads[0]
	default:
		gs := after0
		s = forwardSingle(x, head0, reseed(&gs, cfg), cfg.dropout(), sh)
	}
	s.Dropout.Reseeded = cfg.DropoutSeed != nil && cfg.Dropout > 0

	gm := after0
	m := runMHA(x, cfg, sh, head0, &gm)
	return s, w, m
}

// reseed applies DropoutSeed: the generator is reseeded just before the
// forward pass's dropout draws (only when there are draws to make).
// It returns g.
func reseed(g *Generator, cfg Config) *Generator {
	if cfg.DropoutSeed != nil && cfg.Dropout > 0 {
		g.Seed(*cfg.DropoutSeed)
	}
	return g
}

// runWrapper builds MultiHeadAttentionWrapper: Heads CausalAttention
// modules with linear init, all drawn first (head 0's W_query, W_key,
// W_value, then head 1's…), then the forward pass draws head 0's mask,
// head 1's… g has drawn head 0 (given) already.
func runWrapper(x *Matrix, cfg Config, sh *shared, g *Generator, head0 *qkvParams) Wrapper {
	params := make([]*qkvParams, cfg.Heads)
	params[0] = head0
	for h := 1; h < cfg.Heads; h++ {
		params[h] = drawQKV(g, InitLinear, cfg.QKVBias, cfg.DIn, cfg.DOut)
	}
	reseed(g, cfg)
	w := Wrapper{Heads: make([]Single, cfg.Heads), Context: NewMatrix(x.Rows, cfg.Heads*cfg.DOut)}
	for h, p := range params {
		w.Heads[h] = forwardSingle(x, p, g, cfg.dropout(), sh)
		w.Heads[h].Dropout.Reseeded = h == 0 && cfg.DropoutSeed != nil && cfg.Dropout > 0
		copyInto(cols(w.Context, h*cfg.DOut, (h+1)*cfg.DOut), w.Heads[h].CausalContext.general())
	}
	return w
}

// copyInto copies src into dst (same shape, any strides).
func copyInto(dst, src blas32.General) {
	for i := 0; i < src.Rows; i++ {
		copy(dst.Data[i*dst.Stride:i*dst.Stride+dst.Cols], src.Data[i*src.Stride:i*src.Stride+src.Cols])
	}
}
