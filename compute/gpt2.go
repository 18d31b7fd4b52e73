package compute

import (
	"context"
	"fmt"
	"sync"
)

// TraceOptions tune (*GPT2Params).Trace.
type TraceOptions struct {
	// OnStart, if not nil, is called on the calling goroutine once, before
	// the first block, with the trace being filled in: a viewer may draw
	// layers before the pass ends. Its Layer(0) is ready then, Layer(l+1)
	// and the head scores of layer l once OnLayer(l) has been called; the
	// rest of the trace only when Trace returns it. Layer may be called
	// from other goroutines meanwhile (it has its own working memory).
	OnStart func(tr *GPT2Trace)
	// OnLayer, if not nil, is called on the calling goroutine after block
	// l (from 0) has finished, before the next one starts.
	OnLayer func(l int)
	// CacheLayers is how many recomputed layers GPT2Trace.Layer keeps (the
	// most recently used); 0 means as many as fit in 64 MiB, from 1 to 3
	// (3 up to T = 512 for GPT-2 small, 1 at T = 1024).
	CacheLayers int
}

// GPT2Metrics are the per-head scores of a forward pass, each [layer][head]
// (definitions in docs/model-mode.md): the previous-token, duplicate-token
// and induction detectors (each Σ A⊙P / Σ A over the head's whole T×T
// pattern A), the mean weight on position 0, and the mean row entropy in
// nats.
type GPT2Metrics struct {
	PreviousToken, DuplicateToken, Induction, FirstToken, Entropy [][]float32
}

