package modelview

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/ui/heatmap"
)

// headView is the head view's prepared state: what the heatmap was last
// given (so a cursor move does not rebuild it) and the explanation of the
// cell under the cursor.
type headView struct {
	key     headKey
	ready   bool
	k       int // the pooled side when fit is on, else 0
	explain []string
	summary string // the explanation in one line, for screens without room for it
}

type headKey struct {
	layer     *compute.GPT2Layer
	head      int
	hideFirst bool
	k         int
	labels    int
}

// fitSide is the side of the pooled matrix that fits the heatmap's room,
// 0 when the whole matrix fits as it is or fit is off.
func (m Model) fitSide(t int) int {
	if !m.fit {
		return 0
	}
	w, h := m.heatSize()
	k := min((w-10)/2, h-7) // two cells a column; room for the labels and the legend
	if k < 2 || k >= t {
		return 0
	}
	return k
}

// syncHead gives the heatmap the selected head's weights (renormalised
// without the first token, or max-pooled, when asked) and explains the
// cell under the cursor. A layer still being computed leaves the previous
// head on screen.
func (m *Model) syncHead() {
	ly := m.cache.get(m.layer)
	if ly == nil || m.head >= len(ly.Weights) {
		return
	}
	w := ly.Weights[m.head]
	t := w.Rows
	key := headKey{layer: ly, head: m.head, hideFirst: m.hideFirst, k: m.fitSide(t), labels: len(m.tokens())}
	if key != m.hv.key || !m.hv.ready {
		r, c := m.hm.Cursor()
		if m.hv.key.layer == nil { // the first time: the last row's largest weight
			r, c = t-1, argmax(w.Row(t-1))
		}
		if m.hv.k > 0 && key.k == 0 { // leaving the pooled view: land on the block's first cell
			r, c = r*t/m.hv.k, c*t/m.hv.k
		}
		m.hm.SetData(m.headData(w, key))
		m.hm.SetCursor(r, c)
		if m.clean { // the heatmap shows its cursor unless told; telling it lays it out again
			m.hm.SetCursorVisible(false)
		}
		m.hv = headView{key: key, ready: true, k: key.k}
	}
	m.explainCursor()
}

// headData is the heatmap's data for weights w under key.
func (m Model) headData(w *compute.Matrix, key headKey) heatmap.Data {
	t := w.Rows
	vals := w.Data
	title := fmt.Sprintf("%s weights  A = softmax(q·kᵀ/√%d)", headName(m.layer, m.head), m.config().D/max(m.config().Heads, 1))
	if key.hideFirst {
		vals = withoutFirst(w)
		title += "  · first token hidden, rows renormalised"
	}
	labels := m.labels()
	if key.k > 0 {
		pooled := Pool(&compute.Matrix{Rows: t, Cols: t, Data: vals}, key.k)
		lab := make([]string, key.k)
		for b := range lab {
			lab[b] = fmt.Sprint(b * t / key.k) // the block's first token
		}
		masked := make([]bool, key.k*key.k)
		for r := range key.k {
			for c := r + 1; c < key.k; c++ {
				masked[r*key.k+c] = true
			}
		}
		return heatmap.Data{Title: title + fmt.Sprintf("  · max-pooled to %d×%d", key.k, key.k),
			Rows: key.k, Cols: key.k, Values: pooled, RowLabels: lab, ColLabels: lab, Scale: heatmap.Unit, Masked: masked}
	}
	masked := make([]bool, t*t)
	for i := range t {
		for j := i + 1; j < t; j++ {
			masked[i*t+j] = true
		}
	}
	return heatmap.Data{Title: title, Rows: t, Cols: t, Values: vals, RowLabels: labels, ColLabels: labels,
		Scale: heatmap.Unit, Masked: masked}
}

// withoutFirst is w with column 0 set to 0 and every row renormalised over
// the rest; row 0, which has nothing else, stays all 0.
func withoutFirst(w *compute.Matrix) []float32 {
	t := w.Cols
	out := make([]float32, len(w.Data))
	for i := range w.Rows {
		row := w.Row(i)
		rest := 1 - float64(row[0])
		if i == 0 || rest <= 0 {
			continue
		}
		for j := 1; j <= i && j < t; j++ {
			out[i*t+j] = float32(float64(row[j]) / rest)
		}
	}
	return out
}

// cursorCell is the cell of the full matrix the cursor stands for: itself,
// or in a pooled view the largest weight of its block (on or below the
// diagonal).
func (m Model) cursorCell(w *compute.Matrix) (i, j int) {
	r, c := m.hm.Cursor()
	k, t := m.hv.k, w.Rows
	if k == 0 {
		return r, c
	}
	vals := w.Data
	if m.hideFirst {
		vals = withoutFirst(w)
	}
	i, j = r*t/k, c*t/k
	best := float32(-1)
	for a := r * t / k; a < max((r+1)*t/k, r*t/k+1); a++ {
		for b := c * t / k; b < max((c+1)*t/k, c*t/k+1) && b <= a; b++ {
			if v := vals[a*t+b]; v > best {
				best, i, j = v, a, b
			}
		}
	}
	return i, j
}

// headName is a head's name on screen: layer and head from 0.
func headName(layer, head int) string { return fmt.Sprintf("L%dH%d", layer, head) }

// argmax is the position of the largest value of row.
func argmax(row []float32) int {
	best := 0
	for j, v := range row {
		if v > row[best] {
			best = j
		}
	}
	return best
}
