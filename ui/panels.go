package ui

import (
	"fmt"
	"math"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// scaleKind says how a panel's values map to colours.
type scaleKind int

const (
	scaleAuto      scaleKind = iota // min…max
	scaleUnit                       // 0…1 (weights)
	scaleDiverging                  // symmetric around 0 (raw scores)
	scaleMask                       // 0/1
)

// panel is one matrix a stage shows.
type panel struct {
	name    string // e.g. "Q·Kᵀ"
	m       *compute.Matrix
	rows    []string // row labels
	cols    []string // column labels
	scale   scaleKind
	rowSums bool
	dropped *compute.Matrix // optional dropout mask: 0 marks a dropped cell
	masked  bool            // cells above the diagonal are causally masked
}

func dimLabels(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i+1) // 1-based, as the inspector's maths
	}
	return out
}

// scoresScale picks a diverging scale when a matrix has negative entries.
func scoresScale(m *compute.Matrix) scaleKind {
	if m == nil {
		return scaleAuto
	}
	for _, v := range m.Data {
		if v < 0 && !math.IsInf(float64(v), -1) { // −∞ is the mask, not a sign
			return scaleDiverging
		}
	}
	return scaleAuto
}

// panelsFor lists the matrices stage shows, for result r, tokens labelled
// toks, and head h (clamped by the caller).
func panelsFor(stage pipeline.Stage, r *compute.Result, toks []string, h int) []panel {
	if r == nil || h < 0 {
		return nil
	}
	cfg := r.Config
	din, dout := dimLabels("x", cfg.DIn), dimLabels("d", cfg.DOut)
	tt := func(name string, m *compute.Matrix, s scaleKind) panel {
		return panel{name: name, m: m, rows: toks, cols: toks, scale: s}
	}
	td := func(name string, m *compute.Matrix, cols []string) panel {
		return panel{name: name, m: m, rows: toks, cols: cols, scale: scoresScale(m)}
	}
	w := func(name string, m *compute.Matrix) panel {
		return panel{name: name, m: m, rows: din, cols: dout, scale: scoresScale(m)}
	}
	s, one := r.Simple, r.Single
	var ps []panel
	switch stage {
	case pipeline.StageEmbeddings:
		ps = []panel{td("X (inputs)", r.Inputs, din)}
	case pipeline.StageScores:
		ps = []panel{tt("ω = X·Xᵀ", s.Scores(), scoresScale(s.Scores()))}
	case pipeline.StageSoftmax:
		p := tt("α = softmax(ω)", s.Weights(), scaleUnit)
		p.rowSums = true
		ps = []panel{p, tt("ω = X·Xᵀ", s.Scores(), scoresScale(s.Scores()))}
	case pipeline.StageContext:
		ps = []panel{td("z = α·X", s.Context, din), tt("α", s.Weights(), scaleUnit), td("X", r.Inputs, din)}
	case pipeline.StageQKV:
		ps = []panel{
			td("Q = X·W_q", one.Queries, dout), td("K = X·W_k", one.Keys, dout), td("V = X·W_v", one.Values, dout),
			w("W_query", one.WQuery), w("W_key", one.WKey), w("W_value", one.WValue),
		}
	case pipeline.StageScaled:
		ps = []panel{tt("Q·Kᵀ/√d_k", one.Scaled(), scoresScale(one.Scaled())), tt("Q·Kᵀ", one.Scores(), scoresScale(one.Scores()))}
	case pipeline.StageWeights:
		p := tt("softmax(Q·Kᵀ/√d_k)", one.Weights(), scaleUnit)
		p.rowSums = true
		ps = []panel{p, td("context = weights·V", one.Context, dout)}
	case pipeline.StageCausal:
		p := tt("causal weights", one.CausalWeights, scaleUnit)
		p.rowSums, p.masked = true, true
		rn := tt("renormalised (simple method)", one.CausalRenorm(), scaleUnit)
		rn.masked = true
		ps = []panel{
			p, tt("masked Q·Kᵀ", one.MaskedScores(), scoresScale(one.MaskedScores())),
			tt("mask (1 = hidden)", one.CausalMask(), scaleMask), rn,
		}
	case pipeline.StageDropout:
		p := tt("dropped weights", one.Dropped, scaleAuto)
		p.dropped, p.masked = one.DropoutMask(), true
		ps = []panel{p, tt("dropout mask (1 = kept)", one.DropoutMask(), scaleMask), tt("causal weights", one.CausalWeights, scaleUnit), td("context", one.CausalContext, dout)}
	case pipeline.StageHeads:
		if h < len(r.MHA.Dropped) {
			p := tt(fmt.Sprintf("head %d of %d weights", h+1, cfg.Heads), r.MHA.Dropped[h], scaleUnit)
			p.rowSums, p.masked = cfg.Dropout == 0, true
			if cfg.Dropout > 0 {
				p.dropped = r.MHA.DropoutMask(h)
			}
			ps = append(ps, p)
			ps = append(ps, tt(fmt.Sprintf("head %d masked Q·Kᵀ", h+1), r.MHA.MaskedScores(h), scoresScale(r.MHA.MaskedScores(h))))
		}
		if h < len(r.Wrapper.Heads) {
			ps = append(ps, tt(fmt.Sprintf("wrapper head %d weights", h+1), r.Wrapper.Heads[h].Dropped, scaleUnit))
		}
	case pipeline.StageOutput:
		if r.MHA.Output != nil {
			ps = append(ps, td("output = concat·W_o + b", r.MHA.Output, dout), td("concat", r.MHA.Concat, dout))
		}
		if h < len(r.MHA.Context) {
			ps = append(ps, td(fmt.Sprintf("head %d of %d context", h+1, cfg.Heads), r.MHA.Context[h], dimLabels("d", r.MHA.HeadDim)))
		}
		if r.MHA.OutW != nil {
			ps = append(ps, panel{name: "W_o (out_proj)", m: r.MHA.OutW, rows: dout, cols: dout, scale: scoresScale(r.MHA.OutW)})
		}
	}
	out := ps[:0]
	for _, p := range ps {
		if p.m != nil {
			out = append(out, p)
		}
	}
	return out
}
