package compute

import "math"

// Rand draws an r×c matrix as torch.rand(r, c) does: one Float32 per
// element, row-major.
func (g *Generator) Rand(r, c int) *Matrix {
	m := NewMatrix(r, c)
	for i := range m.Data {
		m.Data[i] = g.Float32()
	}
	return m
}

// kaimingBound is nn.Linear's weight bound, kaiming_uniform_(a=√5) on
// fan_in inputs, computed in float64 exactly as torch/nn/init.py does (it
// equals 1/√fan_in only up to double rounding).
func kaimingBound(fanIn int) float64 {
	a := math.Sqrt(5)
	gain := math.Sqrt(2.0 / (1 + float64(a*a))) // float64(): no fused multiply-add
	std := gain / math.Sqrt(float64(fanIn))
	return math.Sqrt(3.0) * std
}

// Linear draws nn.Linear(in, out, bias)'s parameters as PyTorch's CPU
// default init does: the weight [out][in] row-major from
// uniform_(−bound, bound) with bound = kaimingBound(in), then, with a bias,
// out draws from uniform_(−1/√in, 1/√in).
//
// The weight is returned transposed, in × out, so that Y = X·W + b.
// It panics with "compute: negative dimension" if in or out is negative.
func (g *Generator) Linear(in, out int, bias bool) (w *Matrix, b []float32) {
	bd := float32(kaimingBound(in))
	lo, width := -bd, bd-(-bd)
	// Draw in PyTorch's order into [out][in], then transpose in tiles
	// (writing the transpose directly strides through memory).
	wt := make([]float32, out*in)
	var raw [mtN]uint32
	for k0 := 0; k0 < len(wt); k0 += mtN {
		chunk := wt[k0:min(k0+mtN, len(wt))]
		g.fill(raw[:len(chunk)])
		for k, r := range raw[:len(chunk)] {
			x := float32(r&(1<<24-1)) * (1.0 / (1 << 24))
			chunk[k] = fma32(x, width, lo) // = g.Uniform(-bd, bd)
		}
	}
	w = NewMatrix(in, out)
	const tile = 32
	for o0 := 0; o0 < out; o0 += tile {
		for i0 := 0; i0 < in; i0 += tile {
			for o := o0; o < min(o0+tile, out); o++ {
				for i := i0; i < min(i0+tile, in); i++ {
					w.Data[i*out+o] = wt[o*in+i]
				}
			}
		}
	}
	if bias {
		bb := float32(1 / math.Sqrt(float64(in)))
		b = make([]float32, out)
		for o := range b {
			b[o] = g.Uniform(-bb, bb)
		}
	}
	return w, b
}

// DropoutScale is the factor kept entries are multiplied by:
// 1.0f / float32(1−p), as noise.div_(1−p) makes it on float32 ones.
func DropoutScale(p float64) float32 { return 1 / float32(1-p) }

// mcg31Mod and mcg31Mul are MKL's VSL_BRNG_MCG31 parameters.
const (
	mcg31Mod = 1<<31 - 1
	mcg31Mul = 1132489760
)

// DropoutKeep draws n Bernoulli(1−p) keep decisions as nn.Dropout(p) does
// on PyTorch's CPU, row-major, and returns them
// as 1 (kept) or 0 (dropped). With p = 0 it draws nothing and returns all
// ones.
//
// RNGTorch: two draws per element, u = low 53 bits of Uint64 × 2^-53,
// keep = u < 1−p. RNGMKL (legacy MKL path): one draw in total, the seed of
// an MCG31 stream x₀ = seed mod (2³¹−1) (0 → 1), x_{k+1} = 1132489760·x_k
// mod (2³¹−1), u_k = x_k/(2³¹−1), keep = u_k < 1−p.
func (g *Generator) DropoutKeep(n int, p float64, rng DropoutRNG) []float32 {
	keep := make([]float32, n)
	if p == 0 {
		for i := range keep {
			keep[i] = 1
		}
		return keep
	}
	q := 1 - p
	if rng == RNGMKL {
		x := uint64(g.Uint32()) % mcg31Mod
		if x == 0 {
			x = 1
		}
		for i := range keep {
			if float64(x)/mcg31Mod < q {
				keep[i] = 1
			}
			x = x * mcg31Mul % mcg31Mod
		}
		return keep
	}
	var raw [2 * 312]uint32
	for k0 := 0; k0 < n; k0 += len(raw) / 2 {
		chunk := keep[k0:min(k0+len(raw)/2, n)]
		g.fill(raw[:2*len(chunk)])
		for i := range chunk {
			r64 := uint64(raw[2*i])<<32 | uint64(raw[2*i+1]) // = g.Uint64()
			if float64(r64&(1<<53-1))*(1.0/(1<<53)) < q {    // = g.Float64()
				chunk[i] = 1
			}
		}
	}
	return keep
}

// dropoutUniform returns the uniform number that decided element k of a
// dropout mask whose draws started at g's current state (for an
// inspector: "u = 0.3689 < 0.5, kept"). It advances g.
func (g *Generator) dropoutUniform(k int, rng DropoutRNG) float64 {
	if rng == RNGMKL {
		x := uint64(g.Uint32()) % mcg31Mod
		if x == 0 {
			x = 1
		}
		// x_k = x₀·a^k mod m, by square-and-multiply.
		a, e := uint64(mcg31Mul), k
		for e > 0 {
			if e&1 != 0 {
				x = x * a % mcg31Mod
			}
			a = a * a % mcg31Mod
			e >>= 1
		}
		return float64(x) / mcg31Mod
	}
	for i := 0; i < k; i++ {
		g.Uint64()
	}
	return g.Float64()
}
