package modelview

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/checkpoint"
	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/internal/cputime"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/headgrid"
)

// gpt2Small is GPT-2 small's shape.
var gpt2Small = compute.GPT2Config{D: 768, Heads: 12, Layers: 12, Vocab: 50257, Context: 1024, Eps: 1e-5}

// randomGPT2 is a model of shape cfg with seeded uniform random weights
// scaled as the compute package's benchmarks scale them (attention neither
// flat nor one-hot), built in memory.
func randomGPT2(cfg compute.GPT2Config, seed uint64) *compute.GPT2Params {
	rng := rand.New(rand.NewPCG(seed, 7))
	fill := func(x []float32, mean, sd float64) []float32 {
		a := sd * math.Sqrt(3)
		for i := range x {
			x[i] = float32(mean + a*(2*rng.Float64()-1))
		}
		return x
	}
	vec := func(n int, mean, sd float64) []float32 { return fill(make([]float32, n), mean, sd) }
	mat := func(r, c int, sd float64) *compute.Matrix {
		m := compute.NewMatrix(r, c)
		fill(m.Data, 0, sd)
		return m
	}
	d := cfg.D
	rd := 1 / math.Sqrt(float64(d))
	p := &compute.GPT2Params{Config: cfg, TokenEmb: mat(cfg.Vocab, d, 0.5), PosEmb: mat(cfg.Context, d, 0.2),
		LNFGain: vec(d, 1, 0.1), LNFBias: vec(d, 0, 0.1)}
	for range cfg.Layers {
		p.Blocks = append(p.Blocks, compute.GPT2Block{
			LN1Gain: vec(d, 1, 0.1), LN1Bias: vec(d, 0, 0.1), LN2Gain: vec(d, 1, 0.1), LN2Bias: vec(d, 0, 0.1),
			Attn:    compute.Linear{W: mat(d, 3*d, 3*rd), B: vec(3*d, 0, 0.2)},
			Proj:    compute.Linear{W: mat(d, d, rd), B: vec(d, 0, 0.1)},
			FC:      compute.Linear{W: mat(d, 4*d, rd), B: vec(4*d, 0, 0.1)},
			MLPProj: compute.Linear{W: mat(4*d, d, rd/2), B: vec(d, 0, 0.1)},
		})
	}
	p.Head = p.TokenEmb
	return p
}

var smallParams = sync.OnceValue(func() *compute.GPT2Params { return randomGPT2(gpt2Small, 1) })

// smallScene is GPT-2 small (random weights) run on t tokens of text.
func smallScene(b *testing.B, t int) *pipeline.ModelScene {
	b.Helper()
	words := make([]string, t)
	for i := range words {
		words[i] = []string{" the", " cat", " sat", " on", " a", " mat", " and", " it", " was", " tired"}[i%10] // one token each in gpt2
	}
	req := pipeline.ModelRequest{Spec: "gpt2-small-random", Text: strings.Join(words, "")}
	toks, notice, err := pipeline.ModelTokens(req, gpt2Small.Context)
	if err != nil || len(toks) != t {
		b.Fatalf("%d tokens, want %d (%v)", len(toks), t, err)
	}
	ids := make([]int, len(toks))
	for i, tok := range toks {
		ids[i] = tok.ID
	}
	p := smallParams()
	tr, err := p.Trace(context.Background(), ids, compute.TraceOptions{})
	if err != nil {
		b.Fatal(err)
	}
	mod := &checkpoint.Model{Params: p, Info: checkpoint.Info{Name: "gpt2-small-random", Format: "safetensors",
		Dtype: "F32", Naming: "hf", Config: gpt2Small}}
	return &pipeline.ModelScene{Request: req, Model: mod, Tokens: toks, Notice: notice, Trace: tr}
}

// headViewAt is model mode at 120×40 on the head view of (layer, head), with
// the layer and every thumbnail computed.
func headViewAt(b *testing.B, sc *pipeline.ModelScene, layer, head int) Model {
	b.Helper()
	m := New(WithScene(sc), WithSelection(2, layer, head))
	m.SetSize(120, 40)
	m = drive(b, m, m.Init()())
	if !m.hv.ready || len(m.thumbs) != sc.Model.Info.Config.Layers {
		b.Fatalf("head view not ready (%v) or %d thumbnails", m.hv.ready, len(m.thumbs))
	}
	return m
}

