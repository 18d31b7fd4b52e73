package compute

// GPT2Config is the shape of a GPT-2-family model (docs/model-mode.md).
type GPT2Config struct {
	D       int     // model width (n_embd)
	Heads   int     // attention heads per block (n_head); D must be a multiple
	Layers  int     // transformer blocks (n_layer)
	Vocab   int     // vocabulary size V (rows of the token embedding)
	Context int     // positions P (rows of the position embedding)
	Eps     float32 // LayerNorm epsilon (1e-5 for GPT-2)
}

// Linear is y = x·W + B with W stored in × out (Hugging Face's Conv1D
// layout; nn.Linear's weight transposed). B is nil when the layer has no
// bias.
type Linear struct {
	W *Matrix
	B []float32
}

// GPT2Block is one transformer block's parameters.
type GPT2Block struct {
	LN1Gain, LN1Bias []float32 // d
	Attn             Linear    // d × 3d, columns q | k | v, head h in columns h·d/H … (h+1)·d/H of each
	Proj             Linear    // d × d (attention output projection)
	LN2Gain, LN2Bias []float32 // d
	FC               Linear    // d × 4d
	MLPProj          Linear    // 4d × d
}

// GPT2Params is a whole GPT-2-family model. Its matrices may live outside
// the Go heap (memory-mapped files); compute only reads them.
type GPT2Params struct {
	Config           GPT2Config
	TokenEmb         *Matrix // V × d (wte)
	PosEmb           *Matrix // P × d (wpe)
	Blocks           []GPT2Block
	LNFGain, LNFBias []float32 // d
	Head             *Matrix   // V × d, logits = final·Headᵀ (TokenEmb when tied)
}
