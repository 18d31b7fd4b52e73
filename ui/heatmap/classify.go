package heatmap

import (
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// classifyRow sets the kind and colour level of row r's cells and
// returns the sum of its finite values (masked ones included). Rows of
// plain values, with or without a causal mask, take a loop with the
// scale's arithmetic inline; the rest classifySlow.
func (m *Model) classifyRow(r int, vals []float32, lv leveller) float64 {
	d := m.data
	lo, hi := r*d.Cols, (r+1)*d.Cols
	if hi > len(vals) || len(d.Dropped) > lo || lv.s == Mask || lv.degenerate {
		return m.classifySlow(r, vals, lv)
	}
	row, kinds, levels := vals[lo:hi], m.kind[lo:hi], m.level[lo:hi]
	var masked []bool
	if len(d.Masked) > lo {
		masked = d.Masked[lo:min(hi, len(d.Masked))]
	}
	div := lv.s == Diverging
	var sum float64
	for j, v := range row {
		x := float64(v)
		switch {
		case v != v:
			kinds[j], levels[j] = kindNaN, 0
		case v < -math.MaxFloat32:
			kinds[j], levels[j] = kindNegInf, 0
		case v > math.MaxFloat32:
			kinds[j], levels[j] = kindPosInf, buckets-1
		case j < len(masked) && masked[j]:
			kinds[j], levels[j] = kindMasked, 0
			m.hasMasked = true
			sum += x
		case div:
			kinds[j], levels[j] = kindValue, bucket(0.5+x/lv.twoM)
			sum += x
		default:
			kinds[j], levels[j] = kindValue, bucket((x-lv.lo)/lv.span)
			sum += x
		}
	}
	return sum
}

// classifySlow is classifyRow for any row: dropout flags, a mask
// scale, a degenerate range, missing values.
func (m *Model) classifySlow(r int, vals []float32, lv leveller) float64 {
	d := m.data
	var sum float64
	for i := r * d.Cols; i < (r+1)*d.Cols; i++ {
		if i >= len(vals) {
			m.kind[i], m.level[i] = kindNaN, 0
			continue
		}
		v := vals[i]
		x := float64(v)
		k, lvl := kindValue, uint8(0)
		switch {
		case v != v:
			k = kindNaN
		case v < -math.MaxFloat32:
			k = kindNegInf
		case v > math.MaxFloat32:
			k, lvl = kindPosInf, buckets-1
		case i < len(d.Masked) && d.Masked[i]:
			k = kindMasked
			m.hasMasked = true
		case v == 0 && i < len(d.Dropped) && d.Dropped[i]:
			k = kindDropped
			m.hasDrop = true
		default:
			lvl = lv.level(x)
		}
		if k == kindValue || k == kindDropped || k == kindMasked {
			sum += x
		}
		m.kind[i], m.level[i] = k, lvl
	}
	return sum
}

// measureLabels records the widest row and column labels, which the
// layout reads on every resize.
func (m *Model) measureLabels() {
	d := m.data
	m.rowLabelW, m.colLabelW = 0, 0
	for r := 0; r < d.Rows; r++ {
		m.rowLabelW = max(m.rowLabelW, ansi.StringWidth(m.labelOr(d.RowLabels, r)))
	}
	for c := 0; c < d.Cols; c++ {
		m.colLabelW = max(m.colLabelW, ansi.StringWidth(strings.TrimLeft(m.labelOr(d.ColLabels, c), " ")))
	}
}