// BenchmarkModelKeys is model mode's keys on GPT-2 small (random weights,
// built in memory) at T = 256, 120×40, on the head view: Update + View per
// key, p99 reported (the target is one frame, 16 ms) with the p99 of the
// UI thread's CPU time (what a key costs on an idle machine), for a head
// switch and for a layer switch between two layers already computed.
func BenchmarkModelKeys(b *testing.B) {
	sc := smallScene(b, 256)
	m := headViewAt(b, sc, 0, 0)
	m = drive(b, m, keyPress("]")) // layer 1 computed too: the views keep layers 0 and 1
	if m.cache.get(0) == nil || m.cache.get(1) == nil {
		b.Fatal("layers 0 and 1 are not both kept")
	}
	for _, c := range []struct {
		name string
		keys []string
	}{
		{"head-switch", []string{">", "<"}},
		{"layer-switch-computed", []string{"[", "]"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			mm := m
			var lat, cpu []time.Duration
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				t0, c0 := time.Now(), cputime.Thread()
				var cmd tea.Cmd
				mm, cmd = mm.Update(keyPress(c.keys[i%len(c.keys)]))
				_ = mm.Render()
				lat, cpu = append(lat, time.Since(t0)), append(cpu, cputime.Thread()-c0)
				if cmd != nil {
					b.Fatal("a computed layer was asked for again")
				}
			}
			reportP99(b, lat, "p99-ms")
			reportP99(b, cpu, "p99-cpu-ms")
		})
	}
}

// BenchmarkModelLayerSwitch is a layer switch to a layer not yet computed
// (GPT-2 small, random weights, T = 256, head view at 120×40): the key's
// Update + View (the old layer stays on screen), then the command that
// recomputes the layer and the Update + View that lands it. p99 of the
// whole, from the key to the new layer on screen (target 60 ms), of the
// key alone (target 16 ms), and of the process's CPU time over the whole
// (the command's work is spread over the cores: on an idle machine of n
// cores the whole takes about its CPU time over n, where a loaded one
// adds the wait for a core).
func BenchmarkModelLayerSwitch(b *testing.B) {
	sc := smallScene(b, 256)
	m := headViewAt(b, sc, 0, 0)
	layers := sc.Model.Info.Config.Layers
	var lat, keyLat, cpu []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		if m.layer == layers-1 { // back to layer 0, long evicted, off the clock
			b.StopTimer()
			m = drive(b, m, headgrid.ZoomMsg{Layer: 0, Head: 0})
			b.StartTimer()
		}
		old := m.hv.key.layer
		t0, c0 := time.Now(), cputime.Process()
		var cmd tea.Cmd
		m, cmd = m.Update(keyPress("]"))
		_ = m.Render()
		keyLat = append(keyLat, time.Since(t0))
		if cmd == nil || m.hv.key.layer != old {
			b.Fatalf("layer %d: computed already, or the old layer left the screen", m.layer)
		}
		msg, ok := cmd().(layerMsg)
		if !ok {
			b.Fatal("the key's command did not bring the layer")
		}
		m, _ = m.Update(msg)
		_ = m.Render()
		lat, cpu = append(lat, time.Since(t0)), append(cpu, cputime.Process()-c0)
		if ly := m.hv.key.layer; ly == nil || ly.Index != m.layer {
			b.Fatalf("layer %d not on screen after it landed", m.layer)
		}
	}
	reportP99(b, lat, "p99-ms")
	reportP99(b, keyLat, "key-p99-ms")
	reportP99(b, cpu, "p99-cpu-ms")
}

// reportP99 reports the 99th percentile of the latencies as metric unit.
func reportP99(b *testing.B, lat []time.Duration, unit string) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[(len(lat)*99)/100].Microseconds())/1000, unit)
}
