package inspector

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/attnscope/attnscope/compute"
)

// maxTerms is the longest sum written out in full; longer sums show their
// first headTerms terms, "…" and the last term.
const (
	maxTerms  = 8
	headTerms = 3
)

// f formats a number compactly: 4 decimals; exponent form when that would
// hide it; "−∞" for −∞. NaN, which compute never produces, is "undefined"
// so that NaN never reaches the screen.
func f(v float64) string {
	switch {
	case math.IsNaN(v):
		return "undefined"
	case math.IsInf(v, -1):
		return "−∞"
	case math.IsInf(v, 1):
		return "∞"
	}
	a := math.Abs(v)
	var s string
	if a >= 1e6 || (a != 0 && a < 5e-5) {
		s = strconv.FormatFloat(v, 'e', 3, 64)
	} else {
		s = strconv.FormatFloat(v, 'f', 4, 64)
	}
	if s == "-0.0000" {
		s = "0.0000"
	}
	return s
}

// f32 formats a float32 tensor entry.
func f32(v float32) string { return f(float64(v)) }

// short is f without trailing zeros (0.5, 2, 1.4142), for constants of
// the configuration (p, 1/(1−p), √d_k); tensor entries use f, so that a
// number reads the same in the matrix and in the sum.
func short(v float64) string {
	s := f(v)
	if strings.ContainsAny(s, "e∞") || !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// fp formats a tensor entry as a factor of a product, in parentheses when
// negative, so that "0.4300·(-0.5500)" reads unambiguously. It has f's
// decimals, as the heatmap prints the same entry.
func fp(v float64) string { return paren(f(v)) }

// paren wraps a formatted negative number in parentheses.
func paren(s string) string {
	if strings.HasPrefix(s, "-") || s == "−∞" {
		return "(" + s + ")"
	}
	return s
}

// abbreviate keeps a long list readable: the first headTerms items, "…",
// and the last one, when there are more than maxTerms.
func abbreviate(items []string) []string {
	if len(items) <= maxTerms {
		return items
	}
	out := append([]string(nil), items[:headTerms]...)
	return append(out, "…", items[len(items)-1])
}

// vec formats a vector as (a, b, c), abbreviated when long.
func vec(v []float32) string {
	items := make([]string, len(v))
	for i, x := range v {
		items[i] = f(float64(x))
	}
	return "(" + strings.Join(abbreviate(items), ", ") + ")"
}

var subDigits = []rune("₀₁₂₃₄₅₆₇₈₉")

// sub writes the 1-based index i+1 as subscript digits, as the book numbers
// tokens (x⁽²⁾ is inputs[1]).
func sub(i int) string {
	s := strconv.Itoa(i + 1)
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(subDigits[r-'0'])
	}
	return b.String()
}

// sub2 writes a pair of 1-based indices: "₂₃", or "₂,₁₂" when either has
// two digits.
func sub2(i, j int) string {
	if i < 9 && j < 9 {
		return sub(i) + sub(j)
	}
	return sub(i) + "," + sub(j)
}

// subc writes vector i's component k: "₂,₁" (q₂,₁ is component 1 of q₂).
func subc(i, k int) string { return sub(i) + "," + sub(k) }

// maxLabel is the widest token label shown, in runes.
const maxLabel = 16

// label is token i's label, quoted, control characters replaced and long
// labels cut; "" when there is none.
func label(labels []string, i int) string {
	if i < 0 || i >= len(labels) {
		return ""
	}
	r := []rune(labels[i])
	for k, c := range r {
		if unicode.IsControl(c) || c == '\u2028' || c == '\u2029' {
			r[k] = '?'
		}
	}
	if len(r) > maxLabel {
		r = append(r[:maxLabel-1], '…')
	}
	return "“" + string(r) + "”"
}

// tok is token i's 1-based number and, if there is one, its label.
func tok(labels []string, i int) string {
	if l := label(labels, i); l != "" {
		return strconv.Itoa(i+1) + " " + l
	}
	return strconv.Itoa(i + 1)
}

// at reads m[i, j], reporting false if m is nil or (i, j) is outside it.
func at(m *compute.Matrix, i, j int) (float64, bool) {
	if m == nil || i < 0 || j < 0 || i >= m.Rows || j >= m.Cols || len(m.Data) < m.Rows*m.Cols {
		return 0, false
	}
	return float64(m.At(i, j)), true
}

// row reads row i of m, or nil.
func row(m *compute.Matrix, i int) []float32 {
	if m == nil || i < 0 || i >= m.Rows || len(m.Data) < m.Rows*m.Cols {
		return nil
	}
	return m.Row(i)
}

// col reads column j of m, or nil.
func col(m *compute.Matrix, j int) []float32 {
	if m == nil || j < 0 || j >= m.Cols || len(m.Data) < m.Rows*m.Cols {
		return nil
	}
	out := make([]float32, m.Rows)
	for i := range out {
		out[i] = m.At(i, j)
	}
	return out
}

// headAt returns ms[h], or nil.
func headAt(ms []*compute.Matrix, h int) *compute.Matrix {
	if h < 0 || h >= len(ms) {
		return nil
	}
	return ms[h]
}

// span names 1-based columns a to b: "column 2" or "columns 3–4".
func span(what string, a, b int) string {
	if a == b {
		return what + " " + strconv.Itoa(a)
	}
	return what + "s " + strconv.Itoa(a) + "–" + strconv.Itoa(b)
}

// count writes n things: "1 visible key", "5 visible keys".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
