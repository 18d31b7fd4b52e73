package compute

import (
	"math"
	"sync/atomic"
)

// Simple holds simplified self-attention (section 3.3 of the chapter): no
// trainable weights, the inputs attend to themselves. Scores, Weights and
// NaiveWeights are T×T and computed on demand (as Single's).
type Simple struct {
	Context *Matrix // z = α·X, T×d_in

	scores, weights *lazy
	naive           *naiveSoftmax
}

// Scores is ω = X·Xᵀ, T×T.
func (s *Simple) Scores() *Matrix { return s.scores.get() }

// Weights is α = softmax(ω) by rows (the stable form), T×T.
func (s *Simple) Weights() *Matrix { return s.weights.get() }

// SetScores stores m as Scores.
func (s *Simple) SetScores(m *Matrix) { s.scores = stored(m) }

// SetWeights stores m as Weights.
func (s *Simple) SetWeights(m *Matrix) { s.weights = stored(m) }

// NaiveWeights is the chapter's softmax_naive, exp(ω)/Σexp(ω) by rows in
// float32 without subtracting the maximum. It equals Weights up to
// rounding unless a score exceeds ~88.7, where exp overflows float32: then
// overflow is true and the overflowing rows hold +Inf/NaN exactly as
// PyTorch prints them — the reason for the stable form. A view must show
// those entries as overflow, never as numbers. Nil for a Simple not made
// by SimpleAttention.
func (s *Simple) NaiveWeights() (w *Matrix, overflow bool) {
	if s.naive == nil {
		return nil, false
	}
	w = s.naive.w.get()
	return w, s.naive.overflow.Load()
}

// naiveSoftmax is NaiveWeights on demand (a lazy) and whether it
// overflowed (set when the matrix is made).
type naiveSoftmax struct {
	w        *lazy
	overflow atomic.Bool
}

func newNaive(scores *lazy) *naiveSoftmax {
	n := &naiveSoftmax{}
	n.w = newLazy(func() *Matrix {
		sc := scores.get()
		w := NewMatrix(sc.Rows, sc.Cols)
		for i := 0; i < sc.Rows; i++ {
			in, out := sc.Row(i), w.Row(i)
			var sum float32
			for j, v := range in {
				out[j] = float32(math.Exp(float64(v)))
				sum += out[j]
			}
			for j := range out {
				out[j] /= sum
			}
			if math.IsInf(float64(sum), 0) {
				n.overflow.Store(true)
			}
		}
		return w
	})
	return n
}

// SimpleAttention computes simplified self-attention of x (T×d_in): the
// context now, the T×T tensors on first use.
func SimpleAttention(x *Matrix) Simple {
	s := Simple{Context: NewMatrix(x.Rows, x.Cols)}
	attendUnmasked(x, x, x, 1, s.Context, nil)
	s.scores = newLazy(func() *Matrix { return scoresOf(x, x, 1) })
	s.weights = newLazy(func() *Matrix { return unmaskedWeightsOf(x, x, 1) })
	s.naive = newNaive(s.scores)
	return s
}
