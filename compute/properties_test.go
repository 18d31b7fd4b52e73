package compute

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// rowSumTol: a softmax row of float32 values sums to 1 within a few ulps
// per term; 1e-5 covers rows of up to ~100 terms.
const rowSumTol = 1e-5

// randomCase draws a small valid configuration and input.
func randomCase(rng *rand.Rand) (*Matrix, Config) {
	cfg := DefaultConfig()
	cfg.DIn = 1 + rng.IntN(8)
	cfg.Heads = 1 + rng.IntN(4)
	cfg.DOut = cfg.Heads * (1 + rng.IntN(4))
	if rng.IntN(2) == 0 {
		cfg.Init = InitRand
	}
	cfg.QKVBias = rng.IntN(2) == 0
	cfg.Seed = rng.Uint64()
	cfg.Dropout = []float64{0, 0.1, 0.5, 0.9}[rng.IntN(4)]
	if rng.IntN(3) == 0 {
		s := rng.Uint64()
		cfg.DropoutSeed = &s
	}
	if rng.IntN(2) == 0 {
		cfg.DropoutRNG = RNGMKL
	}
	t := 1 + rng.IntN(70) // crosses rowBlock
	x := NewMatrix(t, cfg.DIn)
	for i := range x.Data {
		x.Data[i] = float32(rng.NormFloat64())
	}
	return x, cfg
}

func checkRowsSumToOne(t *testing.T, name string, m *Matrix) {
	t.Helper()
	for i := 0; i < m.Rows; i++ {
		var s float64
		for _, v := range m.Row(i) {
			s += float64(v)
		}
		if math.Abs(s-1) > rowSumTol {
			t.Fatalf("%s row %d sums to %v", name, i, s)
		}
	}
}

func checkCausalZeros(t *testing.T, name string, m *Matrix) {
	t.Helper()
	for i := 0; i < m.Rows; i++ {
		for j := i + 1; j < m.Cols; j++ {
			if v := m.At(i, j); v != 0 || math.Signbit(float64(v)) {
				t.Fatalf("%s[%d,%d] = %v above the diagonal, want exactly 0", name, i, j, v)
			}
		}
	}
}

func checkMaskedScores(t *testing.T, name string, m *Matrix) {
	t.Helper()
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < m.Cols; j++ {
			v := float64(m.At(i, j))
			if (j > i) != math.IsInf(v, -1) || math.IsNaN(v) {
				t.Fatalf("%s[%d,%d] = %v", name, i, j, v)
			}
		}
	}
}

func sameMatrix(a, b *Matrix) bool {
	return a.Rows == b.Rows && a.Cols == b.Cols && slices.Equal(a.Data, b.Data)
}

