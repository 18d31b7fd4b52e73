package compute

import "math"

// MulT sets m = a·bᵀ. It panics with "compute: shape mismatch" unless
// a.Cols == b.Cols and m is a.Rows × b.Rows.
func (m *Matrix) MulT(a, b *Matrix) {
	if a.Cols != b.Cols || m.Rows != a.Rows || m.Cols != b.Rows {
		panic("compute: shape mismatch in MulT")
	}
	for i := 0; i < a.Rows; i++ {
		ai := a.Row(i)
		for j := 0; j < b.Rows; j++ {
			bj := b.Row(j)
			var s float32
			for k := range ai {
				s += ai[k] * bj[k]
			}
			m.Data[i*m.Cols+j] = s
		}
	}
}

// Mul sets m = a·b. It panics with "compute: shape mismatch" unless
// a.Cols == b.Rows and m is a.Rows × b.Cols.
func (m *Matrix) Mul(a, b *Matrix) {
	if a.Cols != b.Rows || m.Rows != a.Rows || m.Cols != b.Cols {
		panic("compute: shape mismatch in Mul")
	}
	for i := 0; i < a.Rows; i++ {
		out := m.Row(i)
		for j := range out {
			out[j] = 0
		}
		for k, av := range a.Row(i) {
			for j, bv := range b.Row(k) {
				out[j] += av * bv
			}
		}
	}
}

// SoftmaxRows sets m to the row-wise softmax of a, subtracting each row's
// maximum first so that large scores cannot overflow. Entries of −∞ get
// weight 0. It panics with "compute: shape mismatch" unless m and a have the
// same shape.
func (m *Matrix) SoftmaxRows(a *Matrix) {
	if m.Rows != a.Rows || m.Cols != a.Cols {
		panic("compute: shape mismatch in SoftmaxRows")
	}
	for i := 0; i < a.Rows; i++ {
		in, out := a.Row(i), m.Row(i)
		mx := float32(math.Inf(-1))
		for _, v := range in {
			if v > mx {
				mx = v
			}
		}
		var sum float64
		for j, v := range in {
			e := float32(math.Exp(float64(v - mx)))
			out[j] = e
			sum += float64(e)
		}
		for j := range out {
			out[j] = float32(float64(out[j]) / sum)
		}
	}
}
