package compute

import (
	"runtime"
	"sync"
)

// MHAParams are the parameters of the book's efficient MultiHeadAttention
// module, each weight stored in × out (Y = X·W + b).
type MHAParams struct {
	Heads                int
	WQuery, WKey, WValue *Matrix   // d_in × d_out
	BQuery, BKey, BValue []float32 // d_out, nil without a bias
	OutW                 *Matrix   // d_out × d_out
	OutB                 []float32 // d_out
}

// drawMHA draws the module's parameters in construction order: W_query,
// W_key, W_value (nn.Linear(d_in, d_out, bias)), out_proj (nn.Linear(d_out,
// d_out), weight then bias).
func drawMHA(g *Generator, cfg Config) *MHAParams {
	p := &MHAParams{Heads: cfg.Heads}
	p.WQuery, p.BQuery = g.Linear(cfg.DIn, cfg.DOut, cfg.QKVBias)
	p.WKey, p.BKey = g.Linear(cfg.DIn, cfg.DOut, cfg.QKVBias)
	p.WValue, p.BValue = g.Linear(cfg.DIn, cfg.DOut, cfg.QKVBias)
	p.OutW, p.OutB = g.Linear(cfg.DOut, cfg.DOut, true)
	return p
}

// NewMHAParams draws the module's parameters as torch.manual_seed(cfg.Seed);
// MultiHeadAttention(cfg.DIn, cfg.DOut, …, cfg.Heads, cfg.QKVBias) does.
func NewMHAParams(cfg Config) (*MHAParams, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return drawMHA(NewGenerator(cfg.Seed), cfg), nil
}

// Forward returns the module's output for x (T × d_in) with dropout off
// (eval mode), keeping no intermediate tensor: the fast path, for speed
// comparisons with PyTorch. It panics with "compute: shape mismatch" if
// x.Cols is not the module's d_in, and "compute: empty input" if x has no
// rows.
func (p *MHAParams) Forward(x *Matrix) *Matrix {
	if x.Cols != p.WQuery.Rows {
		panic("compute: shape mismatch in MHAParams.Forward")
	}
	if x.Rows == 0 {
		panic("compute: empty input in MHAParams.Forward")
	}
	t, dOut := x.Rows, p.WQuery.Cols
	q, k, v := linear(x, p.WQuery, p.BQuery), linear(x, p.WKey, p.BKey), linear(x, p.WValue, p.BValue)
	concat := NewMatrix(t, dOut)
	hd := dOut / p.Heads
	scratch := newScratch(rowBlock * t)
	run := parallelFor
	if t*t*dOut < 1<<18 { // too small to pay for goroutines
		run = serialFor
	}
	run(p.Heads, func(h int) {
		buf := scratch.Get().(*[]float32)
		causalHead(cols(q, h*hd, (h+1)*hd), cols(k, h*hd, (h+1)*hd), cols(v, h*hd, (h+1)*hd), nil, 1,
			headOut{context: cols(concat, h*hd, (h+1)*hd)}, *buf)
		scratch.Put(buf)
	})
	return linear(concat, p.OutW, p.OutB)
}

// Trace runs the module on x (T × d_in) with dropout off, keeping every
// intermediate (the projections split by head, each head's masked scores,
// weights and context, the concatenation and the output). It panics as
// Forward does on a mismatched or empty input.
func (p *MHAParams) Trace(x *Matrix) MHA {
	if x.Cols != p.WQuery.Rows {
		panic("compute: shape mismatch in MHAParams.Trace")
	}
	if x.Rows == 0 {
		panic("compute: empty input in MHAParams.Trace")
	}
	tr := &tracer{x: x, sh: newShared(x.Rows), proj: map[*Matrix][3]*Matrix{}}
	return p.trace(tr, nil, dropoutSpec{})
}

// trace runs the module on the trace's input, drawing its one [heads, T,
// T] dropout mask from g (nil with p = 0), keeping every intermediate.
func (p *MHAParams) trace(tr *tracer, g *Generator, drop dropoutSpec) MHA {
	t, dOut, n := tr.x.Rows, p.WQuery.Cols, p.Heads
	hd := dOut / n
	m := MHA{
		WQuery: p.WQuery, WKey: p.WKey, WValue: p.WValue,
		BQuery: p.BQuery, BKey: p.BKey, BValue: p.BValue,
		OutW: p.OutW, OutB: p.OutB, HeadDim: hd,
	}
	q, k, v := tr.project(AttentionParams{p.WQuery, p.WKey, p.WValue, p.BQuery, p.BKey, p.BValue})
	keep, info := drop.draw(g, n*t*t)
	info.Reseeded = drop.reseeded()
	m.Dropout = info

	m.Queries, m.Keys, m.Values = make([]*Matrix, n), make([]*Matrix, n), make([]*Matrix, n)
	m.masked, m.Weights, m.keep, m.Dropped = make([]*lazy, n), make([]*Matrix, n), make([]*lazy, n), make([]*Matrix, n)
	m.Context = make([]*Matrix, n)
	for h := 0; h < n; h++ {
		qh, kh := headCopy(q, h, hd), headCopy(k, h, hd)
		m.Queries[h], m.Keys[h], m.Values[h] = qh, kh, headCopy(v, h, hd)
		m.masked[h] = newLazy(func() *Matrix { return maskedScoresOf(qh, kh) })
		m.Weights[h], m.Context[h] = NewMatrix(t, t), NewMatrix(t, hd)
		if keep == nil {
			m.keep[h], m.Dropped[h] = tr.sh.ones, m.Weights[h]
		} else {
			m.keep[h], m.Dropped[h] = stored(NewMatrixFrom(t, t, keep[h*t*t:(h+1)*t*t])), NewMatrix(t, t)
		}
	}
	parallelFor(n, func(h int) {
		var kh []float32
		if keep != nil {
			kh = keep[h*t*t : (h+1)*t*t]
		}
		causalHead(m.Queries[h].general(), m.Keys[h].general(), m.Values[h].general(), kh, info.Scale,
			headOut{weights: m.Weights[h], dropped: m.Dropped[h], context: m.Context[h].general()}, nil)
	})
	m.Concat = NewMatrix(t, dOut)
	for h := 0; h < n; h++ {
		copyInto(cols(m.Concat, h*hd, (h+1)*hd), m.Context[h].general())
	}
	m.Output = linear(m.Concat, p.OutW, p.OutB)
	return m
}

// headCopy returns columns h·hd…(h+1)·hd−1 of m as a new matrix.
func headCopy(m *Matrix, h, hd int) *Matrix {
	out := NewMatrix(m.Rows, hd)
	copyInto(out.general(), cols(m, h*hd, (h+1)*hd))
	return out
}

// newScratch is a pool of n-float buffers, one per concurrent head.
func newScratch(n int) *sync.Pool {
	return &sync.Pool{New: func() any { b := make([]float32, n); return &b }}
}

// serialFor calls f(0…n−1) in order.
func serialFor(n int, f func(i int)) {
	for i := 0; i < n; i++ {
		f(i)
	}
}

// parallelFor calls f(0…n−1) on up to GOMAXPROCS goroutines.
func parallelFor(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	wg.Wait()
}
