package checkpoint

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

// fromHF maps Hugging Face GPT-2 names (optionally under prefix
// "transformer.") to parameters: Conv1D weights are in × out already.
func fromHF(w *weights, prefix string) (*compute.GPT2Params, error) {
	p := &compute.GPT2Params{}
	var err error
	if p.TokenEmb, err = w.embedding(prefix + "wte.weight"); err != nil {
		return nil, err
	}
	d := p.TokenEmb.Cols
	if p.PosEmb, err = w.mat(prefix+"wpe.weight", w.rows(prefix+"wpe.weight"), d); err != nil {
		return nil, err
	}
	L := w.countBlocks(func(i int) string { return fmt.Sprintf("%sh.%d.ln_1.weight", prefix, i) })
	if L == 0 {
		return nil, tensorErr(w.where, prefix+"h.0.ln_1.weight", "missing (no transformer blocks)")
	}
	p.Blocks = make([]compute.GPT2Block, L)
	for i := range p.Blocks {
		if err := hfBlock(w, &p.Blocks[i], fmt.Sprintf("%sh.%d.", prefix, i), d); err != nil {
			return nil, err
		}
	}
	if p.LNFGain, err = w.vec(prefix+"ln_f.weight", d); err != nil {
		return nil, err
	}
	if p.LNFBias, err = w.vec(prefix+"ln_f.bias", d); err != nil {
		return nil, err
	}
	p.Head = p.TokenEmb
	for _, n := range []string{"lm_head.weight", prefix + "lm_head.weight"} {
		if _, ok := w.ts[n]; ok {
			if p.Head, err = w.mat(n, p.TokenEmb.Rows, d); err != nil {
				return nil, err
			}
			break
		}
	}
	return p, nil
}

// rows is the first dimension of a tensor, or 1 when it is absent or has
// none (the shape check that follows reports the problem).
func (w *weights) rows(name string) int {
	if t, ok := w.ts[name]; ok && len(t.shape) > 0 && t.shape[0] > 0 {
		return t.shape[0]
	}
	return 1
}

func hfBlock(w *weights, b *compute.GPT2Block, p string, d int) error {
	var err error
	vecs := []struct {
		dst  *[]float32
		name string
		n    int
	}{
		{&b.LN1Gain, "ln_1.weight", d}, {&b.LN1Bias, "ln_1.bias", d},
		{&b.LN2Gain, "ln_2.weight", d}, {&b.LN2Bias, "ln_2.bias", d},
	}
	for _, v := range vecs {
		if *v.dst, err = w.vec(p+v.name, v.n); err != nil {
			return err
		}
	}
	lins := []struct {
		dst     *compute.Linear
		name    string
		in, out int
	}{
		{&b.Attn, "attn.c_attn", d, 3 * d}, {&b.Proj, "attn.c_proj", d, d},
		{&b.FC, "mlp.c_fc", d, 4 * d}, {&b.MLPProj, "mlp.c_proj", 4 * d, d},
	}
	for _, l := range lins {
		if l.dst.W, err = w.mat(p+l.name+".weight", l.in, l.out); err != nil {
			return err
		}
		if l.dst.B, err = w.vec(p+l.name+".bias", l.out); err != nil {
			return err
		}
	}
	return nil
}
