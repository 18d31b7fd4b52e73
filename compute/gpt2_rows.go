package compute

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas/blas32"
)

// layerNormRow sets out = LayerNorm(x)·gain + bias (bias may be nil) with
// the biased variance: the mean first, then the mean squared deviation
// from it in a second pass (both summed in float64), then each entry as
// ((x − m) − c)·r·gain + bias in float32, where m is the mean rounded to
// float32, c what that rounding lost and r = 1/√(var+eps): the deviation
// is formed before scaling, so a row whose mean dwarfs its spread keeps
// its digits. out may be x.
func layerNormRow(out, x, gain, bias []float32, eps float32) {
	n := len(x)
	x = x[:n]
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+4 <= n; j += 4 {
		s0 += float64(x[j])
		s1 += float64(x[j+1])
		s2 += float64(x[j+2])
		s3 += float64(x[j+3])
	}
	for ; j < n; j++ {
		s0 += float64(x[j])
	}
	mean := (s0 + s1 + s2 + s3) / float64(n)
	s0, s1, s2, s3 = 0, 0, 0, 0
	j = 0
	for ; j+4 <= n; j += 4 {
		d0, d1, d2, d3 := float64(x[j])-mean, float64(x[j+1])-mean, float64(x[j+2])-mean, float64(x[j+3])-mean
		s0 += d0 * d0
		s1 += d1 * d1
		s2 += d2 * d2
		s3 += d3 * d3
	}
	for ; j < n; j++ {
		d0 := float64(x[j]) - mean
		s0 += d0 * d0
	}
	r := float32(1 / math.Sqrt((s0+s1+s2+s3)/float64(n)+float64(eps)))
	m := float32(mean)
	c := float32(mean - float64(m))
	out, gain = out[:n], gain[:n]
	if bias == nil {
		for j, v := range x {
			out[j] = ((v - m) - c) * r * gain[j]
		}
		return
	}
	bias = bias[:n]
	for j, v := range x {
		out[j] = ((v-m)-c)*r*gain[j] + bias[j]
	}
}

// residualAdd sets dst = x + (a + b) entry by entry (b may be nil): a
// residual connection around a product a with bias b, summed as PyTorch
// does (the bias joins the product first).
func residualAdd(dst, x, a, b []float32) {
	x, a = x[:len(dst)], a[:len(dst)]
	if b == nil {
		for j := range dst {
			dst[j] = x[j] + a[j]
		}
		return
	}
	b = b[:len(dst)]
	for j := range dst {
		dst[j] = x[j] + (a[j] + b[j])
	}
}

// linearBias sets c = a·lin.W + lin.B, the bias added to each tile of the
// product as it is finished.
func linearBias(c, a *Matrix, lin Linear) {
	if lin.B == nil {
		gemm(c.general(), a.general(), lin.W.general(), false)
		return
	}
	gemmBias(c.general(), a.general(), lin.W.general(), false, lin.B)
}

// linearGELU sets c = gelu_tanh(a·lin.W + lin.B), bias and GELU applied to
// each tile of the product as it is finished.
func linearGELU(c, a *Matrix, lin Linear) {
	gemmBiasGELU(c.general(), a.general(), lin.W.general(), false, lin.B)
}

// layerNorm sets each row of out to LayerNorm of x's row (layerNormRow),
// rows in parallel.
func layerNorm(out, x *Matrix, gain, bias []float32, eps float32) {
	parallelRows(x.Rows, 32, func(r0, r1 int) {
		for i := r0; i < r1; i++ {
			layerNormRow(out.Row(i), x.Row(i), gain, bias, eps)
		}
	})
}

// parallelRows calls f on consecutive ranges [r0, r1) covering 0…n−1,
// grain rows at a time, on up to GOMAXPROCS goroutines (the calling one
// included).
func parallelRows(n, grain int, f func(r0, r1 int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+grain-1)/grain)
	if workers <= 1 {
		f(0, n)
		return
	}
	var next atomic.Int64
	work := func() {
		for {
			r0 := int(next.Add(int64(grain))) - grain
			if r0 >= n {
				return
			}
			f(r0, min(r0+grain, n))
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// matVecT sets y[v] = Σ_j m[v][j]·x[j] (y = m·x, m stored row-major),
// rows in parallel: the logits of one position against a V×d head.
func matVecT(y []float32, m *Matrix, x []float32) {
	xv := blas32.Vector{N: len(x), Inc: 1, Data: x}
	parallelRows(m.Rows, 2048, func(r0, r1 int) {
		for v := r0; v < r1; v++ {
			y[v] = blas32.Dot(xv, blas32.Vector{N: m.Cols, Inc: 1, Data: m.Row(v)})
		}
	})
}
