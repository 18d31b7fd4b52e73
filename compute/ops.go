package compute

import (
	"math"

	"gonum.org/v1/gonum/blas/blas32"
)

// general views m as a BLAS matrix (no copy).
func (m *Matrix) general() blas32.General {
	return blas32.General{Rows: m.Rows, Cols: m.Cols, Stride: max(m.Cols, 1), Data: m.Data}
}

// MulT sets m = a·bᵀ. It panics with "compute: shape mismatch" unless
// a.Cols == b.Cols and m is a.Rows × b.Rows.
func (m *Matrix) MulT(a, b *Matrix) {
	if a.Cols != b.Cols || m.Rows != a.Rows || m.Cols != b.Rows {
		panic("compute: shape mismatch in MulT")
	}
	gemm(m.general(), a.general(), b.general(), true)
}

// Mul sets m = a·b. It panics with "compute: shape mismatch" unless
// a.Cols == b.Rows and m is a.Rows × b.Cols.
func (m *Matrix) Mul(a, b *Matrix) {
	if a.Cols != b.Rows || m.Rows != a.Rows || m.Cols != b.Cols {
		panic("compute: shape mismatch in Mul")
	}
	gemm(m.general(), a.general(), b.general(), false)
}

// AddRowVec adds v to every row of m (a Linear layer's bias). It panics
// with "compute: shape mismatch" unless len(v) == m.Cols.
func (m *Matrix) AddRowVec(v []float32) {
	if len(v) != m.Cols {
		panic("compute: shape mismatch in AddRowVec")
	}
	for i := 0; i < m.Rows; i++ {
		r := m.Row(i)
		for j := range r {
			r[j] += v[j]
		}
	}
}

// linear returns X·W (+ b): nn.Linear with W stored in × out.
func linear(x, w *Matrix, b []float32) *Matrix {
	y := NewMatrix(x.Rows, w.Cols)
	y.Mul(x, w)
	if b != nil {
		y.AddRowVec(b)
	}
	return y
}

// SoftmaxRows sets m to the row-wise softmax of a, subtracting each row's
// maximum first so that large scores cannot overflow. Entries of −∞ get
// weight exactly 0. It panics with "compute: shape mismatch" unless m and a
// have the same shape.
func (m *Matrix) SoftmaxRows(a *Matrix) {
	if m.Rows != a.Rows || m.Cols != a.Cols {
		panic("compute: shape mismatch in SoftmaxRows")
	}
	for i := 0; i < a.Rows; i++ {
		softmaxRow(m.Row(i), a.Row(i), 1)
	}
}

// softmaxRow sets out = softmax(in·scale), stable: exponents and their sum
// in float64, each result rounded once to float32. A row of only −∞ (not
// produced by the pipeline) would give 0/0; it is set to zeros instead.
func softmaxRow(out, in []float32, scale float32) {
	mx := float32(math.Inf(-1))
	for _, v := range in {
		if v*scale > mx {
			mx = v * scale
		}
	}
	if math.IsInf(float64(mx), -1) {
		clear(out)
		return
	}
	var sum float64
	for j, v := range in {
		e := math.Exp(float64(v*scale - mx))
		out[j] = float32(e)
		sum += e
	}
	inv := 1 / sum
	for j := range out {
		out[j] = float32(float64(out[j]) * inv)
	}
}
