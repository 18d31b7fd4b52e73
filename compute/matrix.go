package compute

import "fmt"

// Matrix is a dense row-major float32 matrix.
type Matrix struct {
	Rows, Cols int
	Data       []float32
}

// NewMatrix returns a zeroed r×c matrix. It panics with "compute: negative
// dimension" if r or c is negative.
func NewMatrix(r, c int) *Matrix {
	if r < 0 || c < 0 {
		panic("compute: negative dimension")
	}
	return &Matrix{Rows: r, Cols: c, Data: make([]float32, r*c)}
}

// NewMatrixFrom returns an r×c matrix holding data (not copied). It panics
// with "compute: data length does not match shape" if len(data) != r*c.
func NewMatrixFrom(r, c int, data []float32) *Matrix {
	if r < 0 || c < 0 || len(data) != r*c {
		panic(fmt.Sprintf("compute: data length %d does not match shape %dx%d", len(data), r, c))
	}
	return &Matrix{Rows: r, Cols: c, Data: data}
}

// At returns the element at row i, column j.
func (m *Matrix) At(i, j int) float32 { return m.Data[i*m.Cols+j] }

// Set sets the element at row i, column j.
func (m *Matrix) Set(i, j int, v float32) { m.Data[i*m.Cols+j] = v }

// Row returns row i as a slice sharing m's storage.
func (m *Matrix) Row(i int) []float32 { return m.Data[i*m.Cols : (i+1)*m.Cols] }
