package compute

import "fmt"

// AttentionParams are one attention module's projections: W_query, W_key,
// W_value (d_in × d_out, Q = X·W + b) and their biases (nil without one).
type AttentionParams struct {
	WQuery, WKey, WValue *Matrix
	BQuery, BKey, BValue []float32
}

// drawQKV draws W_query, W_key, W_value in construction order: torch.rand
// (d_in, d_out) each for InitRand (no bias), nn.Linear(d_in, d_out, bias)
// each (weight, then bias) for InitLinear.
func drawQKV(g *Generator, init Init, bias bool, dIn, dOut int) *AttentionParams {
	p := &AttentionParams{}
	if init == InitRand {
		p.WQuery, p.WKey, p.WValue = g.Rand(dIn, dOut), g.Rand(dIn, dOut), g.Rand(dIn, dOut)
		return p
	}
	p.WQuery, p.BQuery = g.Linear(dIn, dOut, bias)
	p.WKey, p.BKey = g.Linear(dIn, dOut, bias)
	p.WValue, p.BValue = g.Linear(dIn, dOut, bias)
	return p
}

// Params are the chapter's modules for one configuration: where their
// weights come from (seeded draws, in PyTorch's construction order), kept
// apart from the forward pass (Trace) that records every intermediate.
// Each module also keeps its generator as construction left it: its
// forward pass draws the dropout masks from there, as PyTorch's does.
// Params are read-only once drawn; Trace may run on several inputs.
type Params struct {
	Config Config
	// Single is the single-head module: torch.rand draws of its own with
	// InitRand (SelfAttention_v1), else the same first three nn.Linear
	// draws as wrapper head 0 (SelfAttention_v2, CausalAttention).
	Single *AttentionParams
	// Wrapper are MultiHeadAttentionWrapper's heads, head 0 first.
	Wrapper []*AttentionParams
	// MHA is the efficient MultiHeadAttention; its W_query, W_key and
	// W_value are wrapper head 0's matrices (the same draws).
	MHA *MHAParams

	single, wrapper, mha Generator // after each module's construction
}

// DrawParams draws every module's weights as torch.manual_seed(cfg.Seed);
// module = M(...) does, each module from its own generator. The three
// generators start alike and every module begins with nn.Linear(d_in,
// d_out, bias) ×3 (the single module when its init is linear), so those
// draws are made once and the generator state after them is copied.
func DrawParams(cfg Config) (*Params, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	g := NewGenerator(cfg.Seed)
	head0 := drawQKV(g, InitLinear, cfg.QKVBias, cfg.DIn, cfg.DOut)
	after0 := *g
	p := &Params{Config: cfg, Wrapper: make([]*AttentionParams, cfg.Heads)}
	p.Wrapper[0] = head0
	for h := 1; h < cfg.Heads; h++ {
		p.Wrapper[h] = drawQKV(g, InitLinear, cfg.QKVBias, cfg.DIn, cfg.DOut)
	}
	p.wrapper = *g
	p.Single, p.single = head0, after0
	if cfg.Init == InitRand {
		gs := NewGenerator(cfg.Seed)
		p.Single = drawQKV(gs, InitRand, false, cfg.DIn, cfg.DOut)
		p.single = *gs
	}
	gm := after0
	p.MHA = &MHAParams{Heads: cfg.Heads,
		WQuery: head0.WQuery, WKey: head0.WKey, WValue: head0.WValue,
		BQuery: head0.BQuery, BKey: head0.BKey, BValue: head0.BValue}
	p.MHA.OutW, p.MHA.OutB = gm.Linear(cfg.DOut, cfg.DOut, true)
	p.mha = gm
	return p, nil
}

// Trace runs every module's forward pass on x (T × d_in), recording every
// intermediate tensor into a Result: the projections, contexts, causal and
// dropped weights and outputs at once, the other T×T tensors on first
// read. An input that does not match the configuration, an empty or
// non-finite input and sizes beyond MaxFloats are returned errors.
func (p *Params) Trace(x *Matrix) (*Result, error) {
	cfg := p.Config
	if err := checkInput(x, cfg); err != nil {
		return nil, err
	}
	if n := Footprint(x.Rows, cfg); n > MaxFloats {
		return nil, fmt.Errorf("compute: %d tokens with d_in %d, d_out %d, %d heads: %w (%d MiB needed, limit %d MiB)",
			x.Rows, cfg.DIn, cfg.DOut, cfg.Heads, ErrTooLarge, n*4>>20, MaxFloats*4>>20)
	}
	tr := &tracer{x: x, sh: newShared(x.Rows), proj: map[*Matrix][3]*Matrix{}}
	r := &Result{Config: cfg, Inputs: x, Simple: SimpleAttention(x)}
	drop := cfg.dropout()

	gw := p.wrapper
	r.Wrapper = tr.wrapper(p.Wrapper, reseed(&gw, cfg), drop)
	for h := range r.Wrapper.Heads {
		r.Wrapper.Heads[h].Dropout.Reseeded = h == 0 && drop.reseeded()
	}

	switch {
	case cfg.Init == InitLinear && (cfg.Heads == 1 || cfg.Dropout == 0 || cfg.DropoutSeed != nil):
		// Its mask is head 0's too: the module is head 0.
		r.Single = r.Wrapper.Heads[0]
	default:
		gs := p.single
		r.Single = tr.single(p.Single, reseed(&gs, cfg), drop)
	}
	r.Single.Dropout.Reseeded = drop.reseeded()

	gm := p.mha
	r.MHA = p.MHA.trace(tr, reseed(&gm, cfg), drop)
	return r, nil
}

// tracer is one forward pass's shared state: the input, the matrices every
// module uses alike, and each module's projections (the single module with
// linear init, wrapper head 0 and the MHA module project with the same
// weights: computed once).
type tracer struct {
	x    *Matrix
	sh   *shared
	proj map[*Matrix][3]*Matrix // by W_query
}

// project returns X·W + b for p's three projections, once per trace.
func (tr *tracer) project(p AttentionParams) (q, k, v *Matrix) {
	if qkv, ok := tr.proj[p.WQuery]; ok {
		return qkv[0], qkv[1], qkv[2]
	}
	q, k, v = linear(tr.x, p.WQuery, p.BQuery), linear(tr.x, p.WKey, p.BKey), linear(tr.x, p.WValue, p.BValue)
	tr.proj[p.WQuery] = [3]*Matrix{q, k, v}
	return q, k, v
}

// reseed applies DropoutSeed: the generator is reseeded just before the
// forward pass's dropout draws (only when there are draws to make).
// It returns g.
func reseed(g *Generator, cfg Config) *Generator {
	if cfg.DropoutSeed != nil && cfg.Dropout > 0 {
		g.Seed(*cfg.DropoutSeed)
	}
	return g
}
