package compute

import (
	"fmt"
	"math"
	"runtime"
	"testing"
)

// residentTT counts the distinct T×T matrices r holds now (shared ones
// once): the eager fields plus the on-demand tensors computed so far.
func residentTT(r *Result) int {
	seen := map[*Matrix]bool{}
	add := func(m *Matrix) {
		if m != nil && m.Rows == r.Inputs.Rows && m.Cols == r.Inputs.Rows {
			seen[m] = true
		}
	}
	addLazy := func(l *lazy) { add(l.peek()) }
	addLazy(r.Simple.scores)
	addLazy(r.Simple.weights)
	if n := r.Simple.naive; n != nil {
		addLazy(n.w)
	}
	for _, s := range append([]Single{r.Single}, r.Wrapper.Heads...) {
		add(s.CausalWeights)
		add(s.Dropped)
		for _, l := range []*lazy{s.scores, s.scaled, s.weights, s.masked, s.renorm, s.mask, s.keep} {
			addLazy(l)
		}
	}
	for h := range r.MHA.Weights {
		add(r.MHA.Weights[h])
		add(r.MHA.Dropped[h])
		addLazy(r.MHA.masked[h])
		addLazy(r.MHA.keep[h])
	}
	return len(seen)
}

// touchAll asks for every on-demand tensor of r and returns them (held,
// they stay resident).
func touchAll(r *Result) []*Matrix {
	nw, _ := r.Simple.NaiveWeights()
	held := []*Matrix{r.Simple.Scores(), r.Simple.Weights(), nw}
	for _, s := range append([]Single{r.Single}, r.Wrapper.Heads...) {
		held = append(held, s.Scores(), s.Scaled(), s.Weights(), s.MaskedScores(), s.CausalRenorm(), s.CausalMask(), s.DropoutMask())
	}
	for h := range r.MHA.Weights {
		held = append(held, r.MHA.MaskedScores(h), r.MHA.DropoutMask(h))
	}
	return held
}

// Run keeps only the causal (and, with dropout, the dropped) weights and
// the drawn masks T×T; the rest is computed on first call and stays while
// held (the same matrix on every call), then may be collected; the causal
// mask and the p = 0 all-ones mask are kept once made. The counts are the
// default configuration's (2 wrapper heads, 2 MHA heads; the single module
// is wrapper head 0 when p = 0, its own module otherwise); the full
// counts are what keeping every tensor would hold.
func TestRunKeepsOnlyCausalWeights(t *testing.T) {
	x := seededInput(64, 3)
	for _, c := range []struct {
		p                  float64
		eager, full, masks int
	}{
		{0, 4, 21, 2},    // 2 wrapper + 2 MHA causal weights; all: + 3 simple, 6+5 single/head 1, 2 MHA masked, mask, ones
		{0.5, 15, 36, 1}, // causal, dropped weights and mask of the single module, 2 wrapper and 2 MHA heads
	} {
		cfg := DefaultConfig()
		cfg.Dropout = c.p
		r, err := Run(x, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if n := residentTT(r); n != c.eager {
			t.Errorf("p = %v: Run keeps %d T×T matrices, want %d", c.p, n, c.eager)
		}
		scaled := r.Single.Scaled()
		if n := residentTT(r); n != c.eager+1 {
			t.Errorf("p = %v: after Scaled, %d T×T matrices, want %d", c.p, n, c.eager+1)
		}
		if r.Single.Scaled() != scaled {
			t.Errorf("p = %v: Scaled computed again while held", c.p)
		}
		held := touchAll(r)
		if n := residentTT(r); n != c.full {
			t.Errorf("p = %v: every tensor asked for: %d T×T matrices, want %d", c.p, n, c.full)
		}
		runtime.KeepAlive(held)
		runtime.KeepAlive(scaled)
		held, scaled = nil, nil
		n := 0
		for range 3 { // released: collected (weak pointers cleared by a full GC)
			runtime.GC()
			if n = residentTT(r); n == c.eager+c.masks {
				break
			}
		}
		if n != c.eager+c.masks {
			t.Errorf("p = %v: released, %d T×T matrices stay, want %d (Run's and the masks)", c.p, n, c.eager+c.masks)
		}
		if w := r.Single.Scaled(); w == nil || w.At(3, 1) != scoresOf(r.Single.Queries, r.Single.Keys, float32(math.Sqrt(2))).At(3, 1) {
			t.Errorf("p = %v: Scaled computed again differs", c.p)
		}
	}
}

// BenchmarkRunLive measures the memory target at its source: the heap a
// Result of T = 1024 tokens under the default configuration holds after
// Run (MB-live; the whole process must stay within 60 MB RSS), while a
// reader holds every on-demand tensor (MB-all, what Run used to keep), and
// after the reader lets them go (MB-released: Run's and the masks).
func BenchmarkRunLive(b *testing.B) {
	for _, t := range []int{256, 1024} {
		b.Run(fmt.Sprintf("T=%d", t), func(b *testing.B) {
			x := seededInput(t, 3)
			var live, all, released float64
			for b.Loop() {
				before := heapInUse()
				r, err := Run(x, DefaultConfig())
				if err != nil {
					b.Fatal(err)
				}
				live = heapInUse() - before
				held := touchAll(r)
				all = heapInUse() - before
				runtime.KeepAlive(held)
				held = nil
				released = heapInUse() - before
				runtime.KeepAlive(r)
			}
			b.ReportMetric(live, "MB-live")
			b.ReportMetric(all, "MB-all")
			b.ReportMetric(released, "MB-released")
		})
	}
}

// heapInUse is the live heap in MB after a collection.
func heapInUse() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / 1e6
}

