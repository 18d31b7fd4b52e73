package compute

import (
	"math"

	"gonum.org/v1/gonum/blas/blas32"
)

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

// single runs one single-head module (SelfAttention_v1/v2 and
// CausalAttention at once) on the trace's input, drawing its dropout mask
// from g. It keeps the projections, both contexts, the causal weights and
// the dropped weights; the other T×T tensors are lazies over the
// projections.
func (tr *tracer) single(p *AttentionParams, g *Generator, drop dropoutSpec) Single {
	t, dOut, sh := tr.x.Rows, p.WQuery.Cols, tr.sh
	s := Single{
		WQuery: p.WQuery, WKey: p.WKey, WValue: p.WValue,
		BQuery: p.BQuery, BKey: p.BKey, BValue: p.BValue,
	}
	s.Queries, s.Keys, s.Values = tr.project(*p)
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

// wrapper runs MultiHeadAttentionWrapper's heads in order on the trace's
// input, each drawing its mask from g (head 0's first), and concatenates
// their contexts.
func (tr *tracer) wrapper(heads []*AttentionParams, g *Generator, drop dropoutSpec) Wrapper {
	dOut := heads[0].WQuery.Cols
	w := Wrapper{Heads: make([]Single, len(heads)), Context: NewMatrix(tr.x.Rows, len(heads)*dOut)}
	for h, p := range heads {
		w.Heads[h] = tr.single(p, g, drop)
		copyInto(cols(w.Context, h*dOut, (h+1)*dOut), w.Heads[h].CausalContext.general())
	}
	return w
}

// copyInto copies src into dst (same shape, any strides).
func copyInto(dst, src blas32.General) {
	for i := 0; i < src.Rows; i++ {
		copy(dst.Data[i*dst.Stride:i*dst.Stride+dst.Cols], src.Data[i*src.Stride:i*src.Stride+src.Cols])
	}
}
