package inspector

import (
	"fmt"
	"math"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// explain builds the explanation of c. Every number shown as a result comes
// from c.Result's tensors; intermediate factors (products, exponentials,
// sums) are computed here from the shown inputs, for display only.
func explain(c Cell) doc {
	var d doc
	r := c.Result
	if r == nil {
		d.heading("Inspector")
		d.missing("this configuration")
		return d
	}
	explainCell, ok := explainers[c.Stage.Words]
	if !ok {
		d.heading("Inspector")
		d.text(roleWarn, "Unknown stage.")
		return d
	}
	tokens := c.Stage.Kind == pipeline.KindTokens
	rows, cols := GridSize(c.Stage, r, c.Head)
	if !tokens && (rows == 0 || cols == 0) {
		d.heading(title(c.Stage))
		d.missing("this stage's matrix")
		return d
	}
	if tokens {
		rows, cols = max(rows, len(c.Labels)), 1
	}
	if c.Row < 0 || c.Col < 0 || c.Row >= rows || c.Col >= cols {
		d.heading(title(c.Stage))
		d.text(roleWarn, fmt.Sprintf("No cell at row %d, column %d: the matrix is %d × %d.", c.Row+1, c.Col+1, rows, cols))
		return d
	}
	explainCell(&d, c, c.Row, c.Col)
	return d
}

// explainers explain one cell of a stage's main matrix, by the stage's
// Words key.
var explainers = map[string]func(d *doc, c Cell, i, j int){
	"tokens":     func(d *doc, c Cell, _, _ int) { tokens(d, c) },
	"embeddings": func(d *doc, c Cell, _, _ int) { embeddings(d, c) },
	"scores":     simpleScores,
	"softmax":    simpleSoftmax,
	"context":    simpleContext,
	"qkv":        qkv,
	"scaled":     scaled,
	"weights":    weights,
	"causal":     causal,
	"dropout":    dropout,
	"heads":      heads,
	"output":     output,
}

// GridSize is the shape of the matrix the cell cursor moves in at stage:
// its main (first) panel's, read from r for head; T×1 at the token table.
// It is 0×0 when the tensor is missing.
func GridSize(stage pipeline.StageDef, r *compute.Result, head int) (rows, cols int) {
	if r == nil {
		return 0, 0
	}
	if stage.Kind == pipeline.KindTokens {
		if r.Inputs != nil {
			return r.Inputs.Rows, 1
		}
		return 0, 0
	}
	if m := stage.Main(r, head); m != nil {
		return m.Rows, m.Cols
	}
	return 0, 0
}

// title is the stage's title, or "Inspector" for an unknown stage.
func title(s pipeline.StageDef) string {
	if s.Title == "" {
		return "Inspector"
	}
	return s.Title
}

// who names query i and key j with their labels.
func who(d *doc, c Cell, i, j int) {
	d.text(roleMuted, "query "+tok(c.Labels, i)+" → key "+tok(c.Labels, j))
}

func tokens(d *doc, c Cell) {
	i := c.Row
	d.heading(fmt.Sprintf("Token %d of %d", i+1, max(len(c.Labels), rowsOf(c.Result.Inputs))))
	if l := label(c.Labels, i); l != "" {
		d.kv("piece", l, "")
	}
	d.text(roleMuted, fmt.Sprintf("Its embedding x%s is row %d of X (next stage).", sub(i), i+1))
}

func rowsOf(m *compute.Matrix) int {
	if m == nil {
		return 0
	}
	return m.Rows
}

func embeddings(d *doc, c Cell) {
	i, k := c.Row, c.Col
	x := row(c.Result.Inputs, i)
	d.heading(fmt.Sprintf("Embedding x%s, component %d", sub(i), k+1))
	d.text(roleMuted, "token "+tok(c.Labels, i))
	d.kv("x"+subc(i, k), f32(x[k]), "")
	d.kv("x"+sub(i), vec(x), fmt.Sprintf("d_in = %d components", len(x)))
}

// dotTerms lists a[k]·b[k], abbreviated.
func dotTerms(a, b []float32) []string {
	n := min(len(a), len(b))
	out := make([]string, n)
	for k := range n {
		if n > maxTerms && k >= headTerms && k < n-1 {
			continue // abbreviate drops these
		}
		out[k] = fp(float64(a[k])) + "·" + fp(float64(b[k]))
	}
	return out
}

func simpleScores(d *doc, c Cell, i, j int) {
	x := c.Result.Inputs
	xi, xj := row(x, i), row(x, j)
	d.heading(fmt.Sprintf("Attention score ω%s = x%s·x%s", sub2(i, j), sub(i), sub(j)))
	who(d, c, i, j)
	if xi == nil || xj == nil {
		d.missing("the inputs X")
		return
	}
	d.kv("x"+sub(i), vec(xi), "")
	if i != j {
		d.kv("x"+sub(j), vec(xj), "")
	}
	v, _ := at(c.Result.Simple.Scores(), i, j)
	d.eq("ω"+sub2(i, j), dotTerms(xi, xj), f(v))
	if i == j {
		d.text(roleMuted, fmt.Sprintf("A dot product: multiply the %d components pairwise and add. On the diagonal a token meets itself: ω%s is its squared length.", len(xi), sub2(i, j)))
	} else {
		d.text(roleMuted, fmt.Sprintf("A dot product: multiply the %d components pairwise and add. ω%s = ω%s: the matrix is symmetric.", len(xi), sub2(i, j), sub2(j, i)))
	}
}

func simpleSoftmax(d *doc, c Cell, i, j int) {
	s := c.Result.Simple
	d.heading(fmt.Sprintf("Attention weight α%s = softmax(ω%s)%s", sub2(i, j), sub(i), sub(j)))
	who(d, c, i, j)
	in := row(s.Scores(), i)
	if in == nil {
		d.missing("the scores ω")
		return
	}
	softmax(d, softmaxArgs{
		out: "α", in: "ω", i: i, j: j, row: widen(in, 1), visible: len(in),
		weights: s.Weights(),
	})
}

func simpleContext(d *doc, c Cell, i, k int) {
	s := c.Result.Simple
	d.heading(fmt.Sprintf("Context z%s, component %d", sub(i), k+1))
	d.text(roleMuted, "token "+tok(c.Labels, i))
	context(d, contextArgs{out: "z", w: "α", v: "x", i: i, comps: []int{k},
		weights: row(s.Weights(), i), values: c.Result.Inputs, result: s.Context})
}

// widen converts a row to float64, dividing by scale.
func widen(v []float32, scale float64) []float64 {
	out := make([]float64, len(v))
	for k, x := range v {
		out[k] = float64(x) / scale
	}
	return out
}

type softmaxArgs struct {
	out, in string    // symbols of the weight and of the softmax's input
	i, j    int       // the cell
	row     []float64 // the softmax's input row (already divided by any scale)
	visible int       // the first visible entries take part; the rest are masked
	weights *compute.Matrix
}

// softmax explains weights[i, j] as the stable softmax of row over its
// visible prefix, as compute.SoftmaxRows does it.
func softmax(d *doc, a softmaxArgs) {
	n := min(a.visible, len(a.row))
	if a.j >= n {
		d.text(roleWarn, fmt.Sprintf("Masked: %s%s = −∞, exp(−∞) = 0.", a.in, sub2(a.i, a.j)))
		w, ok := at(a.weights, a.i, a.j)
		if ok {
			d.kv(a.out+sub2(a.i, a.j), f(w), "")
		} else {
			d.missing("the weights")
		}
		return
	}
	mx := math.Inf(-1)
	for _, v := range a.row[:n] {
		mx = math.Max(mx, v)
	}
	e := make([]float64, n)
	var sum float64
	for k, v := range a.row[:n] {
		e[k] = math.Exp(v - mx)
		sum += e[k]
	}
	d.text(roleText, fmt.Sprintf("%s%s = exp(%s%s − m) / Σ_k exp(%s%s,k − m)", a.out, sub2(a.i, a.j), a.in, sub2(a.i, a.j), a.in, sub(a.i)))
	d.kv("m", f(mx), fmt.Sprintf("the largest of row %d; subtracting it keeps exp from overflowing", a.i+1))
	d.add(4, seg{"exp(" + f(a.row[a.j]) + " − " + paren(f(mx)) + ") = ", roleText}, seg{"exp(" + f(a.row[a.j]-mx) + ")", roleText}, seg{" = " + f(e[a.j]), roleText})
	terms := make([]string, n)
	for k := range e {
		terms[k] = f(e[k])
	}
	d.eq("Σ", terms, f(sum))
	if n < len(a.row) {
		d.text(roleMuted, fmt.Sprintf("Only the %s; the %s exp(−∞) = 0.", count(n, "visible key counts", "visible keys count"), count(len(a.row)-n, "masked one adds", "masked ones add")))
	}
	w, ok := at(a.weights, a.i, a.j)
	if !ok {
		d.missing("the weights")
		return
	}
	d.add(4, seg{a.out + sub2(a.i, a.j) + " = " + f(e[a.j]) + " / " + f(sum) + " = ", roleText}, seg{f(w), roleValue | glue})
	if wr := row(a.weights, a.i); wr != nil {
		var rs float64
		for _, v := range wr {
			rs += float64(v)
		}
		d.add(4, seg{fmt.Sprintf("row %d sums to ", a.i+1), roleText}, seg{f(rs), roleValue | glue})
	}
}

type contextArgs struct {
	out, w, v string // symbols: context, weight, value vector
	i         int
	comps     []int           // components written out as sums
	weights   []float32       // row i of the weights
	values    *compute.Matrix // the vectors being averaged, T × d
	result    *compute.Matrix // the context vectors, T × d
}

// context explains row i of result as Σ_j weights[j]·values[j].
func context(d *doc, a contextArgs) {
	if a.weights == nil || a.values == nil {
		d.missing("the weights or the vectors they average")
		return
	}
	n := min(len(a.weights), a.values.Rows)
	d.text(roleText, fmt.Sprintf("%s%s = Σ_j %s%s,j · %s_j", a.out, sub(a.i), a.w, sub(a.i), a.v))
	for j := range n {
		if n > maxTerms && j >= headTerms && j < n-1 {
			if j == headTerms {
				d.add(4, seg{"…", roleMuted})
			}
			continue
		}
		op := "  + "
		if j == 0 {
			op = "  = "
		}
		d.add(6, seg{op + fp(float64(a.weights[j])) + "·" + vec(row(a.values, j)), roleText}, seg{"  " + a.v + sub(j), roleMuted})
	}
	for _, k := range a.comps {
		if k < 0 || k >= a.values.Cols {
			continue
		}
		terms := make([]string, n)
		for j := range n {
			if n > maxTerms && j >= headTerms && j < n-1 {
				continue
			}
			v, _ := at(a.values, j, k)
			terms[j] = fp(float64(a.weights[j])) + "·" + fp(v)
		}
		v, ok := at(a.result, a.i, k)
		res := f(v)
		if !ok {
			res = "not computed"
		}
		d.eq(a.out+subc(a.i, k), terms, res)
	}
	if z := row(a.result, a.i); z != nil {
		d.kv(a.out+sub(a.i), vec(z), "")
	}
}
