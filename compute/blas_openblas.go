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
// product is split by rows over up to GOMAXPROCS goroutines.
func sgemmBLAS(c, a, b blas32.General, tb, par bool) {
	m, n, k := c.Rows, c.Cols, a.Cols
	workers := min(runtime.GOMAXPROCS(0), m/gemmMC)
	if !par || workers <= 1 || m*n*k < gemmParMin {
		openblas.Gemm(c, a, b, tb)
		return
	}
	chunk := roundUp((m+workers-1)/workers, 16)
	parallelFor((m+chunk-1)/chunk, func(i int) {
		r0, r1 := i*chunk, min((i+1)*chunk, m)
		openblas.Gemm(rows(c, r0, r1), rows(a, r0, r1), b, tb)
	})
}
