package compute

import (
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzRun: any configuration either is a returned error or gives a result
// whose every tensor is finite, except −∞ exactly above the diagonal of the
// masked scores (and the naive softmax when it reports overflow).
func FuzzRun(f *testing.F) {
	f.Add(uint64(123), uint8(6), uint8(3), uint8(2), uint8(2), 0.0, false, false, false, false, uint64(0), 1.0)
	f.Add(uint64(789), uint8(6), uint8(3), uint8(2), uint8(2), 0.5, true, false, true, false, uint64(123), 1.0)
	f.Add(uint64(1), uint8(70), uint8(5), uint8(6), uint8(3), 0.9, false, true, false, true, uint64(7), 300.0)
	f.Add(uint64(0), uint8(1), uint8(1), uint8(1), uint8(1), 0.999, false, true, true, true, uint64(0), 1e-30)
	f.Add(uint64(5), uint8(3), uint8(0), uint8(3), uint8(2), -0.5, false, false, false, false, uint64(0), 1.0)
	f.Fuzz(func(t *testing.T, seed uint64, tt, din, dout, heads uint8, p float64, rnd, bias, reseedOn, mkl bool, dseed uint64, xscale float64) {
		cfg := Config{DIn: int(din % 17), DOut: int(dout % 17), Heads: int(heads % 9), Seed: seed, Dropout: p, QKVBias: bias}
		if rnd {
			cfg.Init = InitRand
		}
		if mkl {
			cfg.DropoutRNG = RNGMKL
		}
		if reseedOn {
			cfg.DropoutSeed = &dseed
		}
		n := int(tt % 80)
		x := NewMatrix(n, max(cfg.DIn, 0))
		if math.IsNaN(xscale) || math.IsInf(xscale, 0) {
			xscale = 1
		}
		// Inputs of any magnitude float32 can hold without the scores
		// overflowing (|x| ≤ 1e9 keeps d_in·x² below float32's max).
		xscale = math.Min(math.Abs(xscale), 1e9)
		rng := rand.New(rand.NewPCG(seed, 1))
		for i := range x.Data {
			x.Data[i] = float32(xscale * (2*rng.Float64() - 1))
		}
		r, err := Run(x, cfg)
		if err != nil {
			return
		}
		finite := func(name string, m *Matrix) {
			for k, v := range m.Data {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
					t.Fatalf("%s[%d] = %v", name, k, v)
				}
			}
		}
		masked := func(name string, m *Matrix) {
			for i := 0; i < m.Rows; i++ {
				for j := 0; j < m.Cols; j++ {
					v := float64(m.At(i, j))
					if math.IsNaN(v) || (j > i) != math.IsInf(v, -1) || math.IsInf(v, 1) {
						t.Fatalf("%s[%d,%d] = %v", name, i, j, v)
					}
				}
			}
		}
		s := &r.Single
		for name, m := range map[string]*Matrix{
			"simple.weights": r.Simple.Weights(), "simple.context": r.Simple.Context,
			"weights": s.Weights(), "context": s.Context, "causal_weights": s.CausalWeights,
			"renorm": s.CausalRenorm(), "dropped": s.Dropped, "causal_context": s.CausalContext,
			"wrapper.context": r.Wrapper.Context, "mha.concat": r.MHA.Concat, "mha.output": r.MHA.Output,
		} {
			finite(name, m)
		}
		if nw, overflow := r.Simple.NaiveWeights(); !overflow { // otherwise non-finite by design, as in PyTorch
			finite("simple.naive_weights", nw)
		}
		masked("single.masked_scores", s.MaskedScores())
		for h := range r.MHA.Weights {
			masked("mha.masked_scores", r.MHA.MaskedScores(h))
			finite("mha.weights", r.MHA.Weights[h])
			finite("mha.dropped", r.MHA.Dropped[h])
		}
	})
}
