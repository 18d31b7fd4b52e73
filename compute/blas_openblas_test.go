//go:build openblas

package compute

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"
)

// OpenBLAS's sgemm agrees with gonum's Sgemm on odd shapes, strided views,
// both orientations and products large enough to be split over
// goroutines, within float32 accumulation error (k·2^-23 relative to
// Σ|a||b|, as TestGemmFMAMatchesGonum).
func TestGemmOpenBLASMatchesGonum(t *testing.T) {
	defer func(f, b bool) { useFMA, useBLAS = f, b }(useFMA, useBLAS)
	rng := rand.New(rand.NewPCG(11, 12))
	for _, sh := range [][3]int{{1, 1, 1}, {7, 17, 3}, {5, 15, 257}, {200, 100, 513}, {400, 300, 200}, {1024, 64, 48}} {
		m, n, k := sh[0], sh[1], sh[2]
		for _, tb := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%dx%d/tb=%v", m, n, k, tb), func(t *testing.T) {
				mk := func(r, c int) blas32.General {
					g := blas32.General{Rows: r, Cols: c, Stride: c + 3, Data: make([]float32, r*(c+3))}
					for i := range g.Data {
						g.Data[i] = float32(rng.NormFloat64())
					}
					return g
				}
				a, b := mk(m, k), mk(k, n)
				if tb {
					b = mk(n, k)
				}
				c1, c2 := mk(m, n), mk(m, n)
				before := append([]float32(nil), c1.Data...)
				useFMA, useBLAS = false, true
				gemm(c1, a, b, tb)
				useBLAS = false
				gemm(c2, a, b, tb)
				for i := 0; i < m; i++ {
					for j := 0; j < n; j++ {
						var abs float64
						for p := 0; p < k; p++ {
							var bv float32
							if tb {
								bv = b.Data[j*b.Stride+p]
							} else {
								bv = b.Data[p*b.Stride+j]
							}
							abs += math.Abs(float64(a.Data[i*a.Stride+p] * bv))
						}
						x, y := c1.Data[i*c1.Stride+j], c2.Data[i*c2.Stride+j]
						if d := math.Abs(float64(x - y)); d > float64(k)*abs*0x1p-23+1e-30 {
							t.Fatalf("[%d,%d]: openblas %v, gonum %v", i, j, x, y)
						}
					}
					for j := n; j < c1.Stride; j++ { // the view's padding is untouched
						if k := i*c1.Stride + j; c1.Data[k] != before[k] {
							t.Fatalf("padding [%d,%d] written", i, j)
						}
					}
				}
			})
		}
	}
}
