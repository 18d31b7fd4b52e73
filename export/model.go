package export

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// NextTokens is how many next-token candidates a model export holds.
const NextTokens = 5

// FromModelScene builds the document of a model-mode scene: its tokens and
// the tensors of docs/export.md's model section — per layer L the
// attention weights and the queries, keys and values ([H, T, …], each
// layer recomputed when written, so an export holds one layer at a time),
// the final LayerNorm output, the next-token candidates and the head
// scores.
func FromModelScene(sc *pipeline.ModelScene) Document {
	toks := make([]Token, len(sc.Tokens))
	for i, t := range sc.Tokens {
		toks[i] = Token{ID: t.ID, Piece: t.Label, Bytes: t.Bytes}
	}
	info := sc.Model.Info
	cfg := info.Config
	return Document{
		Encoding: pipeline.ModelEncoding,
		Tokens:   toks,
		Tensors:  ModelTensors(sc.Trace),
		Model: map[string]any{
			"model": info.Name, "files": info.Paths, "format": info.Format, "dtype": info.Dtype,
			"naming": info.Naming, "encoding": pipeline.ModelEncoding,
			"d": cfg.D, "heads": cfg.Heads, "layers": cfg.Layers, "vocab": cfg.Vocab, "context": cfg.Context,
			"layer_norm_eps": cfg.Eps,
		},
	}
}

// ModelTensors lists a trace's tensors in export order.
func ModelTensors(tr *compute.GPT2Trace) []Tensor {
	c := tr.Config
	t, hd := len(tr.IDs), c.D/max(1, c.Heads)
	var ts []Tensor
	for l := range c.Layers {
		p := fmt.Sprintf("model.layer%d.", l)
		layer := func(pick func(*compute.GPT2Layer) []*compute.Matrix) func(h int) *compute.Matrix {
			return func(h int) *compute.Matrix { return pick(tr.Layer(l))[h] }
		}
		ts = append(ts,
			stack(p+"weights", c.Heads, t, t, layer(func(g *compute.GPT2Layer) []*compute.Matrix { return g.Weights })),
			stack(p+"queries", c.Heads, t, hd, layer(func(g *compute.GPT2Layer) []*compute.Matrix { return g.Queries })),
			stack(p+"keys", c.Heads, t, hd, layer(func(g *compute.GPT2Layer) []*compute.Matrix { return g.Keys })),
			stack(p+"values", c.Heads, t, hd, layer(func(g *compute.GPT2Layer) []*compute.Matrix { return g.Values })),
		)
	}
	ts = append(ts, mat("model.final", tr.Final))
	ids, probs := tr.TopK(NextTokens)
	fid := make([]float32, len(ids))
	for i, id := range ids {
		fid[i] = float32(id) // exact: vocabulary ids are below 2^24
	}
	ts = append(ts, vec("model.next.ids", fid), vec("model.next.probs", probs))
	m := tr.Metrics
	for _, s := range []struct {
		name string
		v    [][]float32
	}{
		{"previous_token", m.PreviousToken}, {"duplicate_token", m.DuplicateToken}, {"induction", m.Induction},
		{"first_token", m.FirstToken}, {"entropy", m.Entropy},
	} {
		flat := make([]float32, 0, c.Layers*c.Heads)
		for _, row := range s.v {
			flat = append(flat, row...)
		}
		ts = append(ts, NewTensor("model.metrics."+s.name, []int{c.Layers, c.Heads}, flat))
	}
	return ts
}
