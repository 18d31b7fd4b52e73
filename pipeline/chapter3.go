package pipeline

// chapter3 is the chapter's twelve stages in order, each with the book
// configuration it is shown under in book mode. It is the one description
// of these stages: the screens, render and export read it.
var chapter3 = [NumStages]struct {
	def  StageDef
	book bookKey
}{
	{StageDef{Name: "tokens", Title: "Tokens", Words: "tokens", Kind: KindTokens}, bookLinear123},
	{StageDef{Name: "embeddings", Title: "Embeddings", Words: "embeddings", Panels: []PanelDef{
		signed("X (inputs)", "inputs", AxisIn),
	}}, bookLinear123},
	{StageDef{Name: "scores", Title: "Attention scores", Words: "scores", Panels: []PanelDef{
		square("ω = X·Xᵀ", "simple.attn_scores", ScaleSigned),
	}}, bookLinear123},
	{StageDef{Name: "softmax", Title: "Softmax", Words: "softmax", Panels: []PanelDef{
		weights("α = softmax(ω)", "simple.attn_weights"),
		square("ω = X·Xᵀ", "simple.attn_scores", ScaleSigned),
	}}, bookLinear123},
	{StageDef{Name: "context", Title: "Context vectors", Words: "context", Panels: []PanelDef{
		signed("z = α·X", "simple.context", AxisIn),
		square("α", "simple.attn_weights", ScaleUnit),
		signed("X", "inputs", AxisIn),
	}}, bookLinear123},
	{StageDef{Name: "qkv", Title: "Query, key, value", Words: "qkv", Panels: []PanelDef{
		signed("Q = X·W_q", "single.queries", AxisOut),
		signed("K = X·W_k", "single.keys", AxisOut),
		signed("V = X·W_v", "single.values", AxisOut),
		weight("W_query", "single.W_query", AxisIn),
		weight("W_key", "single.W_key", AxisIn),
		weight("W_value", "single.W_value", AxisIn),
	}}, bookRand123},
	{StageDef{Name: "scaled", Title: "Scaled scores", Words: "scaled", Panels: []PanelDef{
		square("Q·Kᵀ/√d_k", "single.scaled_scores", ScaleSigned),
		square("Q·Kᵀ", "single.attn_scores", ScaleSigned),
	}}, bookRand123},
	{StageDef{Name: "weights", Title: "Attention weights", Words: "weights", Panels: []PanelDef{
		weights("softmax(Q·Kᵀ/√d_k)", "single.attn_weights"),
		signed("context = weights·V", "single.context", AxisOut),
	}}, bookRand123},
	{StageDef{Name: "causal", Title: "Causal mask", Words: "causal", Panels: []PanelDef{
		causal(weights("causal weights", "single.causal_weights")),
		square("masked Q·Kᵀ", "single.masked_scores", ScaleSigned),
		square("mask (1 = hidden)", "single.causal_mask", ScaleMask),
		causal(square("renormalised (simple method)", "single.causal_weights_renorm", ScaleUnit)),
	}}, bookLinear789},
	{StageDef{Name: "dropout", Title: "Dropout", Words: "dropout", Panels: []PanelDef{
		dropped(causal(square("dropped weights", "single.dropped_weights", ScaleAuto)), "single.dropout_mask"),
		square("dropout mask (1 = kept)", "single.dropout_mask", ScaleMask),
		square("causal weights", "single.causal_weights", ScaleUnit),
		signed("context", "single.causal_context", AxisOut),
	}}, bookLinear789Drop},
	{StageDef{Name: "heads", Title: "Heads", Words: "heads", Grid: "mha.dropped_weights[h]", Panels: []PanelDef{
		headWeights(),
		square("head {h} masked Q·Kᵀ", "mha.masked_scores[h]", ScaleSigned),
		square("wrapper head {h} weights", "wrapper.head{h}.weights", ScaleUnit),
	}}, bookLinear123},
	{StageDef{Name: "output", Title: "Output", Words: "output", Panels: []PanelDef{
		signed("output = concat·W_o + b", "mha.output", AxisOut),
		signed("concat", "mha.concat", AxisOut),
		signed("head {h} of {H} context", "mha.context[h]", AxisOut),
		{Label: "W_o (out_proj)", Tensor: "mha.out_proj.W", Scale: ScaleSigned, Rows: AxisOut, Cols: AxisOut},
	}}, bookLinear123},
}

// Chapter3Stages returns the chapter's twelve stages in order (a fresh
// slice; the panel lists are shared and read-only).
func Chapter3Stages() []StageDef {
	out := make([]StageDef, len(chapter3))
	for i := range chapter3 {
		out[i] = chapter3[i].def
	}
	return out
}

// square is a T×T panel labelled by the tokens both ways.
func square(label, tensor string, s Scale) PanelDef {
	return PanelDef{Label: label, Tensor: tensor, Scale: s, Rows: AxisTokens, Cols: AxisTokens}
}

// weights is a T×T panel of attention weights: rows sum to 1.
func weights(label, tensor string) PanelDef {
	p := square(label, tensor, ScaleUnit)
	p.RowSums = RowSumsAlways
	return p
}

// signed is a T-row panel with the given columns, coloured diverging when
// it has negative entries.
func signed(label, tensor string, cols Axis) PanelDef {
	return PanelDef{Label: label, Tensor: tensor, Scale: ScaleSigned, Rows: AxisTokens, Cols: cols}
}

// weight is a projection matrix W (rows: its input components).
func weight(label, tensor string, rows Axis) PanelDef {
	return PanelDef{Label: label, Tensor: tensor, Scale: ScaleSigned, Rows: rows, Cols: AxisOut}
}

func causal(p PanelDef) PanelDef { p.Causal = true; return p }

func dropped(p PanelDef, mask string) PanelDef { p.Dropped = mask; return p }

// headWeights is the heads stage's main panel: head h's weights after
// dropout, with its dropped cells, rows summing to 1 only without dropout.
func headWeights() PanelDef {
	p := dropped(causal(square("head {h} of {H} weights", "mha.dropped_weights[h]", ScaleUnit)), "mha.dropout_mask[h]")
	p.RowSums = RowSumsWithoutDropout
	return p
}
