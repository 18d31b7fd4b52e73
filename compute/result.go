package compute

import "math"

// Single is the single-head module's tensors (SelfAttention_v1/v2,
// CausalAttention) for one configuration. Cell(i, j) gathers one causal
// weight's ingredients. With linear init it may share its matrices with
// the wrapper's head 0 (they are the same module then).
//
// Run keeps the fields; the T×T tensors behind methods (Scores, Scaled,
// Weights, MaskedScores, CausalRenorm, CausalMask, DropoutMask) are
// computed from the kept projections on first call and stay while a
// reader holds them (a later call returns the same matrix; once nobody
// holds it, it may be collected and a later call computes it again), so
// a Result costs what Run keeps plus what a view shows. The masks are
// kept once made. Their values are those the whole computation gives (bit
// for bit with the FMA kernel). The Set methods store given matrices
// instead (a Result built from reference data).
type Single struct {
	WQuery, WKey, WValue  *Matrix   // d_in × d_out (Q = X·W; nn.Linear's weight transposed)
	BQuery, BKey, BValue  []float32 // d_out, nil without a bias
	Queries, Keys, Values *Matrix   // T × d_out

	Context *Matrix // Weights()·V, T × d_out

	CausalWeights *Matrix // softmax(MaskedScores() / √d_k), T×T
	Dropped       *Matrix // CausalWeights·mask / (1−p), T×T (CausalWeights itself when p = 0)
	CausalContext *Matrix // Dropped·V, T × d_out

	Dropout Dropout // how DropoutMask was drawn

	scores, scaled, weights, masked, renorm, mask, keep *lazy
}

// Scores is Q·Kᵀ, T×T (nil if absent).
func (s *Single) Scores() *Matrix { return s.scores.get() }

// Scaled is Q·Kᵀ / √d_k, T×T.
func (s *Single) Scaled() *Matrix { return s.scaled.get() }

// Weights is softmax(Scaled()) with no mask, T×T.
func (s *Single) Weights() *Matrix { return s.weights.get() }

// ScaledRow is row i of Scaled() without computing the whole matrix when
// nobody holds it (O(T·d_k)); nil if i is out of range or the module has
// no scaled scores.
func (s *Single) ScaledRow(i int) []float32 {
	if m := s.scaled.peek(); m != nil {
		if i < 0 || i >= m.Rows {
			return nil
		}
		return m.Row(i)
	}
	if s.scaled == nil || s.Queries == nil || s.Keys == nil || i < 0 || i >= s.Queries.Rows {
		return nil
	}
	q := NewMatrixFrom(1, s.Queries.Cols, s.Queries.Row(i))
	return scoresOf(q, s.Keys, float32(math.Sqrt(float64(s.Keys.Cols)))).Data
}

// WeightsRow is row i of Weights() without computing the whole matrix
// when nobody holds it (O(T·d_k), not kept); nil if i is out of range or
// the module has no unmasked weights.
func (s *Single) WeightsRow(i int) []float32 {
	if m := s.weights.peek(); m != nil {
		if i < 0 || i >= m.Rows {
			return nil
		}
		return m.Row(i)
	}
	if s.weights == nil || s.Queries == nil || s.Keys == nil || i < 0 || i >= s.Queries.Rows {
		return nil
	}
	q := NewMatrixFrom(1, s.Queries.Cols, s.Queries.Row(i))
	out := make([]float32, s.Keys.Rows)
	div := float32(math.Sqrt(float64(s.Keys.Cols)))
	attendUnmasked(q, s.Keys, nil, div, nil, func(_ int, w []float32) { copy(out, w) })
	return out
}

// MaskedScores is Q·Kᵀ with −∞ above the diagonal (unscaled), T×T.
func (s *Single) MaskedScores() *Matrix { return s.masked.get() }

// CausalRenorm is the simple method: softmax(Scaled())·(1−mask) with the
// rows renormalised, T×T.
func (s *Single) CausalRenorm() *Matrix { return s.renorm.get() }