// WeightsRow and ScaledRow give Weights' and Scaled's rows bit for bit
// (FMA kernel) or within float32 rounding, without keeping the matrix.
func TestWeightsRow(t *testing.T) {
	r, err := Run(seededInput(70, 5), Config{DIn: 5, DOut: 4, Heads: 2, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	s := &r.Single
	rows := make([][]float32, 70)
	for i := range rows {
		rows[i] = s.WeightsRow(i)
	}
	if s.weights.resident() {
		t.Fatal("WeightsRow kept the whole matrix")
	}
	if s.WeightsRow(-1) != nil || s.WeightsRow(70) != nil {
		t.Error("rows out of range are not nil")
	}
	for i := range 70 {
		got, want := s.ScaledRow(i), s.Scaled().Row(i)
		for j := range got {
			if d := math.Abs(float64(got[j] - want[j])); d > 1e-6 || useFMA && d != 0 {
				t.Fatalf("scaled row %d col %d: %v, Scaled %v", i, j, got[j], want[j])
			}
		}
	}
	w := s.Weights()
	for i, got := range rows {
		for j, v := range got {
			if d := math.Abs(float64(v - w.At(i, j))); d > 1e-7 || useFMA && d != 0 {
				t.Fatalf("row %d col %d: %v, Weights %v", i, j, v, w.At(i, j))
			}
		}
		if &s.WeightsRow(i)[0] != &w.Row(i)[0] {
			t.Fatal("once Weights is kept, WeightsRow reads it")
		}
	}
	runtime.KeepAlive(w)
}

// Readers on many goroutines get one matrix per tensor.
func TestLazyConcurrent(t *testing.T) {
	r, err := Run(seededInput(100, 3), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	got := make([][]*Matrix, 8)
	done := make(chan int)
	for g := range got {
		go func() {
			got[g] = touchAll(r)
			done <- g
		}()
	}
	for range got {
		<-done
	}
	for g := range got {
		for k := range got[g] {
			if got[g][k] != got[0][k] {
				t.Fatalf("goroutine %d tensor %d: another matrix", g, k)
			}
		}
	}
}
