package export

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

// Tensor is a named tensor of any rank, row-major. Its values are Parts
// in order, sharing the Result's storage: one part for a matrix or
// vector, one per head for a stacked [heads, T, C] tensor (never copied).
type Tensor struct {
	Name  string
	Shape []int
	Parts [][]float32
}

// Len is the number of values.
func (t Tensor) Len() int {
	n := 0
	for _, p := range t.Parts {
		n += len(p)
	}
	return n
}

// Values returns the values as one slice (a copy when there are several
// parts).
func (t Tensor) Values() []float32 {
	if len(t.Parts) == 1 {
		return t.Parts[0]
	}
	out := make([]float32, 0, t.Len())
	for _, p := range t.Parts {
		out = append(out, p...)
	}
	return out
}

func mat(name string, m *compute.Matrix) Tensor {
	return Tensor{Name: name, Shape: []int{m.Rows, m.Cols}, Parts: [][]float32{m.Data}}
}

func vec(name string, v []float32) Tensor {
	return Tensor{Name: name, Shape: []int{len(v)}, Parts: [][]float32{v}}
}

// stack is n equally shaped matrices at(0…n−1) as one [n, rows, cols]
// tensor.
func stack(name string, n int, at func(h int) *compute.Matrix) Tensor {
	if n == 0 {
		return Tensor{Name: name, Shape: []int{0, 0, 0}}
	}
	t := Tensor{Name: name, Parts: make([][]float32, n)}
	for h := range n {
		m := at(h)
		t.Shape = []int{n, m.Rows, m.Cols}
		t.Parts[h] = m.Data
	}
	return t
}

// slice is a per-head list as an accessor.
func slice(ms []*compute.Matrix) func(h int) *compute.Matrix {
	return func(h int) *compute.Matrix { return ms[h] }
}

// Tensors lists every tensor of r in SPEC §5's names and order. Weights W
// are d_in × d_out (Q = X·W); biases appear only when the module has them.
// Beyond SPEC §5 it adds, per wrapper head, b_query|b_key|b_value (with a
// bias), dropout_mask and context.
func Tensors(r *compute.Result) []Tensor {
	ts := []Tensor{
		mat("inputs", r.Inputs),
		mat("simple.attn_scores", r.Simple.Scores()),
		mat("simple.attn_weights", r.Simple.Weights()),
		mat("simple.context", r.Simple.Context),
	}
	s := &r.Single
	ts = append(ts, mat("single.W_query", s.WQuery), mat("single.W_key", s.WKey), mat("single.W_value", s.WValue))
	ts = appendBiases(ts, "single.", s.BQuery, s.BKey, s.BValue)
	ts = append(ts,
		mat("single.queries", s.Queries), mat("single.keys", s.Keys), mat("single.values", s.Values),
		mat("single.attn_scores", s.Scores()), mat("single.scaled_scores", s.Scaled()),
		mat("single.attn_weights", s.Weights()), mat("single.context", s.Context),
		mat("single.causal_mask", s.CausalMask()), mat("single.masked_scores", s.MaskedScores()),
		mat("single.causal_weights", s.CausalWeights), mat("single.causal_weights_renorm", s.CausalRenorm()),
		mat("single.dropout_mask", s.DropoutMask()), mat("single.dropped_weights", s.Dropped),
		mat("single.causal_context", s.CausalContext),
	)
	for h := range r.Wrapper.Heads {
		w := &r.Wrapper.Heads[h]
		p := fmt.Sprintf("wrapper.head%d.", h)
		ts = append(ts, mat(p+"W_query", w.WQuery), mat(p+"W_key", w.WKey), mat(p+"W_value", w.WValue))
		ts = appendBiases(ts, p, w.BQuery, w.BKey, w.BValue)
		ts = append(ts, mat(p+"dropout_mask", w.DropoutMask()), mat(p+"weights", w.Dropped), mat(p+"context", w.CausalContext))
	}
	ts = append(ts, mat("wrapper.context", r.Wrapper.Context))
	m := &r.MHA
	n := len(m.Weights)
	ts = append(ts, mat("mha.W_query", m.WQuery), mat("mha.W_key", m.WKey), mat("mha.W_value", m.WValue))
	ts = appendBiases(ts, "mha.", m.BQuery, m.BKey, m.BValue)
	ts = append(ts,
		mat("mha.out_proj.W", m.OutW), vec("mha.out_proj.b", m.OutB),
		stack("mha.queries", n, slice(m.Queries)), stack("mha.keys", n, slice(m.Keys)), stack("mha.values", n, slice(m.Values)),
		stack("mha.masked_scores", n, m.MaskedScores), stack("mha.attn_weights", n, slice(m.Weights)),
		stack("mha.dropout_mask", n, m.DropoutMask), stack("mha.dropped_weights", n, slice(m.Dropped)),
		stack("mha.context", n, slice(m.Context)), mat("mha.concat", m.Concat), mat("mha.output", m.Output),
	)
	return ts
}

func appendBiases(ts []Tensor, prefix string, q, k, v []float32) []Tensor {
	if q == nil {
		return ts
	}
	return append(ts, vec(prefix+"b_query", q), vec(prefix+"b_key", k), vec(prefix+"b_value", v))
}
