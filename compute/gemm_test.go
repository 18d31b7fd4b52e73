package compute

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"
)

// gemmTol is how far a float32 product entry may be from the exact one:
// float32 accumulation error over k terms, k·2^-23 relative to Σ|a||b|
// (twice the worst case of one rounding per step).
func gemmTol(k int, absSum float64) float64 { return float64(k)*absSum*0x1p-23 + 1e-30 }

// gemmShapes are the m×n×k products every path is checked on: single
// entries, exact and partial register tiles of both micro-kernels (6×16,
// 8×48 and its 32- and 16-column variants), depths around the 256 block
// and not a multiple of anything, products split over goroutines (by
// columns and by rows), B's rows 4 KiB apart, and GPT-2's projections at
// T = 64. Operands are strided views (3 floats of padding per row).
func gemmShapes(rng *rand.Rand) [][3]int {
	shapes := [][3]int{
		{1, 1, 1}, {1, 1, 300}, {6, 16, 1}, {7, 17, 3}, {8, 48, 5}, {9, 49, 7}, {8, 32, 9},
		{7, 31, 2}, {16, 96, 300}, {17, 20, 256}, {12, 32, 5}, {11, 31, 7}, {13, 33, 257},
		{5, 15, 257}, {24, 64, 256}, {25, 65, 513}, {96, 33, 300}, {97, 300, 255},
		{200, 100, 513}, {13, 64, 64}, {20, 600, 300}, {100, 300, 700}, {1000, 40, 60},
		{48, 48, 64}, {48, 64, 1000},
		{13, 1021, 300}, // B's rows 1024 floats apart (with the padding): packed for AVX2
		{64, 2304, 768}, {64, 3072, 768}, {64, 768, 3072}, {64, 768, 768},
	}
	for n := 0; n < 20; n++ {
		shapes = append(shapes, [3]int{1 + rng.IntN(130), 1 + rng.IntN(70), 1 + rng.IntN(600)})
	}
	return shapes
}

// randGeneral is an r×c matrix of standard normal entries with pad extra
// columns per row (a strided view).
func randGeneral(rng *rand.Rand, r, c, pad int) blas32.General {
	g := blas32.General{Rows: r, Cols: c, Stride: c + pad, Data: make([]float32, r*(c+pad))}
	for i := range g.Data {
		g.Data[i] = float32(rng.NormFloat64())
	}
	return g
}

// Every path this CPU runs (portable, AVX2, AVX-512) agrees with a
// float64 product within gemmTol on odd shapes, strided views and both
// orientations of B, and the micro-kernel paths agree bit for bit
// whatever GOMAXPROCS.
func TestGemmPathsMatchFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, sh := range gemmShapes(rng) {
		m, n, k := sh[0], sh[1], sh[2]
		for _, tb := range []bool{false, true} {
			a := randGeneral(rng, m, k, 3)
			b := randGeneral(rng, k, n, 3)
			if tb {
				b = randGeneral(rng, n, k, 3)
			}
			bAt := func(p, j int) float32 { return b.Data[p*b.Stride+j] }
			if tb {
				bAt = func(p, j int) float32 { return b.Data[j*b.Stride+p] }
			}
			// Large products are checked on a sample of rows (the first,
			// the last, every 7th); all of c is compared across GOMAXPROCS.
			checked := func(i int) bool { return m*n*k < 1<<22 || i < 2 || i >= m-2 || i%7 == 0 }
			want, tol := make([]float64, m*n), make([]float64, m*n)
			for i := 0; i < m; i++ {
				if !checked(i) {
					continue
				}
				for j := 0; j < n; j++ {
					var s, abs float64
					for p := 0; p < k; p++ {
						x := float64(a.Data[i*a.Stride+p]) * float64(bAt(p, j))
						s += x
						abs += math.Abs(x)
					}
					want[i*n+j], tol[i*n+j] = s, gemmTol(k, abs)
				}
			}
			for _, path := range availableKernels() {
				t.Run(fmt.Sprintf("%s/%dx%dx%d/tb=%v", path, m, n, k, tb), func(t *testing.T) {
					defer setKernel(path)()
					c := randGeneral(rng, m, n, 2) // overwritten, not added to
					gemm(c, a, b, tb)
					for i := 0; i < m; i++ {
						if !checked(i) {
							continue
						}
						for j := 0; j < n; j++ {
							got := c.Data[i*c.Stride+j]
							if d := math.Abs(float64(got) - want[i*n+j]); d > tol[i*n+j] {
								t.Fatalf("[%d,%d] = %v, want %v (tolerance %.3g)", i, j, got, want[i*n+j], tol[i*n+j])
							}
						}
					}
					if path == kernelPortable || m*n*k < gemmParMin {
						return
					}
					for _, procs := range []int{1, 3} {
						old := runtime.GOMAXPROCS(procs)
						c2 := randGeneral(rng, m, n, 2)
						gemm(c2, a, b, tb)
						runtime.GOMAXPROCS(old)
						for i := 0; i < m; i++ {
							for j := 0; j < n; j++ {
								if x, y := c.Data[i*c.Stride+j], c2.Data[i*c2.Stride+j]; x != y {
									t.Fatalf("GOMAXPROCS=%d: [%d,%d] = %v, with %d: %v", procs, i, j, y, old, x)
								}
							}
						}
					}
				})
			}
		}
	}
}

