package heatmap

import "math"

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
