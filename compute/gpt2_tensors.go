package compute

import "fmt"

// NextTokens is how many next-token candidates a trace's catalogue lists.
const NextTokens = 5

// Tensors lists the trace's tensors by name, in export order
// (docs/export.md, model section): per layer L model.layerL.weights,
// queries, keys and values ([H, T, T] and [H, T, d/H], recomputed through
// Layer when read, so reading them in order holds one layer at a time),
// model.final [T, d], model.next.ids and model.next.probs [5] (ids as
// numbers, exact below 2^24), and model.metrics.NAME [L, H].
func (tr *GPT2Trace) Tensors() []Tensor {
	c := tr.Config
	t, hd := len(tr.IDs), c.D/max(1, c.Heads)
	var ts []Tensor
	for l := range c.Layers {
		p := fmt.Sprintf("model.layer%d.", l)
		pick := func(f func(*GPT2Layer) []*Matrix) func(h int) *Matrix {
			return func(h int) *Matrix { return f(tr.Layer(l))[h] }
		}
		ts = append(ts,
			stackTensor(p+"weights", c.Heads, t, t, pick(func(g *GPT2Layer) []*Matrix { return g.Weights })),
			stackTensor(p+"queries", c.Heads, t, hd, pick(func(g *GPT2Layer) []*Matrix { return g.Queries })),
			stackTensor(p+"keys", c.Heads, t, hd, pick(func(g *GPT2Layer) []*Matrix { return g.Keys })),
			stackTensor(p+"values", c.Heads, t, hd, pick(func(g *GPT2Layer) []*Matrix { return g.Values })),
		)
	}
	ts = append(ts, kept("model.final", tr.Final))
	ids, probs := tr.TopK(NextTokens)
	fid := make([]float32, len(ids))
	for i, id := range ids {
		fid[i] = float32(id)
	}
	ts = append(ts, vector("model.next.ids", fid), vector("model.next.probs", probs))
	for _, s := range tr.Metrics.named() {
		flat := make([]float32, 0, c.Layers*c.Heads)
		for _, row := range s.Values {
			flat = append(flat, row...)
		}
		ts = append(ts, NewTensor("model.metrics."+s.Name, []int{c.Layers, c.Heads}, flat))
	}
	return ts
}

// NamedScore is one head score over every layer and head.
type NamedScore struct {
	Name   string      // previous_token, duplicate_token, induction, first_token or entropy
	Values [][]float32 // [layer][head]
}

// named lists the scores in their documented order.
func (m GPT2Metrics) named() []NamedScore {
	return []NamedScore{
		{"previous_token", m.PreviousToken}, {"duplicate_token", m.DuplicateToken}, {"induction", m.Induction},
		{"first_token", m.FirstToken}, {"entropy", m.Entropy},
	}
}

// Named lists the scores with their export names, in order.
func (m GPT2Metrics) Named() []NamedScore { return m.named() }
