package export

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

// Tensor is a named tensor of any rank, row-major.
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
}

func mat(name string, m *compute.Matrix) Tensor {
	return Tensor{Name: name, Shape: []int{m.Rows, m.Cols}, Data: m.Data}
}

func vec(name string, v []float32) Tensor {
	return Tensor{Name: name, Shape: []int{len(v)}, Data: v}
}

// stack joins equally shaped matrices into one [len(ms), rows, cols] tensor.
func stack(name string, ms []*compute.Matrix) Tensor {
	if len(ms) == 0 {
		return Tensor{Name: name, Shape: []int{0, 0, 0}}
	}
	r, c := ms[0].Rows, ms[0].Cols
	data := make([]float32, 0, len(ms)*r*c)
	for _, m := range ms {
		data = append(data, m.Data...)
	}
	return Tensor{Name: name, Shape: []int{len(ms), r, c}, Data: data}
}

// Tensors lists every tensor of r in SPEC §5's names and order. Weights W
// are d_in × d_out (Q = X·W); biases appear only when the module has them.
// Beyond SPEC §5 it adds, per wrapper head, b_query|b_key|b_value (with a
// bias), dropout_mask and context.
func Tensors(r *compute.Result) []Tensor {
	ts := []Tensor{
		mat("inputs", r.Inputs),
		mat("simple.attn_scores", r.Simple.Scores),
		mat("simple.attn_weights", r.Simple.Weights),
		mat("simple.context", r.Simple.Context),
	}
	s := &r.Single
	ts = append(ts, mat("single.W_query", s.WQuery), mat("single.W_key", s.WKey), mat("single.W_value", s.WValue))
	ts = appendBiases(ts, "single.", s.BQuery, s.BKey, s.BValue)
	ts = append(ts,
		mat("single.queries", s.Queries), mat("single.keys", s.Keys), mat("single.values", s.Values),
		mat("single.attn_scores", s.Scores), mat("single.scaled_scores", s.Scaled),
		mat("single.attn_weights", s.Weights), mat("single.context", s.Context),
		mat("single.causal_mask", s.CausalMask), mat("single.masked_scores", s.MaskedScores),
		mat("single.causal_weights", s.CausalWeights), mat("single.causal_weights_renorm", s.CausalRenorm),
		mat("single.dropout_mask", s.DropoutMask), mat("single.dropped_weights", s.Dropped),
		mat("single.causal_context", s.CausalContext),
	)
	for h := range r.Wrapper.Heads {
		w := &r.Wrapper.Heads[h]
		p := fmt.Sprintf("wrapper.head%d.", h)
		ts = append(ts, mat(p+"W_query", w.WQuery), mat(p+"W_key", w.WKey), mat(p+"W_value", w.WValue))
		ts = appendBiases(ts, p, w.BQuery, w.BKey, w.BValue)
		ts = append(ts, mat(p+"dropout_mask", w.DropoutMask), mat(p+"weights", w.Dropped), mat(p+"context", w.CausalContext))
	}
	ts = append(ts, mat("wrapper.context", r.Wrapper.Context))
	m := &r.MHA
	ts = append(ts, mat("mha.W_query", m.WQuery), mat("mha.W_key", m.WKey), mat("mha.W_value", m.WValue))
	ts = appendBiases(ts, "mha.", m.BQuery, m.BKey, m.BValue)
	ts = append(ts,
		mat("mha.out_proj.W", m.OutW), vec("mha.out_proj.b", m.OutB),
		stack("mha.queries", m.Queries), stack("mha.keys", m.Keys), stack("mha.values", m.Values),
		stack("mha.masked_scores", m.MaskedScores), stack("mha.attn_weights", m.Weights),
		stack("mha.dropout_mask", m.DropoutMask), stack("mha.dropped_weights", m.Dropped),
		stack("mha.context", m.Context), mat("mha.concat", m.Concat), mat("mha.output", m.Output),
	)
	return ts
}

func appendBiases(ts []Tensor, prefix string, q, k, v []float32) []Tensor {
	if q == nil {
		return ts
	}
	return append(ts, vec(prefix+"b_query", q), vec(prefix+"b_key", k), vec(prefix+"b_value", v))
}
