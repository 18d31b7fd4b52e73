package compute

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// seededInput is a T×d input with entries uniform in [0, 1), like
// torch.rand in the PyTorch timing script.
func seededInput(t, d int) *Matrix {
	rng := rand.New(rand.NewPCG(123, uint64(t*d)))
	x := NewMatrix(t, d)
	for i := range x.Data {
		x.Data[i] = rng.Float32()
	}
	return x
}

// BenchmarkMHAForward is the MHA module's forward pass alone (eval mode,
// dropout 0, no intermediates kept), the counterpart of
// the PyTorch timing script at T, D, H.
func BenchmarkMHAForward(b *testing.B) {
	for _, bc := range []struct{ t, din, dout, heads int }{
		{6, 3, 2, 2},
		{128, 768, 768, 12},
		{1024, 768, 768, 12},
	} {
		b.Run(fmt.Sprintf("T=%d", bc.t), func(b *testing.B) {
			cfg := Config{DIn: bc.din, DOut: bc.dout, Heads: bc.heads, Seed: 123}
			p, err := NewMHAParams(cfg)
			if err != nil {
				b.Fatal(err)
			}
			x := seededInput(bc.t, bc.din)
			b.ReportAllocs()
			for b.Loop() {
				p.Forward(x)
			}
		})
	}
}

// BenchmarkMHAScaling shows how the forward pass grows with T at d = 768,
// 12 heads, causal, dropout 0: the projections are linear in T,
// the T×T part quadratic (half of it skipped by the mask).
func BenchmarkMHAScaling(b *testing.B) {
	cfg := Config{DIn: 768, DOut: 768, Heads: 12, Seed: 123}
	p, err := NewMHAParams(cfg)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range []int{16, 32, 64, 128, 256, 512, 1024} {
		b.Run(fmt.Sprintf("T=%d", t), func(b *testing.B) {
			x := seededInput(t, cfg.DIn)
			for b.Loop() {
				p.Forward(x)
			}
		})
	}
}

// BenchmarkPipelineBook is what the default launch computes: the book
// sample under the default configuration and book mode's four others.
func BenchmarkPipelineBook(b *testing.B) {
	s123 := uint64(123)
	cfgs := []Config{DefaultConfig()}
	for _, c := range []struct {
		init    Init
		seed    uint64
		dropout float64
		dseed   *uint64
	}{{InitRand, 123, 0, nil}, {InitLinear, 789, 0, nil}, {InitLinear, 789, 0.5, &s123}, {InitLinear, 123, 0, nil}} {
		cfg := DefaultConfig()
		cfg.Init, cfg.Seed, cfg.Dropout, cfg.DropoutSeed = c.init, c.seed, c.dropout, c.dseed
		cfgs = append(cfgs, cfg)
	}
	x := bookX()
	b.ReportAllocs()
	for b.Loop() {
		for _, cfg := range cfgs {
			if _, err := Run(x, cfg); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRun is the whole pipeline (every module, every intermediate
// kept) at the sizes the TUI uses.
func BenchmarkRun(b *testing.B) {
	for _, bc := range []struct{ t, d, heads int }{{256, 64, 4}, {256, 768, 12}} {
		b.Run(fmt.Sprintf("T=%d/d=%d/heads=%d", bc.t, bc.d, bc.heads), func(b *testing.B) {
			cfg := Config{DIn: bc.d, DOut: bc.d, Heads: bc.heads, Seed: 123, Dropout: 0.1}
			x := seededInput(bc.t, bc.d)
			for b.Loop() {
				if _, err := Run(x, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