// CausalMask is 1 above the diagonal (masked), T×T; one matrix shared by
// every module of a Result.
func (s *Single) CausalMask() *Matrix { return s.mask.get() }

// DropoutMask is 1 where a weight was kept, T×T; all ones when p = 0 (one
// matrix shared by every module of a Result).
func (s *Single) DropoutMask() *Matrix { return s.keep.get() }

// SetScores stores m as Scores.
func (s *Single) SetScores(m *Matrix) { s.scores = stored(m) }

// SetScaled stores m as Scaled.
func (s *Single) SetScaled(m *Matrix) { s.scaled = stored(m) }

// SetWeights stores m as Weights.
func (s *Single) SetWeights(m *Matrix) { s.weights = stored(m) }

// SetMaskedScores stores m as MaskedScores.
func (s *Single) SetMaskedScores(m *Matrix) { s.masked = stored(m) }

// SetCausalRenorm stores m as CausalRenorm.
func (s *Single) SetCausalRenorm(m *Matrix) { s.renorm = stored(m) }

// SetCausalMask stores m as CausalMask.
func (s *Single) SetCausalMask(m *Matrix) { s.mask = stored(m) }

// SetDropoutMask stores m as DropoutMask.
func (s *Single) SetDropoutMask(m *Matrix) { s.keep = stored(m) }

// Wrapper is the book's MultiHeadAttentionWrapper: Heads independent single
// modules (linear init), each d_out wide, outputs concatenated.
type Wrapper struct {
	Heads   []Single
	Context *Matrix // T × heads·d_out
}

// MHA is the book's efficient MultiHeadAttention module. Cell(h, i, j)
// gathers one causal weight's ingredients. MaskedScores(h) and
// DropoutMask(h) are computed on first call, as Single's.
type MHA struct {
	WQuery, WKey, WValue *Matrix   // d_in × d_out
	BQuery, BKey, BValue []float32 // d_out, nil without a bias
	OutW                 *Matrix   // d_out × d_out (out_proj's weight transposed)
	OutB                 []float32 // d_out

	HeadDim int
	// Per head h (each slice has Heads entries):
	Queries, Keys, Values []*Matrix // T × head_dim
	Weights               []*Matrix // causal softmax of MaskedScores(h)/√head_dim, T×T
	Dropped               []*Matrix // T×T (Weights[h] itself when p = 0)
	Context               []*Matrix // Dropped_h·V_h, T × head_dim

	Concat *Matrix // T × d_out, heads side by side
	Output *Matrix // Concat·OutW + OutB, T × d_out

	Dropout Dropout // how DropoutMask was drawn (element index h·T·T + i·T + j)

	masked, keep []*lazy
}

// MaskedScores is head h's Q_h·K_hᵀ with −∞ above the diagonal
// (unscaled), T×T; nil if h is not a head.
func (m *MHA) MaskedScores(h int) *Matrix { return getAt(m.masked, h) }

// DropoutMask is head h's mask, 1 = kept, T×T: one mask over [heads, T,
// T], row-major; all ones when p = 0. Nil if h is not a head.
func (m *MHA) DropoutMask(h int) *Matrix { return getAt(m.keep, h) }

// SetMaskedScores stores ms (one per head) as MaskedScores.
func (m *MHA) SetMaskedScores(ms []*Matrix) { m.masked = storedAll(ms) }

// SetDropoutMask stores ms (one per head) as DropoutMask.
func (m *MHA) SetDropoutMask(ms []*Matrix) { m.keep = storedAll(ms) }

// Result is every intermediate tensor of the chapter's modules (by name:
// Tensors, the names export writes) for one configuration and
// one input X. It is computed once (Run) and only read afterwards, so a view
// can ask for any stage or head; the T×T tensors behind methods are
// computed on demand and shared while held (see Single). A Result is read-only
// and safe for concurrent use; matrices may be shared between its modules
// (within one Result every CausalMask is the same *Matrix, and with p = 0
// so is every DropoutMask).
type Result struct {
	Config  Config
	Inputs  *Matrix // X, T × d_in
	Simple  Simple
	Single  Single
	Wrapper Wrapper
	MHA     MHA
}
