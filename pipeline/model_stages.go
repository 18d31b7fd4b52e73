package pipeline

import "github.com/attnscope/attnscope/checkpoint"

// modelStages are model mode's views of a checkpoint (docs/model-mode.md,
// "Views"), in the order the screens step through them. They draw no
// panels: each is one screen of its own, found by its Words key.
var modelStages = []StageDef{
	{Name: "tokens", Title: "Tokens", Words: "model.tokens", Kind: KindTokens},
	{Name: "overview", Title: "Every head", Words: "model.overview"},
	{Name: "head", Title: "One head", Words: "model.head"},
	{Name: "query", Title: "One token's attention", Words: "model.query"},
	{Name: "metrics", Title: "Head scores", Words: "model.metrics"},
	{Name: "next", Title: "Next token", Words: "model.next"},
}

// ModelStages returns model mode's views in order (a fresh slice).
func ModelStages() []StageDef { return append([]StageDef(nil), modelStages...) }

// ModelStageNames lists model mode's view names in order.
func ModelStageNames() []string { return Names(modelStages) }

// ParseModelStage accepts a model view's name or its 1-based number.
func ParseModelStage(s string) (Stage, error) { return Find(modelStages, s) }

// ModelParams is the number of parameters of a checkpoint's shape,
// counting a tied output head once.
func ModelParams(m *checkpoint.Model) int64 {
	c := m.Info.Config
	d, v, p, l := int64(c.D), int64(c.Vocab), int64(c.Context), int64(c.Layers)
	n := v*d + p*d + l*(12*d*d+13*d) + 2*d
	if m.Params != nil && m.Params.Head != nil && m.Params.Head != m.Params.TokenEmb {
		n += v * d
	}
	return n
}
