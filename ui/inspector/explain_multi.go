package inspector

import (
	"fmt"
	"math"
)

func heads(d *doc, c Cell, i, j int) {
	m, cfg := c.Result.MHA, c.Result.Config
	h := c.Head
	nh := len(m.Weights)
	hd := m.HeadDim
	d.heading(fmt.Sprintf("Head %d of %d, weight α%s", h+1, nh, sub2(i, j)))
	who(d, c, i, j)
	if hd > 0 {
		d.text(roleMuted, fmt.Sprintf("head_dim = %d: %s of the module's Q, K and V.", hd, span("column", h*hd+1, (h+1)*hd)))
	}
	sq := math.Sqrt(float64(max(hd, 1)))
	w := headAt(m.Weights, h)
	if masked(nil, i, j) {
		d.text(roleWarn, fmt.Sprintf("Masked: key %d comes after query %d, score −∞, weight 0.", j+1, i+1))
		v, _ := at(w, i, j)
		d.kv("α"+sub2(i, j), f(v), "")
	} else {
		if !qk(d, headAt(m.Queries, h), headAt(m.Keys, h), m.MaskedScores(h), "ω", "q", "k", i, j) {
			return
		}
		raw, _ := at(m.MaskedScores(h), i, j)
		d.add(4, words(roleText, fmt.Sprintf("s%s = ω%s / √head_dim = %s / %s = %s", sub2(i, j), sub2(i, j), f(raw), short(sq), f(raw/sq)))...)
		in := row(m.MaskedScores(h), i)
		if in == nil {
			d.missing("the masked scores")
			return
		}
		softmax(d, softmaxArgs{out: "α", in: "s", i: i, j: j, row: widen(in, sq), visible: i + 1, weights: w})
	}
	if cfg.Dropout > 0 {
		dm, okM := at(m.DropoutMask(h), i, j)
		after, okA := at(headAt(m.Dropped, h), i, j)
		if okM && okA {
			state := "kept, × " + short(1/(1-cfg.Dropout))
			if dm == 0 {
				state = "dropped"
			}
			d.kv("after dropout", f(after), state)
		}
	}
	d.blank()
	d.heading(fmt.Sprintf("The wrapper's head %d", h+1))
	if h >= len(c.Result.Wrapper.Heads) {
		d.missing("the wrapper's heads")
		return
	}
	wh := c.Result.Wrapper.Heads[h]
	d.text(roleMuted, fmt.Sprintf("A separate CausalAttention, d_out = %d wide, with its own weights, so its numbers differ:", cfg.DOut))
	if v, ok := at(wh.CausalWeights, i, j); ok {
		d.kv("α"+sub2(i, j), f(v), "")
	} else {
		d.missing("its weights")
	}
	if v, ok := at(wh.Dropped, i, j); ok && cfg.Dropout > 0 {
		d.kv("after dropout", f(v), "")
	}
}

func output(d *doc, c Cell, i, k int) {
	m := c.Result.MHA
	hd := m.HeadDim
	d.heading(fmt.Sprintf("Output out%s", subc(i, k)))
	d.text(roleMuted, fmt.Sprintf("token %s, component %d", tok(c.Labels, i), k+1))
	cat := row(m.Concat, i)
	wo := col(m.OutW, k)
	if cat == nil || wo == nil {
		d.missing("the concatenation or out_proj")
		return
	}
	if hd > 0 {
		for h := 0; h*hd < len(cat); h++ {
			if len(cat)/hd > maxTerms && h >= headTerms && (h+1)*hd < len(cat) {
				if h == headTerms {
					d.add(4, seg{"…", roleMuted})
				}
				continue
			}
			end := min((h+1)*hd, len(cat))
			d.add(4, seg{fmt.Sprintf("head %d → concat %s: ", h+1, span("column", h*hd+1, end)), roleText}, seg{vec(cat[h*hd : end]), roleMuted})
		}
	}
	d.text(roleText, fmt.Sprintf("out%s = concat%s · column %d of W_o + b_o", subc(i, k), sub(i), k+1))
	var tail []string
	if k < len(m.OutB) {
		tail = []string{fp(float64(m.OutB[k])) + " (bias)"}
	}
	v, ok := at(m.Output, i, k)
	res := f(v)
	if !ok {
		res = "not computed"
	}
	d.eq("out"+subc(i, k), dotTerms(cat, wo), res, tail...)
	if hd > 0 && len(cat) > hd {
		d.text(roleMuted, "Every output number mixes every head's columns: that is out_proj's job.")
	}
}