// Trace runs the model forward (eval mode, float32) on the token ids and
// keeps what is cheap: every block's residual input, the final LayerNorm
// output, the last position's logits and the head scores, computed during
// the pass. Each layer's attention is recomputed on demand by Layer.
//
// A nil Head is the token embedding (a tied output head). Trace returns
// an error, never panics, for invalid parameters (Validate),
// no ids, more ids than the context, an id outside the vocabulary, or
// ctx's error when ctx is cancelled (checked before each block).
func (p *GPT2Params) Trace(ctx context.Context, ids []int, opt TraceOptions) (*GPT2Trace, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	cfg := p.Config
	if len(ids) == 0 {
		return nil, fmt.Errorf("compute: no tokens")
	}
	if len(ids) > cfg.Context {
		return nil, fmt.Errorf("compute: %d tokens exceed the context of %d", len(ids), cfg.Context)
	}
	for i, id := range ids {
		if id < 0 || id >= cfg.Vocab {
			return nil, fmt.Errorf("compute: token %d (position %d) is outside the vocabulary of %d", id, i, cfg.Vocab)
		}
	}
	tr := newGPT2Trace(p, ids, opt)
	w := getGPT2Work(cfg, len(ids))
	tm := newTokenMatches(ids)
	w.matches = &tm
	defer func() { w.matches = nil; gpt2Pool.Put(w) }()
	p.embed(tr.Residual[0], w.h, ids)
	if opt.OnStart != nil {
		opt.OnStart(tr)
	}
	for l := range cfg.Layers {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p.block(l, tr, w)
		if opt.OnLayer != nil {
			opt.OnLayer(l)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	head := p.Head
	if head == nil {
		head = p.TokenEmb
	}
	matVecT(tr.Logits, head, tr.Final.Row(len(ids)-1))
	return tr, nil
}

// gpt2Work is a forward pass's working memory, reused from pass to pass
// of the same shape: h the LayerNorm output, qkv the projections, ctx the
// heads' contexts, mid the residual stream between attention and MLP, tmp
// a product's output, fc the MLP's hidden layer.
type gpt2Work struct {
	d, heads, t      int
	h, ctx, mid, tmp *Matrix
	qkv, fc          *Matrix
	scratch          []headScratch
	stats            []headStats
	matches          *tokenMatches // the ids' detector patterns, during a pass
}

var gpt2Pool sync.Pool

func getGPT2Work(cfg GPT2Config, t int) *gpt2Work {
	if w, ok := gpt2Pool.Get().(*gpt2Work); ok && w.d == cfg.D && w.heads == cfg.Heads && w.t == t {
		return w
	}
	d, hd := cfg.D, cfg.D/cfg.Heads
	w := &gpt2Work{d: d, heads: cfg.Heads, t: t,
		h: NewMatrix(t, d), ctx: NewMatrix(t, d), mid: NewMatrix(t, d), tmp: NewMatrix(t, d),
		qkv: NewMatrix(t, 3*d), fc: NewMatrix(t, 4*d),
		scratch: make([]headScratch, cfg.Heads), stats: make([]headStats, cfg.Heads)}
	for h := range w.scratch {
		w.scratch[h] = newHeadScratch(t, hd)
	}
	return w
}

// embed sets x = wte[ids] + wpe[0:T] and h = LN₁ of block 0 (x).
func (p *GPT2Params) embed(x, h *Matrix, ids []int) {
	b := &p.Blocks[0]
	parallelRows(len(ids), 32, func(r0, r1 int) {
		for i := r0; i < r1; i++ {
			xr := x.Row(i)
			residualAdd(xr, p.TokenEmb.Row(ids[i]), p.PosEmb.Row(i), nil)
			layerNormRow(h.Row(i), xr, b.LN1Gain, b.LN1Bias, p.Config.Eps)
		}
	})
}

// block runs block l on tr.Residual[l], whose LN₁ is in w.h, into
// tr.Residual[l+1], leaving the next block's LN₁ (or the final LayerNorm,
// in tr.Final) in w.h, and block l's head scores in tr.Metrics.
func (p *GPT2Params) block(l int, tr *GPT2Trace, w *gpt2Work) {
	b, eps := &p.Blocks[l], p.Config.Eps
	x, next := tr.Residual[l], tr.Residual[l+1]
	p.attention(l, w.h, w.qkv, w.ctx, w)
	tr.setMetrics(l, w.stats)

	gemm(w.tmp.general(), w.ctx.general(), b.Proj.W.general(), false)
	parallelRows(w.t, 16, func(r0, r1 int) {
		for i := r0; i < r1; i++ {
			m := w.mid.Row(i)
			residualAdd(m, x.Row(i), w.tmp.Row(i), b.Proj.B)
			layerNormRow(w.h.Row(i), m, b.LN2Gain, b.LN2Bias, eps)
		}
	})

	linearGELU(w.fc, w.h, b.FC)
	gemm(w.tmp.general(), w.fc.general(), b.MLPProj.W.general(), false)

	gain, bias, out := p.LNFGain, p.LNFBias, tr.Final
	if l+1 < len(p.Blocks) {
		gain, bias, out = p.Blocks[l+1].LN1Gain, p.Blocks[l+1].LN1Bias, w.h
	}
	parallelRows(w.t, 16, func(r0, r1 int) {
		for i := r0; i < r1; i++ {
			xr := next.Row(i)
			residualAdd(xr, w.mid.Row(i), w.tmp.Row(i), b.MLPProj.B)
			layerNormRow(out.Row(i), xr, gain, bias, eps)
		}
	})
}

// attention computes block l's q | k | v = h·W_attn + b_attn into qkv and
// each head's causal attention, heads in parallel: the contexts into ctx
// (when it is not nil), the weights into weights[head] (when weights is
// not nil), the head scores into w.stats (when computing contexts).
func (p *GPT2Params) attention(l int, h, qkv, ctx *Matrix, w *gpt2Work, weights ...*Matrix) {
	b := &p.Blocks[l]
	linearBias(qkv, h, b.Attn)
	d, nh := p.Config.D, p.Config.Heads
	hd := d / nh
	parallelFor(nh, func(hh int) {
		job := headJob{
			q: cols(qkv, hh*hd, (hh+1)*hd), k: cols(qkv, d+hh*hd, d+(hh+1)*hd), v: cols(qkv, 2*d+hh*hd, 2*d+(hh+1)*hd),
		}
		if ctx != nil {
			job.ctx = cols(ctx, hh*hd, (hh+1)*hd)
			w.stats[hh] = headStats{}
			job.stats, job.matches = &w.stats[hh], w.matches
		}
		if weights != nil {
			job.weights = weights[hh]
		}
		job.run(&w.scratch[hh])
	})
}
