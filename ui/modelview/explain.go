package modelview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/attnscope/attnscope/compute"
)

// topTerms is how many of the largest products of q·k the explanation
// writes out.
const topTerms = 4

// explainCursor explains the cell under the head view's cursor from the
// real vectors: q·k over d_head dimensions (its largest terms), ÷√d_head,
// the row's softmax, and the renormalisation when the first token is
// hidden.
func (m *Model) explainCursor() {
	ly := m.cache.get(m.layer)
	if ly == nil || m.head >= len(ly.Weights) {
		m.hv.explain = nil
		return
	}
	i, j := m.cursorCell(ly.Weights[m.head])
	m.hv.explain = explainCell(ly, m.layer, m.head, i, j, m.hideFirst, m.labels())
	m.hv.summary = summarize(ly, m.head, i, j)
}

// summarize is the cell's arithmetic in one line.
func summarize(ly *compute.GPT2Layer, h, i, j int) string {
	if i < 0 || j < 0 || i >= ly.Weights[h].Rows || j >= ly.Weights[h].Rows {
		return ""
	}
	c := ly.Cell(h, i, j)
	if c.Masked {
		return fmt.Sprintf("A[%d,%d] = 0: masked (key after query)", i, j)
	}
	return fmt.Sprintf("A[%d,%d] = %s = softmax of q·k/√%d = %s/%s = %s over row %d", i, j, num(c.Weight), len(c.Query), num(c.Score), num(c.Scale), num(c.Scaled), i)
}

// explainCell is the explanation of weight (i, j) of head h, line by line.
func explainCell(ly *compute.GPT2Layer, layer, h, i, j int, hideFirst bool, labels []string) []string {
	t := ly.Weights[h].Rows
	if i < 0 || j < 0 || i >= t || j >= t {
		return []string{"no cell here"}
	}
	c := ly.Cell(h, i, j)
	hd := len(c.Query)
	lab := func(k int) string {
		if k < len(labels) {
			return fmt.Sprintf("%d \"%s\"", k, labels[k])
		}
		return fmt.Sprint(k)
	}
	out := []string{
		fmt.Sprintf("%s  A[%d,%d] = %s", headName(layer, h), i, j, num(c.Weight)),
		fmt.Sprintf("query %s", lab(i)),
		fmt.Sprintf("key   %s", lab(j)),
		"",
	}
	if c.Masked {
		return append(out, "masked: the key comes after the query,",
			"so its score became −∞ and its weight 0",
			"(a causal model never looks ahead).")
	}
	out = append(out, fmt.Sprintf("q·k over d_head = %d dims:", hd))
	out = append(out, termsLine(c.Products)...)
	out = append(out,
		fmt.Sprintf("  = %s", num(c.Score)),
		fmt.Sprintf("÷ √%d = %s  →  %s", hd, num(c.Scale), num(c.Scaled)),
		"")
	out = append(out, softmaxLines(ly, h, i, c)...)
	if hideFirst {
		out = append(append(out, ""), hiddenLines(ly.Weights[h], i, j)...)
	}
	return out
}

// termsLine writes q·k as its largest products and the rest summed.
func termsLine(p []float32) []string {
	idx := make([]int, len(p))
	for x := range idx {
		idx[x] = x
	}
	sort.SliceStable(idx, func(a, b int) bool { return math.Abs(float64(p[idx[a]])) > math.Abs(float64(p[idx[b]])) })
	n := min(topTerms, len(p))
	var top, rest float64
	var parts []string
	for _, x := range idx[:n] {
		parts = append(parts, fmt.Sprintf("q%d·k%d %s", x, x, signed(p[x])))
		top += float64(p[x])
	}
	for _, x := range idx[n:] {
		rest += float64(p[x])
	}
	lines := []string{"  " + strings.Join(parts[:min(2, n)], "  ")}
	if n > 2 {
		lines = append(lines, "  "+strings.Join(parts[2:], "  "))
	}
	if len(p) > n {
		lines = append(lines, fmt.Sprintf("  + %d more terms %s", len(p)-n, signed(float32(rest))))
	}
	return lines
}

// softmaxLines are the row's softmax at the cell: the largest scaled score
// of the row, e^(s − max) and the row's sum.
func softmaxLines(ly *compute.GPT2Layer, h, i int, c compute.Cell) []string {
	q := ly.Queries[h].Row(i)
	mx, arg := math.Inf(-1), 0
	scaled := make([]float64, i+1)
	for j := 0; j <= i; j++ {
		var s float64
		for x, k := range ly.Keys[h].Row(j) {
			s += float64(q[x]) * float64(k)
		}
		scaled[j] = s / float64(c.Scale)
		if scaled[j] > mx {
			mx, arg = scaled[j], j
		}
	}
	var sum float64
	for _, s := range scaled {
		sum += math.Exp(s - mx)
	}
	e := math.Exp(float64(c.Scaled) - mx)
	return []string{
		fmt.Sprintf("softmax over row %d's %d keys (0…%d):", i, i+1, i),
		fmt.Sprintf("  largest scaled score %s at key %d", num(float32(mx)), arg),
		fmt.Sprintf("  e^(%s − %s) = %s", num(c.Scaled), num(float32(mx)), num(float32(e))),
		fmt.Sprintf("  ÷ Σ e^(s − max) = %s", num(float32(sum))),
		fmt.Sprintf("  = %s", num(float32(e/sum))),
	}
}

// hiddenLines are the renormalisation without the first token.
func hiddenLines(w *compute.Matrix, i, j int) []string {
	first := w.At(i, 0)
	switch {
	case j == 0:
		return []string{"first token hidden:", fmt.Sprintf("  its %s is set aside", num(first))}
	case i == 0 || first >= 1:
		return []string{"first token hidden:", "  nothing else in this row"}
	}
	return []string{"first token hidden, the rest renormalised:",
		fmt.Sprintf("  %s / (1 − %s) = %s", num(w.At(i, j)), num(first), num(float32(float64(w.At(i, j))/(1-float64(first)))))}
}

// num prints a value with 4 significant decimals.
func num(v float32) string {
	switch {
	case math.IsInf(float64(v), -1):
		return "−∞"
	case math.IsNaN(float64(v)):
		return "?"
	}
	s := fmt.Sprintf("%.4g", v)
	if strings.ContainsAny(s, "e") {
		s = fmt.Sprintf("%.3e", v)
	}
	return strings.Replace(s, "-", "−", 1)
}

// signed prints a term with its sign: "+0.4213", "−1.2".
func signed(v float32) string {
	if v >= 0 {
		return "+" + num(v)
	}
	return num(v)
}
