package compute

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"
)

// The AVX2/FMA product agrees with gonum's Sgemm on odd shapes, strided
// views and both orientations, within float32 accumulation error
// (k·2^-24 relative to Σ|a||b|).
func TestGemmFMAMatchesGonum(t *testing.T) {
	if !hasFMA {
		t.Skip("no AVX2/FMA on this CPU")
	}
	defer func(b bool) { useBLAS = b }(useBLAS)
	useBLAS = false // the openblas build tag: compare the pure-Go paths
	rng := rand.New(rand.NewPCG(7, 8))
	shapes := [][3]int{{1, 1, 1}, {6, 16, 1}, {7, 17, 3}, {5, 15, 257}, {96, 33, 300}, {200, 100, 513}, {13, 64, 64}, {20, 600, 300}, {100, 300, 700}}
	for n := 0; n < 20; n++ {
		shapes = append(shapes, [3]int{1 + rng.IntN(130), 1 + rng.IntN(70), 1 + rng.IntN(600)})
	}
	for _, sh := range shapes {
		m, nn, k := sh[0], sh[1], sh[2]
		for _, tb := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%dx%d/tb=%v", m, nn, k, tb), func(t *testing.T) {
				pad := 3 // strided views: every row has extra columns
				mk := func(r, c int) blas32.General {
					g := blas32.General{Rows: r, Cols: c, Stride: c + pad, Data: make([]float32, r*(c+pad))}
					for i := range g.Data {
						g.Data[i] = float32(rng.NormFloat64())
					}
					return g
				}
				a := mk(m, k)
				var b blas32.General
				if tb {
					b = mk(nn, k)
				} else {
					b = mk(k, nn)
				}
				c1, c2 := mk(m, nn), mk(m, nn)
				useFMA = true
				gemm(c1, a, b, tb)
				useFMA = false
				gemm(c2, a, b, tb)
				useFMA = hasFMA
				for i := 0; i < m; i++ {
					for j := 0; j < nn; j++ {
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
							t.Fatalf("[%d,%d]: fma %v, gonum %v", i, j, x, y)
						}
					}
				}
			})
		}
	}
}

// The kernel never writes outside the destination view.
func TestGemmFMAStaysInView(t *testing.T) {
	if !hasFMA {
		t.Skip("no AVX2/FMA on this CPU")
	}
	for _, sh := range [][3]int{{7, 17, 5}, {12, 32, 9}, {100, 50, 300}} {
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
				t.Fatalf("%v: element %d (row %d col %d) = %v", sh, i, r, col, data[i])
			}
		}
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
