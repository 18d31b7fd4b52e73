package compute

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// geluTol is how far the vector GELU may be from geluTanh in float64:
// 2e-6 relative plus 1e-9 absolute (where GELU is about 0, float32's
// error in its argument is a larger part of the result).
func geluTol(want float64) float64 { return 2e-6*math.Abs(want) + 1e-9 }

// biasGELU8 agrees with geluTanh on the whole float32 range that matters
// (and gives ±0 or x where GELU saturates), with and without a bias.
func TestBiasGELU8(t *testing.T) {
	if !hasFMA {
		t.Skip("no AVX2/FMA on this CPU")
	}
	rng := rand.New(rand.NewPCG(13, 14))
	x := make([]float32, 1<<16+5)
	for i := range x {
		x[i] = float32(rng.NormFloat64() * 4)
	}
	copy(x, []float32{0, -0.0, 1e-30, -1e-30, 10, -10, 20, -20, 100, -100, 1e6, -1e6, 3.4e38, -3.4e38})
	bias := make([]float32, len(x))
	for i := range bias {
		bias[i] = float32(rng.NormFloat64())
	}
	for _, withBias := range []bool{false, true} {
		got := append([]float32(nil), x...)
		var b []float32
		if withBias {
			b = bias
		}
		biasGELU8(got, b)
		var worst float64
		n8 := len(x) &^ 7
		for i := range x {
			u := x[i]
			if withBias {
				u += bias[i]
			}
			if i >= n8 {
				if got[i] != x[i] {
					t.Fatalf("tail element %d changed", i)
				}
				continue
			}
			want := float64(geluTanh(u))
			d := math.Abs(float64(got[i]) - want)
			if d > geluTol(want) {
				t.Fatalf("bias=%v: gelu(%v) = %v, want %v", withBias, u, got[i], want)
			}
			if math.Abs(want) > 1e-6 {
				worst = max(worst, d/math.Abs(want))
			}
		}
		t.Logf("bias=%v: worst relative error %.3g where |gelu| > 1e-6", withBias, worst)
	}
}

// gemmBias equals gemm followed by adding the bias, bit for bit, and
// gemmBiasGELU that followed by GELU within geluTol, on every path, for
// shapes with edge tiles, products split over goroutines and both
// orientations.
func TestGemmEpilogueMatchesUnfused(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, sh := range [][3]int{{1, 1, 1}, {7, 17, 3}, {9, 49, 300}, {64, 768, 768}, {100, 70, 513}, {256, 200, 64}} {
		m, n, k := sh[0], sh[1], sh[2]
		for _, tb := range []bool{false, true} {
			a, b := randGeneral(rng, m, k, 1), randGeneral(rng, k, n, 2)
			if tb {
				b = randGeneral(rng, n, k, 2)
			}
			bias := make([]float32, n)
			for i := range bias {
				bias[i] = float32(rng.NormFloat64())
			}
			for _, path := range availableKernels() {
				t.Run(fmt.Sprintf("%s/%dx%dx%d/tb=%v", path, m, n, k, tb), func(t *testing.T) {
					defer setKernel(path)()
					want, got, gotG, gotNoBias := randGeneral(rng, m, n, 3), randGeneral(rng, m, n, 3), randGeneral(rng, m, n, 3), randGeneral(rng, m, n, 3)
					gemm(want, a, b, tb)
					gemmBias(got, a, b, tb, bias)
					gemmBiasGELU(gotG, a, b, tb, bias)
					gemmBiasGELU(gotNoBias, a, b, tb, nil)
					for i := 0; i < m; i++ {
						for j := 0; j < n; j++ {
							w := want.Data[i*want.Stride+j]
							if g := got.Data[i*got.Stride+j]; g != w+bias[j] {
								t.Fatalf("bias [%d,%d] = %v, want %v", i, j, g, w+bias[j])
							}
							for _, c := range []struct {
								got  float32
								bias float32
							}{{gotG.Data[i*gotG.Stride+j], bias[j]}, {gotNoBias.Data[i*gotNoBias.Stride+j], 0}} {
								ref := float64(geluTanh(w + c.bias))
								if d := math.Abs(float64(c.got) - ref); d > geluTol(ref) {
									t.Fatalf("gelu [%d,%d] = %v, want %v", i, j, c.got, ref)
								}
							}
						}
					}
				})
			}
		}
	}
}
