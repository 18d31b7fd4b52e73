package compute

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/attnscope/attnscope/internal/cputime"
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
					cpu0 := cputime.Process()
					for b.Loop() {
						gemm(c, x, w, false)
					}
					reportGFLOPs(b, 2*float64(t*k*n), cputime.Process()-cpu0)
				})
			}
		}
	}
}

// reportGFLOPs reports flop floating-point operations per iteration as
// GFLOP/s of wall time and GFLOP per second of process CPU time (cpu, if
// measured): the second is steadier on a loaded machine, and over GFLOP/s
// it tells how many cores were busy.
func reportGFLOPs(b *testing.B, flop float64, cpu time.Duration) {
	total := flop * float64(b.N) / 1e9
	b.ReportMetric(total/b.Elapsed().Seconds(), "GFLOP/s")
	if cpu > 0 {
		b.ReportMetric(total/cpu.Seconds(), "GFLOP/cpu-s")
	}
}

// BenchmarkMicroKernel is each micro-kernel alone on one packed tile held
// in L1 (depth 256): the peak the blocking around it can approach.
func BenchmarkMicroKernel(b *testing.B) {
	if !hasFMA {
		b.Skip("no AVX2/FMA on this CPU")
	}
	kernels := []*microKernel{&avx2Kernel}
	if hasAVX512 {
		kernels = append(kernels, &avx512Kernel)
	}
	for _, g := range kernels {
		b.Run(fmt.Sprintf("%dx%d", g.mr, g.nr), func(b *testing.B) {
			k := 256
			a, bp, c := make([]float32, k*g.mr), make([]float32, k*g.nr), make([]float32, g.mr*g.nr)
			cpu0 := cputime.Process()
			for b.Loop() {
				g.call(k, &a[0], 0, &bp[0], 0, &c[0], g.nr, true, g.nr)
			}
			reportGFLOPs(b, 2*float64(k*g.mr*g.nr), cputime.Process()-cpu0)
		})
	}
}

// BenchmarkGemmBiasGELU is GPT-2's MLP up-projection, gelu(x·W + b) at
// T = 256 (768 × 3072), fused (gemmBiasGELU), unfused (gemm, then the
// bias and geluTanh entry by entry) and the product alone; cpu-ms/op is
// process CPU time per product.
func BenchmarkGemmBiasGELU(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	t, k, n := 256, 768, 3072
	x, w, c := randGeneral(rng, t, k, 0), randGeneral(rng, k, n, 0), randGeneral(rng, t, n, 0)
	bias := make([]float32, n)
	for _, bc := range []struct {
		name string
		f    func()
	}{
		{"fused", func() { gemmBiasGELU(c, x, w, false, bias) }},
		{"unfused", func() {
			gemm(c, x, w, false)
			for i := 0; i < t; i++ {
				row := c.Data[i*c.Stride : i*c.Stride+n]
				for j := range row {
					row[j] = geluTanh(row[j] + bias[j])
				}
			}
		}},
		{"product-only", func() { gemm(c, x, w, false) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cpu0 := cputime.Process()
			for b.Loop() {
				bc.f()
			}
			b.ReportMetric(float64(cputime.Process()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
