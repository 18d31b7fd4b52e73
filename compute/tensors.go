package compute

import (
	"fmt"
	"strconv"
	"strings"
)

// Tensor is one named tensor of a Result, of any rank, row-major. Its
// values are Parts() in order, sharing the Result's storage: one part for
// a matrix or a vector, one per head for a stacked [heads, T, C] tensor
// (never copied). A tensor the Result computes on demand is computed when
// first read (Parts or Matrix), so a reader holds only what it reads.
type Tensor struct {
	Name  string
	Shape []int
	parts func() [][]float32
	at    func(h int) *Matrix // the matrix, or head h of a stack; nil for a vector
}

// NewTensor is a tensor of the given shape holding parts.
func NewTensor(name string, shape []int, parts ...[]float32) Tensor {
	return Tensor{Name: name, Shape: shape, parts: func() [][]float32 { return parts }}
}

// Parts returns the values, computing them if needed.
func (t Tensor) Parts() [][]float32 {
	if t.parts == nil {
		return nil
	}
	return t.parts()
}

// Matrix returns a rank-2 tensor as a matrix (h is ignored), or head h of
// a stacked rank-3 tensor; nil for a vector, a missing tensor or a head
// out of range.
func (t Tensor) Matrix(h int) *Matrix {
	if t.at == nil {
		return nil
	}
	return t.at(h)
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

// kept is a matrix the Result holds (nil for an absent one).
func kept(name string, m *Matrix) Tensor {
	return computed(name, m, func() *Matrix { return m })
}

// computed is a matrix shaped as like (rows and columns), fetched by get
// when read. like may be the matrix itself or any matrix of its shape.
func computed(name string, like *Matrix, get func() *Matrix) Tensor {
	if like == nil || get == nil {
		return Tensor{Name: name}
	}
	at := func(int) *Matrix { return get() }
	return Tensor{Name: name, Shape: []int{like.Rows, like.Cols}, at: at, parts: func() [][]float32 {
		if m := get(); m != nil {
			return [][]float32{m.Data}
		}
		return nil
	}}
}

func vector(name string, v []float32) Tensor {
	return NewTensor(name, []int{len(v)}, v)
}

// stack is n r×c matrices at(0…n−1) as one [n, r, c] tensor, each fetched
// when read.
func stackTensor(name string, n, r, c int, at func(h int) *Matrix) Tensor {
	if n == 0 || at == nil {
		return Tensor{Name: name, Shape: []int{0, 0, 0}}
	}
	get := func(h int) *Matrix {
		if h < 0 || h >= n {
			return nil
		}
		return at(h)
	}
	return Tensor{Name: name, Shape: []int{n, r, c}, at: get, parts: func() [][]float32 {
		parts := make([][]float32, n)
		for h := range n {
			parts[h] = at(h).Data
		}
		return parts
	}}
}

// stackOf is stack over kept matrices (all shaped as ms[0]).
func stackTensorOf(name string, ms []*Matrix) Tensor {
	if len(ms) == 0 || ms[0] == nil {
		return stackTensor(name, 0, 0, 0, nil)
	}
	return stackTensor(name, len(ms), ms[0].Rows, ms[0].Cols, func(h int) *Matrix { return ms[h] })
}

// Tensors lists every tensor of r by name, in the documented order (see
// docs/stages.md and the export format). Weights W are d_in × d_out
// (Q = X·W); biases appear only when the module has them. Per wrapper head
// it also lists b_query|b_key|b_value (with a bias), dropout_mask and
// context. A tensor absent from r (a Result built from partial data) has
// no shape and reads as nil.
func (r *Result) Tensors() []Tensor {
	var tt *Matrix // any T×T-shaped matrix, for the shape of on-demand tensors
	if r.Inputs != nil {
		tt = &Matrix{Rows: r.Inputs.Rows, Cols: r.Inputs.Rows}
	}
	ts := []Tensor{
		kept("inputs", r.Inputs),
		computed("simple.attn_scores", tt, r.Simple.Scores),
		computed("simple.attn_weights", tt, r.Simple.Weights),
		kept("simple.context", r.Simple.Context),
	}
	s := &r.Single
	ts = append(ts, kept("single.W_query", s.WQuery), kept("single.W_key", s.WKey), kept("single.W_value", s.WValue))
	ts = appendBiases(ts, "single.", s.BQuery, s.BKey, s.BValue)
	ts = append(ts,
		kept("single.queries", s.Queries), kept("single.keys", s.Keys), kept("single.values", s.Values),
		computed("single.attn_scores", tt, s.Scores), computed("single.scaled_scores", tt, s.Scaled),
		computed("single.attn_weights", tt, s.Weights), kept("single.context", s.Context),
		computed("single.causal_mask", tt, s.CausalMask), computed("single.masked_scores", tt, s.MaskedScores),
		kept("single.causal_weights", s.CausalWeights), computed("single.causal_weights_renorm", tt, s.CausalRenorm),
		computed("single.dropout_mask", tt, s.DropoutMask), kept("single.dropped_weights", s.Dropped),
		kept("single.causal_context", s.CausalContext),
	)
	for h := range r.Wrapper.Heads {
		w := &r.Wrapper.Heads[h]
		p := "wrapper.head" + strconv.Itoa(h) + "."
		ts = append(ts, kept(p+"W_query", w.WQuery), kept(p+"W_key", w.WKey), kept(p+"W_value", w.WValue))
		ts = appendBiases(ts, p, w.BQuery, w.BKey, w.BValue)
		ts = append(ts, computed(p+"dropout_mask", tt, w.DropoutMask), kept(p+"weights", w.Dropped), kept(p+"context", w.CausalContext))
	}
	ts = append(ts, kept("wrapper.context", r.Wrapper.Context))
	m := &r.MHA
	n, t := len(m.Weights), 0
	if tt != nil {
		t = tt.Rows
	}
	ts = append(ts, kept("mha.W_query", m.WQuery), kept("mha.W_key", m.WKey), kept("mha.W_value", m.WValue))
	ts = appendBiases(ts, "mha.", m.BQuery, m.BKey, m.BValue)
	if m.OutW != nil {
		ts = append(ts, kept("mha.out_proj.W", m.OutW), vector("mha.out_proj.b", m.OutB))
	}
	ts = append(ts,
		stackTensorOf("mha.queries", m.Queries), stackTensorOf("mha.keys", m.Keys), stackTensorOf("mha.values", m.Values),
		stackTensor("mha.masked_scores", n, t, t, m.MaskedScores), stackTensorOf("mha.attn_weights", m.Weights),
		stackTensor("mha.dropout_mask", n, t, t, m.DropoutMask), stackTensorOf("mha.dropped_weights", m.Dropped),
		stackTensorOf("mha.context", m.Context), kept("mha.concat", m.Concat), kept("mha.output", m.Output),
	)
	return ts
}

func appendBiases(ts []Tensor, prefix string, q, k, v []float32) []Tensor {
	if q == nil {
		return ts
	}
	return append(ts, vector(prefix+"b_query", q), vector(prefix+"b_key", k), vector(prefix+"b_value", v))
}

// Tensor returns r's tensor called name (as Tensors names it), or false.
func (r *Result) Tensor(name string) (Tensor, bool) {
	if r == nil {
		return Tensor{}, false
	}
	for _, t := range r.Tensors() {
		if t.Name == name {
			return t, t.at != nil || t.parts != nil
		}
	}
	return Tensor{}, false
}

// MatrixRef resolves a reference to one matrix of a catalogue for head h
// (from 0): "{h}" in ref stands for h, and a trailing "[h]" picks head h of
// a stacked tensor (e.g. "mha.attn_weights[h]", "wrapper.head{h}.weights").
// It returns the tensor's name and the head to read.
func MatrixRef(ref string, h int) (name string, head int) {
	name = strings.ReplaceAll(ref, "{h}", strconv.Itoa(h))
	if base, ok := strings.CutSuffix(name, "[h]"); ok {
		return base, h
	}
	return name, 0
}

// Matrix reads the matrix ref names (see MatrixRef) for head h; nil when r
// has no such tensor or head.
func (r *Result) Matrix(ref string, h int) *Matrix {
	name, head := MatrixRef(ref, h)
	t, ok := r.Tensor(name)
	if !ok {
		return nil
	}
	return t.Matrix(head)
}

// String names the tensor and its shape, e.g. "mha.context [2 6 1]".
func (t Tensor) String() string { return fmt.Sprintf("%s %v", t.Name, t.Shape) }
