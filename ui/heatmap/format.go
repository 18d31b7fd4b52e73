package heatmap

import (
	"math"
	"strconv"
)

// maxDecimals is the most decimals a cell prints (the book prints 4).
const maxDecimals = 4

// numFormat is how every cell of one matrix prints its value: the same
// number of decimals for all cells so that columns line up.
type numFormat struct {
	ok        bool // false: no number fits, cells show colour (or glyph) only
	decimals  int
	stripZero bool // "0.37" → ".37", "-0.37" → "-.37"
}

// appendValue appends v formatted with f to b.
func (f numFormat) appendValue(b []byte, v float32) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, float64(v), 'f', f.decimals, 32)
	if f.stripZero {
		s := b[start:]
		if len(s) >= 2 && s[0] == '0' && s[1] == '.' {
			copy(s, s[1:])
			b = b[:len(b)-1]
		} else if len(s) >= 3 && s[0] == '-' && s[1] == '0' && s[2] == '.' {
			copy(s[1:], s[2:])
			b = b[:len(b)-1]
		}
	}
	// "-0.00" reads as a negative number that is not there.
	if s := b[start:]; len(s) > 1 && s[0] == '-' && isZeroText(s[1:]) {
		copy(s, s[1:])
		b = b[:len(b)-1]
	}
	return b
}

func isZeroText(s []byte) bool {
	for _, c := range s {
		if c != '0' && c != '.' {
			return false
		}
	}
	return true
}

// FormatValue formats one value to fit width cells, with the most decimals
// that fit (up to 4): 0.3679 (6), 0.368 (5), 0.37 (4), .37 (3), .4 (2).
// The leading zero goes only when nothing with it fits.
// It returns "" when no faithful form fits (a fraction in one cell). −∞ is
// "-∞" (or "" when width < 2), +∞ "+∞", NaN "?".
func FormatValue(v float32, width int) string {
	switch {
	case math.IsNaN(float64(v)):
		if width < 1 {
			return ""
		}
		return "?"
	case math.IsInf(float64(v), 0):
		if width < 2 {
			return ""
		}
		if v < 0 {
			return "-∞"
		}
		return "+∞"
	}
	f := chooseFormat(statsOf([]float32{v}), width)
	if !f.ok {
		return ""
	}
	return string(f.appendValue(nil, v))
}

// stats summarises the finite values of a matrix: the widest formatted
// value is always the largest or the most negative one, so formats are
// chosen from these two numbers rather than from every cell.
type stats struct {
	any      bool // at least one finite value
	min, max float32
	integers bool // every finite value is a whole number
	negInf   bool // some value is −∞
	posInf   bool
	nan      bool
}

func statsOf(vals []float32) stats {
	s := stats{integers: true}
	for _, v := range vals {
		switch {
		case v != v:
			s.nan = true
			continue
		case v < -math.MaxFloat32:
			s.negInf = true
			continue
		case v > math.MaxFloat32:
			s.posInf = true
			continue
		}
		if !s.any {
			s.min, s.max, s.any = v, v, true
		}
		// As the min and max builtins: −0 is below +0.
		if v < s.min || v == s.min && math.Signbit(float64(v)) {
			s.min = v
		}
		if v > s.max || v == s.max && !math.Signbit(float64(v)) {
			s.max = v
		}
		if s.integers && float64(v) != math.Trunc(float64(v)) {
			s.integers = false
		}
	}
	return s
}

// chooseFormat picks the format with the most decimals such that every
// finite value fits in width characters. Integers print without decimals;
// fractions never print as a bare "0" or "1".
func chooseFormat(st stats, width int) numFormat {
	if width < 1 {
		return numFormat{}
	}
	if !st.any {
		return numFormat{ok: true}
	}
	maxAbs := math.Max(math.Abs(float64(st.min)), math.Abs(float64(st.max)))
	if st.integers {
		if widest(st, numFormat{ok: true}) <= width {
			return numFormat{ok: true}
		}
		return numFormat{}
	}
	for d := maxDecimals; d >= 1; d-- {
		f := numFormat{ok: true, decimals: d}
		if widest(st, f) <= width {
			return f
		}
		// ".37" only when "0.37" does not fit: a learner reads "0.37" faster.
		if maxAbs < 1 && d <= 2 {
			f.stripZero = true
			if widest(st, f) <= width {
				return f
			}
		}
	}
	// Without decimals only large values keep their meaning.
	if maxAbs >= 10 {
		f := numFormat{ok: true}
		if widest(st, f) <= width {
			return f
		}
	}
	return numFormat{}
}

// widest returns the length of the widest formatted finite value.
func widest(st stats, f numFormat) int {
	if !st.any {
		return 0
	}
	var buf [48]byte
	return max(len(f.appendValue(buf[:0], st.min)), len(f.appendValue(buf[:0], st.max)))
}

// idealWidth is the content width that prints every value at full
// precision, capped at 8 characters (wider values drop decimals).
func idealWidth(st stats) int {
	f := chooseFormat(st, 64)
	if !f.ok {
		return 2
	}
	f.stripZero = false
	if f.decimals > 0 {
		f.decimals = maxDecimals
	}
	w := widest(st, f)
	if st.negInf || st.posInf {
		w = max(w, 2)
	}
	return min(max(w, 2), 8)
}
