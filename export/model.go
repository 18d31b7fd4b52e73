package export

import (
	"github.com/attnscope/attnscope/pipeline"
)

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
		Tensors:  sc.Trace.Tensors(),
		Model: map[string]any{
			"model": info.Name, "files": info.Paths, "format": info.Format, "dtype": info.Dtype,
			"naming": info.Naming, "encoding": pipeline.ModelEncoding,
			"d": cfg.D, "heads": cfg.Heads, "layers": cfg.Layers, "vocab": cfg.Vocab, "context": cfg.Context,
			"layer_norm_eps": cfg.Eps,
		},
	}
}
