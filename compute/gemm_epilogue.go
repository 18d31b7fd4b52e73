package compute

import (
	"math"

	"gonum.org/v1/gonum/blas/blas32"
)

// epilogue is what a product applies to each entry of c once computed:
// the bias of the entry's column added (if bias is not nil), then GELU
// (if gelu).
type epilogue struct {
	bias []float32
	gelu bool
}

// apply applies e to v, columns j0… of c.
func (e *epilogue) apply(v []float32, j0 int) {
	var b []float32
	if e.bias != nil {
		b = e.bias[j0 : j0+len(v)]
	}
	if !e.gelu {
		for j := range b {
			v[j] += b[j]
		}
		return
	}
	start := 0
	if useFMA && len(v) >= 8 {
		start = len(v) &^ 7
		biasGELU8(v[:start], b)
	}
	for j := start; j < len(v); j++ {
		u := v[j]
		if b != nil {
			u += b[j]
		}
		v[j] = geluTanh(u)
	}
}

// applyAll applies e (if not nil) to every row of c.
func (e *epilogue) applyAll(c blas32.General) {
	if e == nil {
		return
	}
	for i := 0; i < c.Rows; i++ {
		e.apply(c.Data[i*c.Stride:i*c.Stride+c.Cols], 0)
	}
}

// geluTanh is GELU's tanh form, 0.5·u·(1 + tanh(√(2/π)·(u + 0.044715·u³)))
// (PyTorch's gelu(approximate='tanh'), GPT-2's gelu_new), in float64 as
// u / (1 + exp(−2·√(2/π)·(u + 0.044715·u³))), the same without the
// cancellation of 1 + tanh for negative u.
func geluTanh(u float32) float32 {
	x := float64(u)
	return float32(x / (1 + math.Exp(-2*math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x))))
}

// gemmBias sets c = a·op(b) + bias, bias (len c.Cols) added to every row,
// each tile of c as soon as it is computed (while it is in cache), split
// over goroutines as gemm. Entries equal gemm's followed by the addition.
func gemmBias(c, a, b blas32.General, tb bool, bias []float32) {
	if len(bias) != c.Cols {
		panic("compute: shape mismatch in gemmBias")
	}
	gemmEpilogue(c, a, b, tb, true, &epilogue{bias: bias})
}

// gemmBiasGELU sets c = gelu(a·op(b) + bias) (bias may be nil) with GELU's
// tanh form, GPT-2's MLP activation, fused as gemmBias: with AVX2 eight
// entries at a time through a Cephes exp (within 2e-6 relative or 1e-9
// absolute of geluTanh), elsewhere geluTanh.
func gemmBiasGELU(c, a, b blas32.General, tb bool, bias []float32) {
	if bias != nil && len(bias) != c.Cols {
		panic("compute: shape mismatch in gemmBiasGELU")
	}
	gemmEpilogue(c, a, b, tb, true, &epilogue{bias: bias, gelu: true})
}
