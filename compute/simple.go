package compute

import "math"

// Simple holds simplified self-attention (section 3.3 of the chapter): no
// trainable weights, the inputs attend to themselves.
type Simple struct {
	Scores  *Matrix // ω = X·Xᵀ, T×T
	Weights *Matrix // α = softmax(ω) by rows (the stable form), T×T
	Context *Matrix // z = α·X, T×d_in

	// NaiveWeights is the chapter's softmax_naive, exp(ω)/Σexp(ω) by rows
	// in float32 without subtracting the maximum. It equals Weights up to
	// rounding unless a score exceeds ~88.7, where exp overflows float32:
	// then NaiveOverflow is true and the overflowing rows hold +Inf/NaN
	// exactly as PyTorch prints them — the reason for the stable form. A
	// view must show those entries as overflow, never as numbers.
	NaiveWeights  *Matrix
	NaiveOverflow bool
}

// SimpleAttention computes simplified self-attention of x (T×d_in).
func SimpleAttention(x *Matrix) Simple {
	t := x.Rows
	s := Simple{Scores: NewMatrix(t, t), Weights: NewMatrix(t, t), Context: NewMatrix(t, x.Cols), NaiveWeights: NewMatrix(t, t)}
	s.Scores.MulT(x, x)
	s.Weights.SoftmaxRows(s.Scores)
	s.Context.Mul(s.Weights, x)
	for i := 0; i < t; i++ {
		in, out := s.Scores.Row(i), s.NaiveWeights.Row(i)
		var sum float32
		for j, v := range in {
			out[j] = float32(math.Exp(float64(v)))
			sum += out[j]
		}
		for j := range out {
			out[j] /= sum
		}
		if math.IsInf(float64(sum), 0) {
			s.NaiveOverflow = true
		}
	}
	return s
}
