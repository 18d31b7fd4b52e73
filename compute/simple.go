package compute

// Simple holds simplified self-attention (section 3.3 of the chapter): no
// trainable weights, the inputs attend to themselves.
type Simple struct {
	Scores  *Matrix // ω = X·Xᵀ, T×T
	Weights *Matrix // α = softmax(ω) by rows, T×T
	Context *Matrix // z = α·X, T×d_in
}

// SimpleAttention computes simplified self-attention of x (T×d_in).
func SimpleAttention(x *Matrix) Simple {
	t := x.Rows
	s := Simple{Scores: NewMatrix(t, t), Weights: NewMatrix(t, t), Context: NewMatrix(t, x.Cols)}
	s.Scores.MulT(x, x)
	s.Weights.SoftmaxRows(s.Scores)
	s.Context.Mul(s.Weights, x)
	return s
}
