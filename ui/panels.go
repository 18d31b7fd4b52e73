package ui

import (
	"math"
	"strconv"
	"sync"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/heatmap"
)

// panel is one matrix a stage shows, ready to draw.
type panel struct {
	name    string // e.g. "Q·Kᵀ"
	m       *compute.Matrix
	rows    []string // row labels
	cols    []string // column labels
	scale   heatmap.Scale
	rowSums bool
	dropped *compute.Matrix // optional dropout mask: 0 marks a dropped cell
	masked  bool            // cells above the diagonal are causally masked
}

// dimLabels numbers n dimensions from 1, as the inspector's maths: x1 x2
// …. The lists are shared (768 labels on every stage step otherwise) and
// never changed by their readers.
func dimLabels(prefix string, n int) []string {
	key := dimKey{prefix, n}
	if l, ok := dimLabelCache.Load(key); ok {
		return l.([]string)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i+1)
	}
	dimLabelCache.Store(key, out)
	return out
}

type dimKey struct {
	prefix string
	n      int
}

var dimLabelCache sync.Map // dimKey → []string

// axisLabels labels n rows or columns along axis a.
func axisLabels(a pipeline.Axis, n int, toks []string) []string {
	switch a {
	case pipeline.AxisTokens:
		return toks
	case pipeline.AxisIn:
		return dimLabels("x", n)
	}
	return dimLabels("d", n)
}

// heatScale maps a panel's scale to the heatmap's, looking at m's values
// for a signed scale.
func heatScale(s pipeline.Scale, m *compute.Matrix) heatmap.Scale {
	switch s {
	case pipeline.ScaleUnit:
		return heatmap.Unit
	case pipeline.ScaleDiverging:
		return heatmap.Diverging
	case pipeline.ScaleMask:
		return heatmap.Mask
	case pipeline.ScaleSigned:
		for _, v := range m.Data {
			if v < 0 && !math.IsInf(float64(v), -1) { // −∞ is the mask, not a sign
				return heatmap.Diverging
			}
		}
	}
	return heatmap.Auto
}

// panelsFor lists the matrices of stage def as v holds them, for tokens
// labelled toks and head h (clamped by the caller).
func panelsFor(def pipeline.StageDef, v pipeline.View, toks []string, h int) []panel {
	ps := def.Resolve(v, h)
	out := make([]panel, len(ps))
	for i, p := range ps {
		out[i] = panel{
			name: p.Label, m: p.M,
			rows: axisLabels(p.Rows, p.M.Rows, toks), cols: axisLabels(p.Cols, p.M.Cols, toks),
			scale: heatScale(p.Scale, p.M), rowSums: p.RowSums, dropped: p.Dropped, masked: p.Causal,
		}
	}
	return out
}
