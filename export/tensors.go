package export

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

// Tensor is a named tensor of any rank, row-major. Its values are Parts()
// in order, sharing the Result's storage: one part for a matrix or
// vector, one per head for a stacked [heads, T, C] tensor (never copied).
// A tensor the Result computes on demand is fetched only when Parts is
// called (when it is written), so that an export holds one such tensor at
// a time.
type Tensor struct {
	Name  string
	Shape []int
	parts func() [][]float32
}

// NewTensor is a tensor of the given shape holding parts.
func NewTensor(name string, shape []int, parts ...[]float32) Tensor {
	return Tensor{Name: name, Shape: shape, parts: func() [][]float32 { return parts }}
}

// Parts returns the values, fetching them from the Result if needed.
func (t Tensor) Parts() [][]float32 {
	if t.parts == nil {
		return nil
	}
	return t.parts()
}

// Len is the number of values (the product of Shape).
func (t Tensor) Len() int {
	n := 1
	for _, s := range t.Shape {
		n *= s
	}
	return n
}

// Values returns the values as one slice (a copy when there are several
// parts).
func (t Tensor) Values() []float32 {
	parts := t.Parts()
	if len(parts) == 1 {
		return parts[0]
	}
	out := make([]float32, 0, t.Len())
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func mat(name string, m *compute.Matrix) Tensor {
	return NewTensor(name, []int{m.Rows, m.Cols}, m.Data)
}

// lazyMat is an r×c matrix fetched by get when written.
func lazyMat(name string, r, c int, get func() *compute.Matrix) Tensor {
	return Tensor{Name: name, Shape: []int{r, c}, parts: func() [][]float32 { return [][]float32{get().Data} }}
}

func vec(name string, v []float32) Tensor {
	return NewTensor(name, []int{len(v)}, v)
}

// stack is n r×c matrices at(0…n−1) as one [n, r, c] tensor, fetched
// when written.
func stack(name string, n, r, c int, at func(h int) *compute.Matrix) Tensor {
	if n == 0 {
		return Tensor{Name: name, Shape: []int{0, 0, 0}}
	}
	return Tensor{Name: name, Shape: []int{n, r, c}, parts: func() [][]float32 {
		parts := make([][]float32, n)
		for h := range n {
			parts[h] = at(h).Data
		}
		return parts
	}}
}

// stackOf is stack over kept matrices (all shaped as ms[0]).
func stackOf(name string, ms []*compute.Matrix) Tensor {
	if len(ms) == 0 {
		return stack(name, 0, 0, 0, nil)
	}
	return stack(name, len(ms), ms[0].Rows, ms[0].Cols, func(h int) *compute.Matrix { return ms[h] })
}

// Tensors lists every tensor of r in SPEC §5's names and order. Weights W
// are d_in × d_out (Q = X·W); biases appear only when the module has them.
// Beyond SPEC §5 it adds, per wrapper head, b_query|b_key|b_value (with a
// bias), dropout_mask and context.
func Tensors(r *compute.Result) []Tensor {
	t := r.Inputs.Rows
	ts := []Tensor{
		mat("inputs", r.Inputs),
		lazyMat("simple.attn_scores", t, t, r.Simple.Scores),
		lazyMat("simple.attn_weights", t, t, r.Simple.Weights),
		mat("simple.context", r.Simple.Context),
	}
	s := &r.Single
	ts = append(ts, mat("single.W_query", s.WQuery), mat("single.W_key", s.WKey), mat("single.W_value", s.WValue))
	ts = appendBiases(ts, "single.", s.BQuery, s.BKey, s.BValue)
	ts = append(ts,
		mat("single.queries", s.Queries), mat("single.keys", s.Keys), mat("single.values", s.Values),
		lazyMat("single.attn_scores", t, t, s.Scores), lazyMat("single.scaled_scores", t, t, s.Scaled),
		lazyMat("single.attn_weights", t, t, s.Weights), mat("single.context", s.Context),
		lazyMat("single.causal_mask", t, t, s.CausalMask), lazyMat("single.masked_scores", t, t, s.MaskedScores),
		mat("single.causal_weights", s.CausalWeights), lazyMat("single.causal_weights_renorm", t, t, s.CausalRenorm),
		lazyMat("single.dropout_mask", t, t, s.DropoutMask), mat("single.dropped_weights", s.Dropped),
		mat("single.causal_context", s.CausalContext),
	)
	for h := range r.Wrapper.Heads {
		w := &r.Wrapper.Heads[h]
		p := fmt.Sprintf("wrapper.head%d.", h)
		ts = append(ts, mat(p+"W_query", w.WQuery), mat(p+"W_key", w.WKey), mat(p+"W_value", w.WValue))
		ts = appendBiases(ts, p, w.BQuery, w.BKey, w.BValue)
		ts = append(ts, lazyMat(p+"dropout_mask", t, t, w.DropoutMask), mat(p+"weights", w.Dropped), mat(p+"context", w.CausalContext))
	}
	ts = append(ts, mat("wrapper.context", r.Wrapper.Context))
	m := &r.MHA
	n := len(m.Weights)
	ts = append(ts, mat("mha.W_query", m.WQuery), mat("mha.W_key", m.WKey), mat("mha.W_value", m.WValue))
	ts = appendBiases(ts, "mha.", m.BQuery, m.BKey, m.BValue)
	ts = append(ts,
		mat("mha.out_proj.W", m.OutW), vec("mha.out_proj.b", m.OutB),
		stackOf("mha.queries", m.Queries), stackOf("mha.keys", m.Keys), stackOf("mha.values", m.Values),
		stack("mha.masked_scores", n, t, t, m.MaskedScores), stackOf("mha.attn_weights", m.Weights),
		stack("mha.dropout_mask", n, t, t, m.DropoutMask), stackOf("mha.dropped_weights", m.Dropped),
		stackOf("mha.context", m.Context), mat("mha.concat", m.Concat), mat("mha.output", m.Output),
	)
	return ts
}

func appendBiases(ts []Tensor, prefix string, q, k, v []float32) []Tensor {
	if q == nil {
		return ts
	}
	return append(ts, vec(prefix+"b_query", q), vec(prefix+"b_key", k), vec(prefix+"b_value", v))
}
