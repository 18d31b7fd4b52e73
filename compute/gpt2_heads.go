package compute

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// HeadWeights calls fn(h, w) once for every head h of block l (from 0)
// with the head's causal weights w (T×T, zeros above the diagonal), the
// same as Layer(l).Weights[h]. A layer Layer keeps is read as it is;
// otherwise the weights are recomputed one head at a time into a matrix
// that is reused once fn returns, so a whole layer is never held: this is
// how a viewer summarises every layer (pooled thumbnails) at large T.
// Nothing is cached. fn may be called from several goroutines at once
// (different heads). It panics with "compute: layer out of range" unless
// 0 ≤ l < Layers.
func (tr *GPT2Trace) HeadWeights(l int, fn func(h int, w *Matrix)) {
	if l < 0 || l >= tr.Config.Layers {
		panic("compute: layer out of range")
	}
	if ly := tr.cachedLayer(l); ly != nil {
		for h, w := range ly.Weights {
			fn(h, w)
		}
		return
	}
	p, c := tr.params, tr.Config
	x := tr.Residual[l]
	t, hd := x.Rows, c.D/c.Heads
	w := getAttnWork(c, t)
	defer attnPool.Put(w)
	b := &p.Blocks[l]
	layerNorm(w.h, x, b.LN1Gain, b.LN1Bias, c.Eps)
	linearBias(w.qkv, w.h, b.Attn)
	d := c.D
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), c.Heads) {
		wg.Go(func() {
			buf := getSquare(t)
			defer squarePool.Put(buf)
			for {
				hh := int(next.Add(1)) - 1
				if hh >= c.Heads {
					return
				}
				job := headJob{q: cols(w.qkv, hh*hd, (hh+1)*hd), k: cols(w.qkv, d+hh*hd, d+(hh+1)*hd),
					v: cols(w.qkv, 2*d+hh*hd, 2*d+(hh+1)*hd), weights: buf}
				job.run(&w.scratch[hh])
				fn(hh, buf)
			}
		})
	}
	wg.Wait()
}

// cachedLayer is layer l when Layer keeps it, else nil; it does not change
// the order of the kept layers.
func (tr *GPT2Trace) cachedLayer(l int) *GPT2Layer {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for _, c := range tr.cached {
		if c.Index == l {
			return c
		}
	}
	return nil
}

// squarePool holds T×T matrices for HeadWeights, so that summarising every
// layer reuses a few instead of leaving one per head to the collector.
var squarePool sync.Pool

func getSquare(t int) *Matrix {
	if m, ok := squarePool.Get().(*Matrix); ok && m.Rows == t {
		return m
	}
	return NewMatrix(t, t)
}

// attnPool holds the working memory of recomputing a layer's attention:
// a gpt2Work with only h, qkv and the heads' scratch (a third of a forward
// pass's at T = 1024), so that the forward pass's may be collected once
// the pass is over.
var attnPool sync.Pool

func getAttnWork(c GPT2Config, t int) *gpt2Work {
	if w, ok := attnPool.Get().(*gpt2Work); ok && w.d == c.D && w.heads == c.Heads && w.t == t {
		return w
	}
	w := &gpt2Work{d: c.D, heads: c.Heads, t: t, h: NewMatrix(t, c.D), qkv: NewMatrix(t, 3*c.D),
		scratch: make([]headScratch, c.Heads)}
	for h := range w.scratch {
		w.scratch[h] = newHeadScratch(t, c.D/c.Heads)
	}
	return w
}
