package compute

import "math"

// Dropout records how a module's dropout mask was drawn, so that the
// uniform number behind any entry can be shown (Uniform) without keeping
// all of them.
type Dropout struct {
	P     float64    // the dropout rate
	Scale float32    // kept weights are multiplied by this: 1.0f/float32(1−P); 1 when P = 0
	RNG   DropoutRNG // which Bernoulli path the mask follows
	// Reseeded is true when the generator was reseeded (DropoutSeed) just
	// before the mask's draws.
	Reseeded bool
	// Draws is how many 32-bit outputs the mask took from the generator:
	// 0 when P = 0, 2 per element on RNGTorch, 1 on RNGMKL.
	Draws int
	start *Generator // the generator state just before the mask's draws
}

// dropoutSpec is the dropout part of a Config.
type dropoutSpec struct {
	p    float64
	seed *uint64
	rng  DropoutRNG
}

func (c Config) dropout() dropoutSpec {
	return dropoutSpec{p: c.Dropout, seed: c.DropoutSeed, rng: c.DropoutRNG}
}

// reseeded reports whether the masks are drawn after reseeding.
func (d dropoutSpec) reseeded() bool { return d.seed != nil && d.p > 0 }

// draw takes a mask of n entries from g (nothing when p = 0) and records
// where it came from.
func (d dropoutSpec) draw(g *Generator, n int) ([]float32, Dropout) {
	info := Dropout{P: d.p, Scale: 1, RNG: d.rng}
	if d.p == 0 {
		return nil, info
	}
	start := *g
	info.start = &start
	info.Scale = DropoutScale(d.p)
	keep := g.DropoutKeep(n, d.p, d.rng)
	info.Draws = g.Draws - start.Draws
	return keep, info
}

// Uniform returns the uniform number in [0, 1) that decided entry k of the
// mask (row-major; for the MHA module k = h·T·T + i·T + j): the entry is
// kept when it is below 1−P. It returns NaN when P = 0 (nothing was drawn)
// or k is negative. The cost is O(k) draws on the default path.
func (d Dropout) Uniform(k int) float64 {
	if d.start == nil || k < 0 {
		return math.NaN()
	}
	g := *d.start
	return g.dropoutUniform(k, d.RNG)
}