func TestPropertiesRandomConfigs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 60; n++ {
		x, cfg := randomCase(rng)
		t.Run(fmt.Sprintf("%d_T%d_%+v", n, x.Rows, cfg), func(t *testing.T) {
			r, err := Run(x, cfg)
			if err != nil {
				t.Fatal(err)
			}
			s := &r.Single
			checkRowsSumToOne(t, "simple.weights", r.Simple.Weights())
			checkRowsSumToOne(t, "single.weights", s.Weights())
			checkRowsSumToOne(t, "single.causal_weights", s.CausalWeights)
			checkRowsSumToOne(t, "single.causal_renorm", s.CausalRenorm())
			checkCausalZeros(t, "single.causal_weights", s.CausalWeights)
			checkCausalZeros(t, "single.causal_renorm", s.CausalRenorm())
			checkCausalZeros(t, "single.dropped", s.Dropped)
			checkMaskedScores(t, "single.masked_scores", s.MaskedScores())

			// The two causal methods agree (within float32 rounding of
			// two different computations).
			for k, v := range s.CausalWeights.Data {
				if d := math.Abs(float64(v - s.CausalRenorm().Data[k])); d > 1e-5 {
					t.Fatalf("causal weights and renormalised differ by %v at %d", d, k)
				}
			}
			// Dropout: kept entries scaled, dropped entries 0, mask 0/1.
			for k, w := range s.CausalWeights.Data {
				m, d := s.DropoutMask().Data[k], s.Dropped.Data[k]
				switch {
				case m == 1 && d != w*s.Dropout.Scale, m == 0 && d != 0, m != 0 && m != 1:
					t.Fatalf("dropout entry %d: weight %v mask %v dropped %v", k, w, m, d)
				}
			}

			for h := range r.MHA.Weights {
				checkRowsSumToOne(t, "mha.weights", r.MHA.Weights[h])
				checkCausalZeros(t, "mha.weights", r.MHA.Weights[h])
				checkCausalZeros(t, "mha.dropped", r.MHA.Dropped[h])
				checkMaskedScores(t, "mha.masked_scores", r.MHA.MaskedScores(h))
			}
			for h := range r.Wrapper.Heads {
				checkCausalZeros(t, "wrapper.weights", r.Wrapper.Heads[h].Dropped)
			}

			// Wrapper head 0 is the single module with linear init.
			lin := cfg
			lin.Init = InitLinear
			rl, err := Run(x, lin)
			if err != nil {
				t.Fatal(err)
			}
			w0, sl := &r.Wrapper.Heads[0], &rl.Single
			pairs := [][2]*Matrix{
				{w0.WQuery, sl.WQuery}, {w0.WKey, sl.WKey}, {w0.WValue, sl.WValue},
				{w0.MaskedScores(), sl.MaskedScores()}, {w0.CausalWeights, sl.CausalWeights},
			}
			// The masks agree too unless other heads' init draws come
			// between head 0's weights and its mask (PyTorch builds every
			// head before the forward pass).
			if cfg.Dropout == 0 || cfg.Heads == 1 || cfg.DropoutSeed != nil {
				pairs = append(pairs, [][2]*Matrix{
					{w0.DropoutMask(), sl.DropoutMask()}, {w0.Dropped, sl.Dropped}, {w0.CausalContext, sl.CausalContext},
				}...)
			}
			for _, p := range pairs {
				if !sameMatrix(p[0], p[1]) {
					t.Fatal("wrapper head 0 differs from the single module with linear init")
				}
			}
			// MHA head h's Q is columns h·hd… of the single module's Q
			// (same seed, linear init: W_query is the first draw of both).
			hd := r.MHA.HeadDim
			for h, qh := range r.MHA.Queries {
				for i := 0; i < qh.Rows; i++ {
					if !slices.Equal(qh.Row(i), sl.Queries.Row(i)[h*hd:(h+1)*hd]) {
						t.Fatalf("mha head %d queries row %d differ from single's columns", h, i)
					}
				}
			}
			// Draw counts: p = 0 draws nothing.
			wantDraws := 0
			if cfg.Dropout > 0 {
				wantDraws = 2 * x.Rows * x.Rows
				if cfg.DropoutRNG == RNGMKL {
					wantDraws = 1
				}
			}
			if s.Dropout.Draws != wantDraws {
				t.Fatalf("single dropout took %d draws, want %d", s.Dropout.Draws, wantDraws)
			}
			if cfg.Dropout == 0 && !math.IsNaN(s.Dropout.Uniform(0)) {
				t.Fatal("p = 0: Uniform should be NaN")
			}
		})
	}
}