// A product with B packed beforehand (pack, sgemmPackedB: causal
// attention's keys and values) equals gemmSerial's bit for bit, also
// using only B's first rows and columns.
func TestGemmPackedB(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, path := range availableKernels()[1:] {
		defer setKernel(path)()
		for _, sh := range [][3]int{{48, 48, 64}, {48, 64, 96}, {7, 33, 300}, {100, 70, 513}} {
			m, n, k := sh[0], sh[1], sh[2]
			for _, tb := range []bool{false, true} {
				full := randGeneral(rng, k+5, n+9, 0)
				if tb {
					full = randGeneral(rng, n+9, k+5, 0)
				}
				buf := make([]float32, (k+5)*roundUp(n+9, gemmNR))
				var pb packedB
				if tb {
					pb = pack(buf, full, true, k+5, n+9)
				} else {
					pb = pack(buf, full, false, k+5, n+9)
				}
				a := randGeneral(rng, m, k, 1)
				b := blas32.General{Rows: k, Cols: n, Stride: full.Stride, Data: full.Data}
				if tb {
					b = blas32.General{Rows: n, Cols: k, Stride: full.Stride, Data: full.Data}
				}
				c1, c2 := randGeneral(rng, m, n, 0), randGeneral(rng, m, n, 0)
				sgemmPackedB(c1, a, pb)
				gemmSerial(c2, a, b, tb)
				for i := range c1.Data {
					if c1.Data[i] != c2.Data[i] {
						t.Fatalf("%s %v tb=%v: element %d: packed %v, gemm %v", path, sh, tb, i, c1.Data[i], c2.Data[i])
					}
				}
			}
		}
	}
}

