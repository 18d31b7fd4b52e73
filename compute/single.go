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

// shared holds the matrices every module of one Result uses alike.
type shared struct {
	causal *Matrix // 1 above the diagonal
	ones   *Matrix // the p = 0 dropout mask
}

func newShared(t int) *shared {
	s := &shared{causal: NewMatrix(t, t), ones: NewMatrix(t, t)}
	for i := 0; i < t; i++ {
		for j := 0; j < t; j++ {
			if j > i {
				s.causal.Data[i*t+j] = 1
			}
			s.ones.Data[i*t+j] = 1
		}
	}
	return s
}

// forwardSingle runs one single-head module (SelfAttention_v1/v2 and
// CausalAttention at once) on x, drawing its dropout mask from g.
func forwardSingle(x *Matrix, p *qkvParams, g *Generator, drop dropoutSpec, sh *shared) Single {
	t, dOut := x.Rows, p.wq.Cols
	s := Single{
		WQuery: p.wq, WKey: p.wk, WValue: p.wv,
		BQuery: p.bq, BKey: p.bk, BValue: p.bv,
	}
	s.Queries, s.Keys, s.Values = p.project(x)

	// Unmasked: SelfAttention_v1/v2.
	div := float32(math.Sqrt(float64(dOut)))
	s.Scores = NewMatrix(t, t)
	s.Scores.MulT(s.Queries, s.Keys)
	s.Scaled = NewMatrix(t, t)
	for i, v := range s.Scores.Data {
		s.Scaled.Data[i] = v / div
	}
	s.Weights = NewMatrix(t, t)
	s.Weights.SoftmaxRows(s.Scaled)
	s.Context = NewMatrix(t, dOut)
	s.Context.Mul(s.Weights, s.Values)

	s.CausalMask = sh.causal

	// CausalAttention: mask, softmax, dropout, context.
	keep, info := drop.draw(g, t*t)
	s.Dropout = info
	s.MaskedScores = NewMatrix(t, t)
	s.CausalWeights = NewMatrix(t, t)
	s.CausalContext = NewMatrix(t, dOut)
	if keep == nil {
		s.DropoutMask, s.Dropped = sh.ones, s.CausalWeights
	} else {
		s.DropoutMask, s.Dropped = NewMatrixFrom(t, t, keep), NewMatrix(t, t)
	}
	causalHead(s.Queries.general(), s.Keys.general(), s.Values.general(), keep, info.Scale,
		headOut{masked: s.MaskedScores, weights: s.CausalWeights, dropped: s.Dropped, context: s.CausalContext.general()}, nil)

	// The simple method: mask after the softmax, renormalise the rows. A
	// row whose visible weights all underflowed to 0 (scores far apart;
	// PyTorch prints NaN there) shows the causal softmax, the value the
	// method stands for, rather than 0/0.
	s.CausalRenorm = NewMatrix(t, t)
	for i := 0; i < t; i++ {
		w, r := s.Weights.Row(i), s.CausalRenorm.Row(i)
		var sum float32
		for j := 0; j <= i; j++ {
			sum += w[j]
		}
		if sum == 0 {
			copy(r, s.CausalWeights.Row(i))
			continue
		}
		for j := 0; j <= i; j++ {
			r[j] = w[j] / sum
		}
	}
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
