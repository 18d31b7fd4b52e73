package compute

import "math"

// mt19937 parameters (Matsumoto & Nishimura), as in PyTorch's
// aten/src/ATen/core/MT19937RNGEngine.h.
const (
	mtN         = 624
	mtM         = 397
	mtMatrixA   = 0x9908b0df
	mtUpperMask = 0x80000000
	mtLowerMask = 0x7fffffff
)

// Generator is PyTorch's CPU generator: a plain mt19937 seeded as
// torch.manual_seed does (the seed truncated to 32 bits). Its outputs are
// bit-identical to PyTorch's on x86-64 (the fixtures in testdata/ were
// printed by PyTorch).
//
// The zero value is not usable; call NewGenerator.
type Generator struct {
	state [mtN]uint32
	next  int
	// Draws counts the 32-bit outputs taken since the last seeding, so that
	// tests and the inspector can tell how far into the stream a tensor is.
	Draws int
}

// NewGenerator returns a generator seeded as torch.manual_seed(seed).
func NewGenerator(seed uint64) *Generator {
	g := &Generator{}
	g.Seed(seed)
	return g
}

// Seed reseeds g as torch.manual_seed(seed): only the low 32 bits count.
func (g *Generator) Seed(seed uint64) {
	g.state[0] = uint32(seed)
	for j := 1; j < mtN; j++ {
		p := g.state[j-1]
		g.state[j] = 1812433253*(p^(p>>30)) + uint32(j)
	}
	g.next = mtN // the first call twists
	g.Draws = 0
}

func (g *Generator) twist() {
	s := &g.state
	mix := func(a, b, m uint32) uint32 {
		y := (a & mtUpperMask) | (b & mtLowerMask)
		v := m ^ (y >> 1)
		if y&1 != 0 {
			v ^= mtMatrixA
		}
		return v
	}
	i := 0
	for ; i < mtN-mtM; i++ {
		s[i] = mix(s[i], s[i+1], s[i+mtM])
	}
	for ; i < mtN-1; i++ {
		s[i] = mix(s[i], s[i+1], s[i+mtM-mtN])
	}
	s[mtN-1] = mix(s[mtN-1], s[0], s[mtM-1])
	g.next = 0
}

// Uint32 returns the next tempered 32-bit output (PyTorch's random()).
func (g *Generator) Uint32() uint32 {
	if g.next >= mtN {
		g.twist()
	}
	y := g.state[g.next]
	g.next++
	g.Draws++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// fill sets buf to the next len(buf) outputs of Uint32, in bulk.
func (g *Generator) fill(buf []uint32) {
	for len(buf) > 0 {
		if g.next >= mtN {
			g.twist()
		}
		src := g.state[g.next:min(mtN, g.next+len(buf))]
		for i, y := range src {
			y ^= y >> 11
			y ^= (y << 7) & 0x9d2c5680
			y ^= (y << 15) & 0xefc60000
			y ^= y >> 18
			buf[i] = y
		}
		g.next += len(src)
		g.Draws += len(src)
		buf = buf[len(src):]
	}
}

// Uint64 returns PyTorch's random64(): two outputs, first<<32 | second.
func (g *Generator) Uint64() uint64 {
	hi := uint64(g.Uint32())
	lo := uint64(g.Uint32())
	return hi<<32 | lo
}

// Float32 returns torch.rand's float32 draw: the low 24 bits of one output
// times 2^-24, in [0, 1).
func (g *Generator) Float32() float32 {
	return float32(g.Uint32()&(1<<24-1)) * (1.0 / (1 << 24))
}

// Float64 returns a float64 draw as torch.rand(dtype=torch.float64) makes
// it: the low 53 bits of random64() times 2^-53, in [0, 1).
func (g *Generator) Float64() float64 {
	return float64(g.Uint64()&(1<<53-1)) * (1.0 / (1 << 53))
}

// Uniform returns uniform_(from, to)'s float32 draw as PyTorch's AVX2/AVX512
// kernels compute it: x·(to−from)+from fused into one multiply-add, with x
// the Float32 draw and from, to cast to float32 first.
func (g *Generator) Uniform(from, to float32) float32 {
	return fma32(g.Float32(), to-from, from)
}

// fma32 is C's fmaf: a·b+c rounded once to float32. The product of two
// float32 values is exact in float64; the sum is rounded to odd in float64
// (two extra bits suffice) so that the final rounding to float32 is correct
// even where plain double rounding would not be.
func fma32(a, b, c float32) float32 {
	p := float64(a) * float64(b) // exact: 24+24 significant bits
	s := p + float64(c)
	// TwoSum: e is the exact rounding error of s.
	bv := s - p
	e := (p - (s - bv)) + (float64(c) - bv)
	if bits := math.Float64bits(s); e != 0 && bits&1 == 0 {
		// Round to odd: step one ulp towards the exact value (s ≠ 0
		// here, since a zero sum is exact).
		if (e > 0) == (s > 0) {
			bits++
		} else {
			bits--
		}
		s = math.Float64frombits(bits)
	}
	return float32(s)
}
