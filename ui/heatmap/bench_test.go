package heatmap

import (
	"math/rand/v2"
	"testing"
)

func benchModel(n, w, h int, opts ...Option) Model {
	rng := rand.New(rand.NewPCG(42, 43))
	d := Data{Rows: n, Cols: n, Values: make([]float32, n*n), Scale: Unit, Title: "bench"}
	for i := range d.Values {
		d.Values[i] = rng.Float32()
	}
	m := New(append([]Option{WithData(d), WithSize(w, h), WithRowSums(true)}, opts...)...)
	m.SetCursor(n/2, n/2)
	return m
}

// The View budget is one frame: well under 16 ms at T=256.
func BenchmarkView256_200x60(b *testing.B) {
	m := benchModel(256, 200, 60)
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkView256_400x120(b *testing.B) {
	m := benchModel(256, 400, 120)
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkView256_400x120_NoColor(b *testing.B) {
	m := benchModel(256, 400, 120, WithNoColor(true))
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkView6_80x24(b *testing.B) {
	m := New(WithData(FromMatrix("", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24), WithRowSums(true))
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkViewCompact256_60x30(b *testing.B) {
	m := benchModel(256, 60, 30, WithCompact(true))
	for b.Loop() {
		_ = m.View()
	}
}

// SetData and SetSize carry the precomputation; they run on recompute and
// resize, not per frame.
func BenchmarkSetData256(b *testing.B) {
	m := benchModel(256, 200, 60)
	d := m.Data()
	for b.Loop() {
		m.SetData(d)
	}
}

func BenchmarkSetSize256(b *testing.B) {
	m := benchModel(256, 200, 60)
	for i := 0; b.Loop(); i++ {
		m.SetSize(200+i%2, 60)
	}
}
