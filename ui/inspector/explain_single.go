package inspector

import (
	"fmt"
	"math"

	"github.com/attnscope/attnscope/compute"
)

// projection explains out[i, c] = x_i · W[:, c] (+ b[c]).
func projection(d *doc, sym, wName string, x []float32, w *compute.Matrix, b []float32, out *compute.Matrix, i, c int) {
	wc := col(w, c)
	if x == nil || wc == nil {
		d.missing(wName)
		return
	}
	var tail []string
	if c < len(b) {
		tail = []string{fp(float64(b[c])) + " (bias)"}
	}
	v, ok := at(out, i, c)
	res := f(v)
	if !ok {
		res = "not computed"
	}
	d.eq(sym+subc(i, c), dotTerms(x, wc), res, tail...)
}

func qkv(d *doc, c Cell, i, k int) {
	s := c.Result.Single
	x := row(c.Result.Inputs, i)
	d.heading(fmt.Sprintf("q%s, k%s, v%s: component %d", sub(i), sub(i), sub(i), k+1))
	d.text(roleMuted, "token "+tok(c.Labels, i))
	if x == nil {
		d.missing("the inputs X")
		return
	}
	d.kv("x"+sub(i), vec(x), "")
	d.text(roleText, fmt.Sprintf("q%s = x%s·W_q: x%s times column %d of W_q", sub(i), sub(i), sub(i), k+1))
	projection(d, "q", "W_query", x, s.WQuery, s.BQuery, s.Queries, i, k)
	projection(d, "k", "W_key", x, s.WKey, s.BKey, s.Keys, i, k)
	projection(d, "v", "W_value", x, s.WValue, s.BValue, s.Values, i, k)
	d.text(roleMuted, "Keys and values come from the same x with their own matrices.")
}

// dk is the key width d_k of the single-head module.
func dk(r *compute.Result) int {
	if r.Single.Keys != nil {
		return r.Single.Keys.Cols
	}
	return r.Config.DOut
}

// qk explains the unscaled score q_i·k_j of queries and keys; it returns
// false when they are missing.
func qk(d *doc, q, k, score *compute.Matrix, sym, qs, ks string, i, j int) bool {
	qi, kj := row(q, i), row(k, j)
	if qi == nil || kj == nil {
		d.missing("the queries and keys")
		return false
	}
	d.kv(qs+sub(i), vec(qi), "")
	d.kv(ks+sub(j), vec(kj), "")
	v, ok := at(score, i, j)
	res := f(v)
	if !ok {
		res = "not computed"
	}
	d.eq(sym+sub2(i, j)+" = "+qs+sub(i)+"·"+ks+sub(j), dotTerms(qi, kj), res)
	return true
}

func scaled(d *doc, c Cell, i, j int) {
	s := c.Result.Single
	d.heading(fmt.Sprintf("Scaled score ω%s / √d_k", sub2(i, j)))
	who(d, c, i, j)
	if !qk(d, s.Queries, s.Keys, s.Scores(), "ω", "q", "k", i, j) {
		return
	}
	n := dk(c.Result)
	raw, _ := at(s.Scores(), i, j)
	v, ok := at(s.Scaled(), i, j)
	if !ok {
		d.missing("the scaled scores")
		return
	}
	d.add(4, append(words(roleText, fmt.Sprintf("÷ √d_k = ÷ √%d = ÷ %s:  %s / %s =", n, f(math.Sqrt(float64(n))), f(raw), f(math.Sqrt(float64(n))))), seg{" " + f(v), roleValue | glue})...)
}

func weights(d *doc, c Cell, i, j int) {
	s := c.Result.Single
	d.heading(fmt.Sprintf("Attention weight α%s", sub2(i, j)))
	who(d, c, i, j)
	in := s.ScaledRow(i) // one row, not the whole matrix
	if in == nil {
		d.missing("the scaled scores")
		return
	}
	d.text(roleMuted, fmt.Sprintf("s = ω/√d_k, the scaled scores of row %d", i+1))
	softmax(d, softmaxArgs{out: "α", in: "s", i: i, j: j, row: widen(in, 1), visible: len(in), weights: s.Weights()})
	d.blank()
	d.heading(fmt.Sprintf("Context vector z%s", sub(i)))
	context(d, contextArgs{out: "z", w: "α", v: "v", i: i, comps: firstComps(s.Values),
		weights: row(s.Weights(), i), values: s.Values, result: s.Context})
}

// firstComps lists the components written out in a context block: all of
// them up to 2, then the first 2.
func firstComps(v *compute.Matrix) []int {
	if v == nil {
		return nil
	}
	n := min(v.Cols, 2)
	out := make([]int, n)
	for k := range out {
		out[k] = k
	}
	return out
}

// masked reports whether (i, j) is masked: by the mask tensor if there is
// one, else j > i.
func masked(mask *compute.Matrix, i, j int) bool {
	if v, ok := at(mask, i, j); ok {
		return v != 0
	}
	return j > i
}