// The AVX-512 and AVX2 micro-kernels compute each entry alike (depth
// blocks of 256, one fused multiply-add chain per block, in order), so
// their products agree bit for bit.
func TestGemmAVX512MatchesAVX2(t *testing.T) {
	if !hasAVX512 {
		t.Skip("no AVX-512 on this CPU")
	}
	if avx512Kernel.kc != avx2Kernel.kc {
		t.Skip("the kernels block the depth differently")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, sh := range gemmShapes(rng) {
		m, n, k := sh[0], sh[1], sh[2]
		for _, tb := range []bool{false, true} {
			a, b := randGeneral(rng, m, k, 1), randGeneral(rng, k, n, 2)
			if tb {
				b = randGeneral(rng, n, k, 2)
			}
			var c [2]blas32.General
			for i, path := range []string{kernelAVX2, kernelAVX512} {
				restore := setKernel(path)
				c[i] = randGeneral(rng, m, n, 0)
				gemm(c[i], a, b, tb)
				restore()
			}
			for i := range c[0].Data {
				if c[0].Data[i] != c[1].Data[i] {
					t.Fatalf("%v tb=%v: element %d: avx2 %v, avx512 %v", sh, tb, i, c[0].Data[i], c[1].Data[i])
				}
			}
		}
	}
}

// No path writes outside the destination view.
func TestGemmStaysInView(t *testing.T) {
	for _, path := range availableKernels() {
		defer setKernel(path)()
		for _, sh := range [][3]int{{7, 17, 5}, {12, 32, 9}, {13, 33, 300}, {100, 50, 300}, {300, 200, 64}} {
			m, n, k := sh[0], sh[1], sh[2]
			a := blas32.General{Rows: m, Cols: k, Stride: k, Data: make([]float32, m*k)}
			b := blas32.General{Rows: k, Cols: n, Stride: n, Data: make([]float32, k*n)}
			for i := range a.Data {
				a.Data[i] = 1
			}
			for i := range b.Data {
				b.Data[i] = 1
			}
			stride := n + 5
			data := make([]float32, m*stride+7)
			for i := range data {
				data[i] = -42
			}
			c := blas32.General{Rows: m, Cols: n, Stride: stride, Data: data}
			gemm(c, a, b, false)
			for i := range data {
				r, col := i/stride, i%stride
				in := r < m && col < n
				if in && data[i] != float32(k) || !in && data[i] != -42 {
					t.Fatalf("%s %v: element %d (row %d col %d) = %v", path, sh, i, r, col, data[i])
				}
			}
		}
	}
}

// ATTNSCOPE_KERNEL's values select their paths (or the best below them);
// anything else is an error.
func TestSetKernelName(t *testing.T) {
	defer func(f, a, b bool) { useFMA, useAVX512, useBLAS = f, a, b }(useFMA, useAVX512, useBLAS)
	useBLAS = false
	for _, c := range []struct{ name, want string }{
		{kernelPortable, kernelPortable},
		{kernelAVX2, map[bool]string{true: kernelAVX2, false: kernelPortable}[hasFMA]},
		{kernelAVX512, availableKernels()[len(availableKernels())-1]},
		{"", availableKernels()[len(availableKernels())-1]},
	} {
		if err := setKernelName(c.name); err != nil {
			t.Fatal(err)
		}
		if got := Kernel(); got != c.want {
			t.Errorf("%s=%q: Kernel() = %q, want %q", KernelEnv, c.name, got, c.want)
		}
	}
	if setKernelName("avx1024") == nil {
		t.Error("an unknown path is accepted")
	}
}

// expSub8 is within 3 ulp (relative 2.5e-7) of exp for normal results;
// subnormal results may be 0, and arguments below −88.38 give 0.
func TestExpSub8(t *testing.T) {
	if !hasFMA {
		t.Skip("no AVX2/FMA on this CPU")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	x := make([]float32, 4096+5)
	for i := range x {
		x[i] = float32(-90 * rng.Float64())
	}
	x[0], x[1], x[2] = 0, -1e-30, -1000
	orig := append([]float32(nil), x...)
	mx := float32(0.25)
	sum := expSub8(x, mx)
	var want float64
	n8 := len(x) &^ 7
	for i := 0; i < n8; i++ {
		e := math.Exp(float64(orig[i] - mx))
		want += float64(x[i])
		if float64(orig[i]-mx) < -88.3762626647949 {
			if x[i] != 0 {
				t.Fatalf("exp(%v) = %v, want 0", orig[i]-mx, x[i])
			}
			continue
		}
		if e < 0x1p-126 { // subnormal results may flush to 0
			if math.Abs(float64(x[i])-e) > 0x1p-126 {
				t.Fatalf("exp(%v) = %v, want %v", orig[i]-mx, x[i], e)
			}
			continue
		}
		if r := math.Abs(float64(x[i])-e) / e; r > 2.5e-7 {
			t.Fatalf("exp(%v) = %v, want %v (relative error %.3g)", orig[i]-mx, x[i], e, r)
		}
	}
	for i := n8; i < len(x); i++ {
		if x[i] != orig[i] {
			t.Fatalf("tail element %d changed", i)
		}
	}
	if math.Abs(float64(sum)-want) > 1e-6*want {
		t.Errorf("sum %v, want %v", sum, want)
	}
}
