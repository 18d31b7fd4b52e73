package compute

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/attnscope/attnscope/internal/cputime"
)

// randomGPT2 builds a GPT-2-shaped model with seeded random weights, each
// tensor uniform with the standard deviation make_weights in
// scripts/gpt2ref (and the PyTorch benchmark's generator) gives it, so
// attention is neither flat nor one-hot.
func randomGPT2(cfg GPT2Config, seed uint64) *GPT2Params {
	rng := rand.New(rand.NewPCG(seed, 7))
	fill := func(x []float32, mean, sd float64) []float32 {
		a := sd * math.Sqrt(3)
		for i := range x {
			x[i] = float32(mean + a*(2*rng.Float64()-1))
		}
		return x
	}
	vec := func(n int, mean, sd float64) []float32 { return fill(make([]float32, n), mean, sd) }
	mat := func(r, c int, sd float64) *Matrix { m := NewMatrix(r, c); fill(m.Data, 0, sd); return m }
	d := cfg.D
	rd := 1 / math.Sqrt(float64(d))
	p := &GPT2Params{Config: cfg, TokenEmb: mat(cfg.Vocab, d, 0.5), PosEmb: mat(cfg.Context, d, 0.2),
		LNFGain: vec(d, 1, 0.1), LNFBias: vec(d, 0, 0.1)}
	for range cfg.Layers {
		p.Blocks = append(p.Blocks, GPT2Block{
			LN1Gain: vec(d, 1, 0.1), LN1Bias: vec(d, 0, 0.1), LN2Gain: vec(d, 1, 0.1), LN2Bias: vec(d, 0, 0.1),
			Attn:    Linear{W: mat(d, 3*d, 3*rd), B: vec(3*d, 0, 0.2)},
			Proj:    Linear{W: mat(d, d, rd), B: vec(d, 0, 0.1)},
			FC:      Linear{W: mat(d, 4*d, rd), B: vec(4*d, 0, 0.1)},
			MLPProj: Linear{W: mat(4*d, d, rd/2), B: vec(d, 0, 0.1)},
		})
	}
	p.Head = p.TokenEmb
	return p
}

// gpt2Small is GPT-2 small's shape.
var gpt2Small = GPT2Config{D: 768, Heads: 12, Layers: 12, Vocab: 50257, Context: 1024, Eps: 1e-5}

var smallOnce = sync.OnceValue(func() *GPT2Params { return randomGPT2(gpt2Small, 1) })

// benchIDs are the PyTorch benchmark's ids: i·7919 mod 50257.
func benchIDs(t int) []int {
	ids := make([]int, t)
	for i := range ids {
		ids[i] = i * 7919 % 50257
	}
	return ids
}

// BenchmarkGPT2Forward is a whole GPT-2-small forward pass keeping what a
// trace keeps (every layer's attention available through Layer, the head
// scores computed) on the ids i·7919 mod 50257: the counterpart of a
// PyTorch forward pass that keeps every layer's attention.
func BenchmarkGPT2Forward(b *testing.B) {
	p := smallOnce()
	for _, t := range []int{64, 256, 1024} {
		b.Run(fmt.Sprintf("T=%d", t), func(b *testing.B) {
			ids := benchIDs(t)
			b.ReportAllocs()
			cpu0 := int64(cputime.Process())
			for b.Loop() {
				if _, err := p.Trace(context.Background(), ids, TraceOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			// The process's CPU time per pass: on a shared machine it moves
			// far less than the wall-clock time.
			b.ReportMetric(float64(int64(cputime.Process())-cpu0)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkGPT2Layer is one layer's attention recomputed from a trace
// (what a viewer pays when it switches to a layer not in the cache).
func BenchmarkGPT2Layer(b *testing.B) {
	p := smallOnce()
	for _, t := range []int{256, 1024} {
		b.Run(fmt.Sprintf("T=%d", t), func(b *testing.B) {
			tr, err := p.Trace(context.Background(), benchIDs(t), TraceOptions{CacheLayers: 1})
			if err != nil {
				b.Fatal(err)
			}
			l := 0
			for b.Loop() {
				tr.Layer(l % 2) // alternate: always a miss with a cache of 1
				l++
			}
		})
	}
}