func causal(d *doc, c Cell, i, j int) {
	s := c.Result.Single
	d.heading(fmt.Sprintf("Causal weight α%s", sub2(i, j)))
	who(d, c, i, j)
	n := dk(c.Result)
	sq := math.Sqrt(float64(n))
	if masked(s.CausalMask(), i, j) {
		d.text(roleWarn, fmt.Sprintf("Masked: key %d comes after query %d (j > i), so the model may not look at it.", j+1, i+1))
		ms, _ := at(s.MaskedScores(), i, j)
		d.kv("masked score", f(ms), "set before the softmax")
		w, _ := at(s.CausalWeights, i, j)
		d.kv("α"+sub2(i, j), f(w), "exp(−∞) = 0")
		if v, ok := at(s.CausalRenorm(), i, j); ok {
			d.kv("simple method", f(v), "softmax first, then × 0")
		}
		return
	}
	d.text(roleText, fmt.Sprintf("Visible: key %d is not after query %d (j ≤ i).", j+1, i+1))
	if !qk(d, s.Queries, s.Keys, s.MaskedScores(), "ω", "q", "k", i, j) {
		return
	}
	in := row(s.MaskedScores(), i)
	if in == nil {
		d.missing("the masked scores")
		return
	}
	d.text(roleMuted, fmt.Sprintf("The book masks the unscaled ω and divides by √d_k = %s inside the softmax: s = ω/√d_k.", f(sq)))
	softmax(d, softmaxArgs{out: "α", in: "s", i: i, j: j, row: widen(in, sq), visible: i + 1, weights: s.CausalWeights})
	if v, ok := at(s.CausalRenorm(), i, j); ok {
		d.blank()
		d.heading("The simple method gives the same")
		wrow := s.WeightsRow(i) // one row, not the whole matrix
		var u float64
		if j < len(wrow) {
			u = float64(wrow[j])
		}
		var pre float64
		for k, w := range wrow {
			if !masked(s.CausalMask(), i, k) {
				pre += float64(w)
			}
		}
		d.text(roleText, fmt.Sprintf("Unmasked softmax %s, divided by the sum of the visible weights of row %d, %s:", f(u), i+1, f(pre)))
		w, _ := at(s.CausalWeights, i, j)
		note := "equal"
		if diff := math.Abs(float64(v) - w); diff > 1e-6 {
			note = "differs by " + f(diff) + " (float32 rounding)"
		}
		d.add(4, seg{f(u) + " / " + f(pre) + " = ", roleText}, seg{f(v), roleValue | glue}, seg{"  " + note, roleMuted})
	}
}

func dropout(d *doc, c Cell, i, j int) {
	s, cfg := c.Result.Single, c.Result.Config
	d.heading(fmt.Sprintf("Dropout of weight α%s", sub2(i, j)))
	who(d, c, i, j)
	before, okB := at(s.CausalWeights, i, j)
	after, okA := at(s.Dropped, i, j)
	if !okB || !okA {
		d.missing("the causal or dropped weights")
		return
	}
	p := cfg.Dropout
	if p <= 0 {
		d.text(roleText, "p = 0: dropout is off; nothing is drawn and the mask is all ones.")
		d.add(4, seg{"before " + f(before) + " → after ", roleText}, seg{f(after), roleValue | glue})
		return
	}
	path := "torch (non-MKL, as in the notebook)"
	if cfg.DropoutRNG == compute.RNGMKL {
		path = "mkl (legacy Intel MKL path)"
	}
	seed := "drawn from the module's generator"
	if cfg.DropoutSeed != nil {
		seed = fmt.Sprintf("drawn after reseeding with %d", *cfg.DropoutSeed)
	}
	d.kv("p", short(p), "path "+path+", "+seed)
	scale := 1 / (1 - p)
	m, ok := at(s.DropoutMask(), i, j)
	switch {
	case !ok:
		d.missing("the dropout mask")
	case m != 0:
		d.text(roleText, fmt.Sprintf("Kept (mask M%s = 1): scaled by 1/(1−p) = 1/(1−%s) = %s.", sub2(i, j), short(p), short(scale)))
		d.add(4, seg{f(before) + " × " + short(scale) + " = ", roleText}, seg{f(after), roleValue | glue})
	default:
		d.text(roleWarn, fmt.Sprintf("Dropped (mask M%s = 0): the weight becomes 0.", sub2(i, j)))
		d.add(4, seg{f(before) + " → ", roleText}, seg{f(after), roleValue | glue})
	}
	if j > i {
		d.text(roleMuted, "The causal mask had already made this weight 0; dropout cannot change that.")
	}
	if dr := row(s.Dropped, i); dr != nil {
		var rs float64
		for _, v := range dr {
			rs += float64(v)
		}
		d.add(4, seg{fmt.Sprintf("row %d now sums to ", i+1), roleText}, seg{f(rs), roleValue | glue}, seg{"  (dropout does not renormalise)", roleMuted})
	}
	d.blank()
	d.heading(fmt.Sprintf("Context vector z%s", sub(i)))
	context(d, contextArgs{out: "z", w: "d", v: "v", i: i, comps: firstComps(s.Values),
		weights: row(s.Dropped, i), values: s.Values, result: s.CausalContext})
}
