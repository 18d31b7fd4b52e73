package compute

// Single is the single-head module's tensors (SelfAttention_v1/v2,
// CausalAttention) for one configuration. Cell(i, j) gathers one causal
// weight's ingredients. With linear init it may share its matrices with
// the wrapper's head 0 (they are the same module then).
type Single struct {
	WQuery, WKey, WValue  *Matrix   // d_in × d_out (Q = X·W; nn.Linear's weight transposed)
	BQuery, BKey, BValue  []float32 // d_out, nil without a bias
	Queries, Keys, Values *Matrix   // T × d_out

	Scores  *Matrix // Q·Kᵀ, T×T
	Scaled  *Matrix // Q·Kᵀ / √d_k, T×T
	Weights *Matrix // softmax(Scaled), no mask, T×T
	Context *Matrix // Weights·V, T × d_out

	CausalMask    *Matrix // 1 = masked (above the diagonal), T×T
	MaskedScores  *Matrix // Q·Kᵀ with −∞ above the diagonal (unscaled), T×T
	CausalWeights *Matrix // softmax(MaskedScores / √d_k), T×T
	CausalRenorm  *Matrix // the simple method: softmax(Scaled)·(1−mask), rows renormalised, T×T

	DropoutMask   *Matrix // 1 = kept, T×T (all ones when p = 0)
	Dropped       *Matrix // CausalWeights·mask / (1−p), T×T (CausalWeights itself when p = 0)
	CausalContext *Matrix // Dropped·V, T × d_out

	Dropout Dropout // how DropoutMask was drawn
}

// Wrapper is the book's MultiHeadAttentionWrapper: Heads independent single
// modules (linear init), each d_out wide, outputs concatenated.
type Wrapper struct {
	Heads   []Single
	Context *Matrix // T × heads·d_out
}

// MHA is the book's efficient MultiHeadAttention module. Cell(h, i, j)
// gathers one causal weight's ingredients.
type MHA struct {
	WQuery, WKey, WValue *Matrix   // d_in × d_out
	BQuery, BKey, BValue []float32 // d_out, nil without a bias
	OutW                 *Matrix   // d_out × d_out (out_proj's weight transposed)
	OutB                 []float32 // d_out

	HeadDim int
	// Per head h (each slice has Heads entries):
	Queries, Keys, Values []*Matrix // T × head_dim
	MaskedScores          []*Matrix // Q_h·K_hᵀ, −∞ above the diagonal (unscaled), T×T
	Weights               []*Matrix // causal softmax of MaskedScores/√head_dim, T×T
	DropoutMask           []*Matrix // 1 = kept, T×T; one mask over [heads, T, T], row-major
	Dropped               []*Matrix // T×T (Weights[h] itself when p = 0)
	Context               []*Matrix // Dropped_h·V_h, T × head_dim

	Concat *Matrix // T × d_out, heads side by side
	Output *Matrix // Concat·OutW + OutB, T × d_out

	Dropout Dropout // how DropoutMask was drawn (element index h·T·T + i·T + j)
}

// Matrices shared between modules: within one Result, every CausalMask is
// the same *Matrix, and with p = 0 so is every DropoutMask (all ones). A
// Result is read-only once returned.

// Result is every intermediate tensor of SPEC §5 for one configuration and
// one input X. It is computed once (Run) and only read afterwards, so a view
// can ask for any stage or head without recomputing.
type Result struct {
	Config  Config
	Inputs  *Matrix // X, T × d_in
	Simple  Simple
	Single  Single
	Wrapper Wrapper
	MHA     MHA
}
