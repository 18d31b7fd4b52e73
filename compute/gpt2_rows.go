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

// addTo sets dst[j] += a[j].
func addTo(dst, a []float32) {
	a = a[:len(dst)]
	for j := range dst {
		dst[j] += a[j]
	}
}

// geluCoef is √(2/π), the tanh form's constant.
const geluCoef = 0.7978845608028654

// geluBiasRow sets x = gelu_tanh(x + bias) (bias may be nil), GELU's tanh
// form 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³), written as
// x·σ(2u) (the same function): with e = exp(−2|u|) ∈ (0, 1], x/(1+e) for
// x ≥ 0 and x·e/(1+e) otherwise, so the exponent never overflows. The
// exponentials are taken 8 at a time with AVX2 (within 3 ulp), math.Exp
// otherwise, 64 entries per step; the sign is chosen with bit masks (the
// signs of a hidden layer are random: a branch would mispredict half the
// time).
func geluBiasRow(x, bias []float32) {
	if bias != nil {
		bias = bias[:len(x)]
		for j := range x {
			x[j] += bias[j]
		}
	}
	const sign = 1 << 31
	one := math.Float32bits(1)
	var buf [64]float32
	for c0 := 0; c0 < len(x); c0 += len(buf) {
		xs := x[c0:min(c0+len(buf), len(x))]
		e := buf[:len(xs)]
		for j, v := range xs {
			u := geluCoef * 2 * (v + 0.044715*v*v*v)
			e[j] = math.Float32frombits(math.Float32bits(u) | sign) // −2|u|
		}
		start := 0
		if useFMA {
			start = len(e) &^ 7
			expSub8(e[:start], 0)
		}
		for j := start; j < len(e); j++ {
			e[j] = float32(math.Exp(float64(e[j])))
		}
		for j, v := range xs {
			ej := e[j]
			neg := uint32(int32(math.Float32bits(v)) >> 31) // all ones when v < 0
			num := math.Float32frombits(one&^neg | math.Float32bits(ej)&neg)
			xs[j] = v * num / (1 + ej)
		}
	}
}

// linearBias sets c = a·lin.W + lin.B: the product, then the bias added
// in a pass over c's rows (rows in parallel).
func linearBias(c, a *Matrix, lin Linear) {
	gemm(c.general(), a.general(), lin.W.general(), false)
	if lin.B == nil {
		return
	}
	parallelRows(c.Rows, 32, func(r0, r1 int) {
		for i := r0; i < r1; i++ {
			addTo(c.Row(i), lin.B)
		}
	})
}

// linearGELU sets c = gelu_tanh(a·lin.W + lin.B): the product, then bias
// and GELU in one pass over c's rows (rows in parallel).
func linearGELU(c, a *Matrix, lin Linear) {
	gemm(c.general(), a.general(), lin.W.general(), false)
	parallelRows(c.Rows, 8, func(r0, r1 int) {
		for i := r0; i < r1; i++ {
			geluBiasRow(c.Row(i), lin.B)
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
