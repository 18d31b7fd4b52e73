package checkpoint

import (
	"fmt"
	"math"

	"github.com/attnscope/attnscope/compute"
)

// weights looks tensors up by name and turns them into float32 matrices
// and vectors of checked shapes. Errors name the file and the tensor.
type weights struct {
	a      *arena
	ts     map[string]*tensor
	where  string // the file reported for a missing tensor
	dtypes map[string]bool
}

func (w *weights) get(name string, shape ...int) (*tensor, error) {
	t, ok := w.ts[name]
	if !ok {
		return nil, tensorErr(w.where, name, "missing")
	}
	if len(shape) > 0 && !sameShape(t.shape, shape) {
		return nil, tensorErr(t.file, name, "shape %v, want %v", t.shape, shape)
	}
	w.dtypes[t.dtype] = true
	return t, nil
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// vec is a 1-D tensor of n values.
func (w *weights) vec(name string, n int) ([]float32, error) {
	t, err := w.get(name, n)
	if err != nil {
		return nil, err
	}
	return w.a.values(t)
}

// optVec is vec, or nil when the tensor is absent.
func (w *weights) optVec(name string, n int) ([]float32, error) {
	if _, ok := w.ts[name]; !ok {
		return nil, nil
	}
	return w.vec(name, n)
}

// mat is a 2-D tensor of r×c used as stored.
func (w *weights) mat(name string, r, c int) (*compute.Matrix, error) {
	t, err := w.get(name, r, c)
	if err != nil {
		return nil, err
	}
	v, err := w.a.values(t)
	if err != nil {
		return nil, err
	}
	return &compute.Matrix{Rows: r, Cols: c, Data: v}, nil
}

// embedding is a 2-D tensor whose shape is still unknown: rows × d.
func (w *weights) embedding(name string) (*compute.Matrix, error) {
	t, err := w.get(name)
	if err != nil {
		return nil, err
	}
	if len(t.shape) != 2 || t.shape[0] == 0 || t.shape[1] == 0 {
		return nil, tensorErr(t.file, name, "shape %v, want [rows, d] with both non-zero", t.shape)
	}
	return w.mat(name, t.shape[0], t.shape[1])
}

// transposed writes the out×in nn.Linear weight t (shape already checked)
// into columns col … col+out of dst (in × dst.Cols).
func (w *weights) transposed(t *tensor, dst *compute.Matrix, col, out int) error {
	in := dst.Rows
	v, err := w.a.values(t)
	if err != nil {
		return err
	}
	for o := range out {
		row := v[o*in : (o+1)*in]
		for i, x := range row {
			dst.Data[i*dst.Cols+col+o] = x
		}
	}
	return nil
}

// newMatrix is an r×c matrix outside the Go heap.
func (w *weights) newMatrix(r, c int) (*compute.Matrix, error) {
	if r <= 0 || c <= 0 || r > math.MaxInt/4/c {
		return nil, fmt.Errorf("matrix %d×%d out of range", r, c)
	}
	d, err := w.a.floats(r * c)
	if err != nil {
		return nil, err
	}
	return &compute.Matrix{Rows: r, Cols: c, Data: d}, nil
}

// countBlocks counts consecutive blocks from 0 whose key(i) is present.
func (w *weights) countBlocks(key func(i int) string) int {
	n := 0
	for {
		if _, ok := w.ts[key(n)]; !ok {
			return n
		}
		n++
	}
}

// dtype is the one dtype of every tensor used, or "mixed".
func (w *weights) dtype() string {
	if len(w.dtypes) == 1 {
		for d := range w.dtypes {
			return d
		}
	}
	return "mixed"
}
