//go:build openblas

package compute

import (
	"runtime"

	"gonum.org/v1/gonum/blas/blas32"

	"github.com/attnscope/attnscope/compute/internal/openblas"
)

// useBLAS routes every matrix product to OpenBLAS's sgemm (build tag
// openblas; cgo and libopenblas-dev). Tests switch it off to compare with
// the pure-Go paths.
var useBLAS = true

// OpenBLAS runs single-threaded: compute parallelises itself (heads, or
// row blocks of one large product), and OpenBLAS's own threads nested
// inside the per-head goroutines oversubscribe the cores (measured: 7×
// slower at T = 1024).
func init() { openblas.SetThreads(1) }

// sgemmBLAS sets c = a·op(b) with OpenBLAS's sgemm; with par, a large
// product is split over up to GOMAXPROCS goroutines by rows of c, or by
// columns when it has fewer rows than columns (a projection of a short
// sequence). Each entry is computed alike whatever the split.
func sgemmBLAS(c, a, b blas32.General, tb, par bool) {
	m, n, k := c.Rows, c.Cols, a.Cols
	workers := min(runtime.GOMAXPROCS(0), max(m, n)/64)
	if !par || workers <= 1 || m*n*k < gemmParMin {
		openblas.Gemm(c, a, b, tb)
		return
	}
	if m >= n {
		chunk := roundUp((m+workers-1)/workers, 16)
		parallelFor((m+chunk-1)/chunk, func(i int) {
			r0, r1 := i*chunk, min((i+1)*chunk, m)
			openblas.Gemm(rows(c, r0, r1), rows(a, r0, r1), b, tb)
		})
		return
	}
	chunk := roundUp((n+workers-1)/workers, 16)
	parallelFor((n+chunk-1)/chunk, func(i int) {
		c0, c1 := i*chunk, min((i+1)*chunk, n)
		bj := colView(b, c0, c1)
		if tb { // op(b) = bᵀ: columns of op(b) are rows of b
			bj = rows(b, c0, c1)
		}
		openblas.Gemm(colView(c, c0, c1), a, bj, tb)
	})
}

// colView is the view of columns c0..c1−1 of g.
func colView(g blas32.General, c0, c1 int) blas32.General {
	return blas32.General{Rows: g.Rows, Cols: c1 - c0, Stride: g.Stride, Data: g.Data[c0:]}
}