// With p = 0 nothing is drawn: the dropout seed and path change nothing,
// and every mask is all ones.
func TestZeroDropoutIgnoresSeedAndPath(t *testing.T) {
	x, cfg := randomCase(rand.New(rand.NewPCG(3, 4)))
	cfg.Dropout, cfg.DropoutSeed, cfg.DropoutRNG = 0, nil, RNGTorch
	a, err := Run(x, cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := uint64(99)
	cfg.DropoutSeed, cfg.DropoutRNG = &s, RNGMKL
	b, err := Run(x, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !sameMatrix(a.MHA.Output, b.MHA.Output) || !sameMatrix(a.Single.CausalContext, b.Single.CausalContext) ||
		!sameMatrix(a.Wrapper.Context, b.Wrapper.Context) {
		t.Error("p = 0 results depend on the dropout seed or path")
	}
	for _, v := range a.MHA.DropoutMask(0).Data {
		if v != 1 {
			t.Fatal("p = 0 mask is not all ones")
		}
	}
}

// The fast forward path equals Run's MHA output.
func TestMHAForwardMatchesRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 10; n++ {
		x, cfg := randomCase(rng)
		cfg.Dropout = 0
		r, err := Run(x, cfg)
		if err != nil {
			t.Fatal(err)
		}
		p, err := NewMHAParams(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Forward(x); !sameMatrix(got, r.MHA.Output) {
			t.Fatalf("case %d: Forward differs from Run's MHA output", n)
		}
	}
}

func TestCellIngredients(t *testing.T) {
	s123 := uint64(123)
	r := book(t, InitLinear, 789, 0.5, &s123)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			c := r.Single.Cell(i, j)
			var sum float32
			for _, p := range c.Products {
				sum += p
			}
			if math.Abs(float64(sum-c.Score)) > 1e-6 {
				t.Errorf("(%d,%d): products sum to %v, score %v", i, j, sum, c.Score)
			}
			if c.Masked != (j > i) || c.Kept != (c.Uniform < 0.5) || c.Dropped != r.Single.Dropped.At(i, j) {
				t.Errorf("(%d,%d): %+v", i, j, c)
			}
		}
	}
	c := r.MHA.Cell(1, 5, 2)
	if c.Weight != r.MHA.Weights[1].At(5, 2) || c.Kept != (r.MHA.DropoutMask(1).At(5, 2) == 1) {
		t.Errorf("mha cell: %+v", c)
	}
}

// The naive softmax overflows where the stable one does not.
func TestNaiveSoftmaxOverflow(t *testing.T) {
	x := NewMatrixFrom(2, 1, []float32{1, 10}) // ω = 100 > 88.7
	s := SimpleAttention(x)
	nw, overflow := s.NaiveWeights()
	if !overflow {
		t.Fatal("want the naive softmax to overflow")
	}
	checkRowsSumToOne(t, "stable weights", s.Weights())
	if w := nw.At(1, 1); !math.IsNaN(float64(w)) {
		t.Errorf("naive weight of the overflowing entry = %v, want NaN (Inf/Inf) as PyTorch", w)
	}
}

func TestRunErrors(t *testing.T) {
	good := DefaultConfig()
	bad := DefaultConfig()
	bad.DOut = 3 // not divisible by 2 heads
	nan := bookX()
	nan.Data[4] = float32(math.NaN())
	huge := DefaultConfig()
	huge.DIn, huge.DOut, huge.Heads = 8, 4096, 256
	for _, tc := range []struct {
		name string
		x    *Matrix
		cfg  Config
	}{
		{"bad config", bookX(), bad},
		{"nil input", nil, good},
		{"empty input", NewMatrix(0, 3), good},
		{"wrong width", NewMatrix(6, 4), good},
		{"non-finite input", nan, good},
		{"too large", NewMatrix(4000, 8), huge},
	} {
		if _, err := Run(tc.x, tc.cfg); err == nil {
			t.Errorf("%s: want an error", tc.name)
		}
	}
}

// Results do not depend on the number of threads: render must give the
// same bytes for the same flags.
func TestRunDeterministicAcrossThreads(t *testing.T) {
	x := seededInput(100, 64)
	cfg := Config{DIn: 64, DOut: 96, Heads: 4, Seed: 9, Dropout: 0.2}
	prev := runtime.GOMAXPROCS(1)
	a, err := Run(x, cfg)
	runtime.GOMAXPROCS(4)
	b, err2 := Run(x, cfg)
	runtime.GOMAXPROCS(prev)
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	for name, p := range map[string][2]*Matrix{
		"single.causal_context": {a.Single.CausalContext, b.Single.CausalContext},
		"wrapper.context":       {a.Wrapper.Context, b.Wrapper.Context},
		"mha.output":            {a.MHA.Output, b.MHA.Output},
		"mha.weights[3]":        {a.MHA.Weights[3], b.MHA.Weights[3]},
	} {
		if !sameMatrix(p[0], p[1]) {
			t.Errorf("%s differs between 1 and 4 threads", name)
		}
	}
}
