//go:build openblas

package openblas

// #cgo LDFLAGS: -lopenblas
// void openblas_set_num_threads(int);
// int openblas_get_num_threads(void);
import "C"

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"
)

// Gemm sets c = a·op(b) (op = transpose if tb) with OpenBLAS's sgemm.
// Strided views are passed as leading dimensions.
func Gemm(c, a, b blas32.General, tb bool) {
	t := blas.NoTrans
	if tb {
		t = blas.Trans
	}
	netlib.Implementation{}.Sgemm(blas.NoTrans, t, c.Rows, c.Cols, a.Cols, 1,
		a.Data, a.Stride, b.Data, b.Stride, 0, c.Data, c.Stride)
}

// SetThreads sets how many threads OpenBLAS uses per call.
func SetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

// Threads reports how many threads OpenBLAS uses per call.
func Threads() int { return int(C.openblas_get_num_threads()) }
