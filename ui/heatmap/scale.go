package heatmap

import (
	"math"
)

// Scale says how values map to colours.
type Scale int

const (
	// Auto spans the matrix's own minimum to maximum (embeddings, Q, K, V).
	Auto Scale = iota
	// Unit spans 0 to 1 (attention weights).
	Unit
	// Diverging is symmetric around 0, from −m to +m with m the largest
	// magnitude, drawn with the diverging map (raw scores).
	Diverging
	// Mask is boolean: 0 is the low end of the map, anything else the high end.
	Mask
)

// String returns the scale's name.
func (s Scale) String() string {
	switch s {
	case Auto:
		return "auto"
	case Unit:
		return "unit"
	case Diverging:
		return "diverging"
	case Mask:
		return "mask"
	}
	return "unknown"
}

// Range is the span of values a scale maps onto its colormap.
type Range struct {
	Lo, Hi float64
}

// rangeFor returns the range scale s gives a matrix with statistics st.
func rangeFor(s Scale, st stats) Range {
	switch s {
	case Unit, Mask:
		return Range{0, 1}
	case Diverging:
		m := 0.0
		if st.any {
			m = math.Max(math.Abs(float64(st.min)), math.Abs(float64(st.max)))
		}
		if m == 0 {
			m = 1
		}
		return Range{-m, m}
	}
	if !st.any {
		return Range{0, 1}
	}
	return Range{float64(st.min), float64(st.max)}
}

// Normalize maps v onto [0, 1] for scale s over range r (NaN stays NaN,
// ±∞ clamp to the ends). A degenerate Auto range maps everything to 0.5.
func Normalize(s Scale, r Range, v float64) float64 {
	if math.IsNaN(v) {
		return v
	}
	var t float64
	switch s {
	case Mask:
		if v != 0 {
			return 1
		}
		return 0
	case Diverging:
		m := math.Max(math.Abs(r.Lo), math.Abs(r.Hi))
		if m == 0 {
			return 0.5
		}
		t = 0.5 + v/(2*m)
	default:
		if r.Hi <= r.Lo {
			return 0.5
		}
		t = (v - r.Lo) / (r.Hi - r.Lo)
	}
	return math.Min(1, math.Max(0, t))
}

// leveller is Normalize followed by bucket for one scale and range, with
// the per-range work done once: the same arithmetic, so the same levels.
type leveller struct {
	s          Scale
	lo, span   float64 // Auto and Unit: (v − lo) / span
	twoM       float64 // Diverging: 0.5 + v / twoM
	degenerate bool    // every finite value maps to 0.5
}

func newLeveller(s Scale, r Range) leveller {
	l := leveller{s: s, lo: r.Lo, span: r.Hi - r.Lo}
	switch s {
	case Diverging:
		m := math.Max(math.Abs(r.Lo), math.Abs(r.Hi))
		l.twoM, l.degenerate = 2*m, m == 0
	case Mask:
	default:
		l.degenerate = r.Hi <= r.Lo
	}
	return l
}

// level is bucket(Normalize(s, r, x)) for a finite x (bucket clamps).
func (l leveller) level(x float64) uint8 {
	switch {
	case l.s == Mask:
		if x != 0 {
			return buckets - 1
		}
		return 0
	case l.degenerate:
		return bucket(0.5)
	case l.s == Diverging:
		return bucket(0.5 + x/l.twoM)
	}
	return bucket((x - l.lo) / l.span)
}

// ScaleMode is the colour scale a viewer chose for a view, on top of the
// Data's own Scale. Mask matrices ignore it.
type ScaleMode uint8

const (
	// ScaleAsData keeps the Data's Scale (and Range): the default.
	ScaleAsData ScaleMode = iota
	// ScaleFixed maps 0 to 1 onto the colormap, whatever the values.
	ScaleFixed
	// ScaleMatrix maps the matrix's own minimum to maximum.
	ScaleMatrix
	// ScaleRow maps each row's own minimum to maximum: the pattern inside
	// a row shows even when every row is flat on the matrix's scale.
	ScaleRow
	numScaleModes
)

// String returns the mode's name.
func (s ScaleMode) String() string {
	switch s {
	case ScaleAsData:
		return "as data"
	case ScaleFixed:
		return "fixed 0–1"
	case ScaleMatrix:
		return "matrix range"
	case ScaleRow:
		return "per row"
	}
	return "unknown"
}

// Next returns the mode after s, cycling.
func (s ScaleMode) Next() ScaleMode { return (s + 1) % numScaleModes }

// effectiveScale is the scale cells are coloured by under mode.
func effectiveScale(s Scale, mode ScaleMode) Scale {
	if s == Mask {
		return Mask
	}
	switch mode {
	case ScaleFixed:
		return Unit
	case ScaleMatrix, ScaleRow:
		return Auto
	}
	return s
}

// scaleTag names the scale in force for the legend.
func scaleTag(s Scale, mode ScaleMode) string {
	switch {
	case s == Mask:
		return ""
	case mode == ScaleRow:
		return "scale per row"
	case s == Unit:
		return "scale 0–1"
	case s == Diverging:
		return "scale ±max"
	}
	return "scale min–max"
}

// rowRanges returns each row's finite minimum and maximum.
func rowRanges(vals []float32, rows, cols int) []Range {
	out := make([]Range, rows)
	for r := range out {
		lo, hi := len(vals), min(len(vals), (r+1)*cols)
		if r*cols < lo {
			lo = r * cols
		}
		out[r] = rangeFor(Auto, statsOf(vals[lo:hi]))
	}
	return out
}

// ScaleChangedMsg is sent when a key switches the colour scale.
type ScaleChangedMsg struct {
	Mode ScaleMode
}

// ScaleMode returns the colour scale the viewer chose.
func (m Model) ScaleMode() ScaleMode { return m.scaleMode }

// SetScaleMode switches the colour scale and recolours the cells.
func (m *Model) SetScaleMode(s ScaleMode) {
	m.scaleMode = s % numScaleModes
	m.SetData(m.data)
}

// nextScaleMode is the next mode that colours this matrix differently
// (weights are already on 0–1, embeddings already on their own range).
func (m *Model) nextScaleMode() ScaleMode {
	same := func(a, b ScaleMode) bool {
		return m.data.Range == nil && (a == ScaleRow) == (b == ScaleRow) &&
			effectiveScale(m.data.Scale, a) == effectiveScale(m.data.Scale, b)
	}
	next := m.scaleMode.Next()
	for next != m.scaleMode && same(next, m.scaleMode) {
		next = next.Next()
	}
	return next
}
