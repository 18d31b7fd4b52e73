package compute

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkGemmGPT2 times GPT-2 small's products, x (T×k) · W (k×n), on
// every path this CPU runs, reporting GFLOP/s (2·T·k·n per product): the
// attention projection 768×2304, the MLP's 768×3072 and 3072×768, and the
// output projection 768×768, at T = 64, 256 and 1024.
func BenchmarkGemmGPT2(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, t := range []int{64, 256, 1024} {
		for _, kn := range [][2]int{{768, 2304}, {768, 3072}, {3072, 768}, {768, 768}} {
			k, n := kn[0], kn[1]
			x, w, c := randGeneral(rng, t, k, 0), randGeneral(rng, k, n, 0), randGeneral(rng, t, n, 0)
			for _, path := range availableKernels() {
				b.Run(fmt.Sprintf("T=%d/%dx%d/%s", t, k, n, path), func(b *testing.B) {
					defer setKernel(path)()
					for b.Loop() {
						gemm(c, x, w, false)
					}
					b.ReportMetric(2*float64(t*k*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
