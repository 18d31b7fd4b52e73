package compute

import (
	"math"
	"testing"
)

// geluRef is GELU's tanh form in float64, as PyTorch's formula reads.
func geluRef(x float64) float64 {
	return 0.5 * x * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x)))
}

// GELU through the fused product (x·[1] with GELU applied, on every
// kernel path) is within a few float32 ulp of the float64 formula over the
// range a hidden layer holds, and exact at 0 and in the saturated tails.
func TestGELU(t *testing.T) {
	var x, want []float32
	for v := -12.0; v <= 12; v += 0.001953125 {
		x = append(x, float32(v))
		want = append(want, float32(geluRef(float64(float32(v)))))
	}
	x = append(x, 0, -200, 200)
	want = append(want, 0, 0, 200)
	for _, k := range availableKernels() {
		restore := setKernel(k)
		got := NewMatrix(len(x), 1)
		gemmBiasGELU(got.general(), NewMatrixFrom(len(x), 1, x).general(), NewMatrixFrom(1, 1, []float32{1}).general(), false, nil)
		restore()
		for i, g := range got.Data {
			d := math.Abs(float64(g) - float64(want[i]))
			if d > 1e-6*math.Abs(float64(want[i]))+5e-7 { // the tails, where PyTorch's float32 1 + tanh(u) keeps only |x|·6e-8
				t.Fatalf("%s: gelu(%g) = %g, want %g", k, x[i], g, want[i])
			}
		}
	}
}

// layerNormRow matches a float64 LayerNorm, including rows with a large
// mean (the two-pass variance), and a constant row gives the bias.
func TestLayerNormRow(t *testing.T) {
	x := make([]float32, 768)
	g, b := make([]float32, 768), make([]float32, 768)
	for i := range x {
		x[i] = 1000 + float32(math.Sin(float64(i)))
		g[i], b[i] = 1+float32(i%7)/10, float32(i%5)/10
	}
	out := make([]float32, 768)
	layerNormRow(out, x, g, b, 1e-5)
	var mean, v float64
	for _, xv := range x {
		mean += float64(xv)
	}
	mean /= 768
	for _, xv := range x {
		v += (float64(xv) - mean) * (float64(xv) - mean)
	}
	v /= 768
	for i := range x {
		want := (float64(x[i])-mean)/math.Sqrt(v+1e-5)*float64(g[i]) + float64(b[i])
		if d := math.Abs(float64(out[i]) - want); d > 1e-6*math.Abs(want)+1e-6 {
			t.Fatalf("entry %d: %g, want %g", i, out[i], want)
		}
	}
	for i := range x {
		x[i] = 5
	}
	layerNormRow(out, x, g, nil, 1e-5)
	for i, o := range out {
		if o != 0 {
			t.Fatalf("constant row: entry %d = %g, want 0", i, o)
		}
	}
}
