package checkpoint

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

// fromBook maps the book's GPTModel names to parameters. Its nn.Linear
// weights are out × in: they are transposed (once, outside the Go heap),
// and W_query | W_key | W_value are joined into one d × 3d matrix.
func fromBook(w *weights) (*compute.GPT2Params, error) {
	p := &compute.GPT2Params{}
	var err error
	if p.TokenEmb, err = w.embedding("tok_emb.weight"); err != nil {
		return nil, err
	}
	d := p.TokenEmb.Cols
	if p.PosEmb, err = w.mat("pos_emb.weight", w.rows("pos_emb.weight"), d); err != nil {
		return nil, err
	}
	L := w.countBlocks(func(i int) string { return fmt.Sprintf("trf_blocks.%d.norm1.scale", i) })
	if L == 0 {
		return nil, tensorErr(w.where, "trf_blocks.0.norm1.scale", "missing (no transformer blocks)")
	}
	p.Blocks = make([]compute.GPT2Block, L)
	for i := range p.Blocks {
		if err := bookBlock(w, &p.Blocks[i], fmt.Sprintf("trf_blocks.%d.", i), d); err != nil {
			return nil, err
		}
	}
	if p.LNFGain, err = w.vec("final_norm.scale", d); err != nil {
		return nil, err
	}
	if p.LNFBias, err = w.vec("final_norm.shift", d); err != nil {
		return nil, err
	}
	p.Head = p.TokenEmb
	if _, ok := w.ts["out_head.weight"]; ok {
		if p.Head, err = w.mat("out_head.weight", p.TokenEmb.Rows, d); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func bookBlock(w *weights, b *compute.GPT2Block, p string, d int) error {
	var err error
	vecs := []struct {
		dst  *[]float32
		name string
	}{
		{&b.LN1Gain, "norm1.scale"}, {&b.LN1Bias, "norm1.shift"},
		{&b.LN2Gain, "norm2.scale"}, {&b.LN2Bias, "norm2.shift"},
	}
	for _, v := range vecs {
		if *v.dst, err = w.vec(p+v.name, d); err != nil {
			return err
		}
	}
	if err := bookQKV(w, &b.Attn, p+"att.", d); err != nil {
		return err
	}
	lins := []struct {
		dst     *compute.Linear
		name    string
		in, out int
	}{
		{&b.Proj, "att.out_proj", d, d}, {&b.FC, "ff.layers.0", d, 4 * d}, {&b.MLPProj, "ff.layers.2", 4 * d, d},
	}
	for _, l := range lins {
		t, err := w.get(p+l.name+".weight", l.out, l.in) // the shape is checked before allocating
		if err != nil {
			return err
		}
		if l.dst.W, err = w.newMatrix(l.in, l.out); err != nil {
			return tensorErr(t.file, t.name, "%v", err)
		}
		if err := w.transposed(t, l.dst.W, 0, l.out); err != nil {
			return err
		}
		if l.dst.B, err = w.optVec(p+l.name+".bias", l.out); err != nil {
			return err
		}
	}
	return nil
}

// bookQKV joins W_query, W_key and W_value (and their biases, all three or
// none) into one d × 3d Linear, columns q | k | v.
func bookQKV(w *weights, dst *compute.Linear, p string, d int) error {
	names := []string{"W_query", "W_key", "W_value"}
	var ts [3]*tensor
	var err error
	for j, n := range names { // every shape is checked before allocating
		if ts[j], err = w.get(p+n+".weight", d, d); err != nil {
			return err
		}
	}
	if dst.W, err = w.newMatrix(d, 3*d); err != nil {
		return tensorErr(ts[0].file, ts[0].name, "%v", err)
	}
	biases := 0
	for j, n := range names {
		if err := w.transposed(ts[j], dst.W, j*d, d); err != nil {
			return err
		}
		if _, ok := w.ts[p+n+".bias"]; ok {
			biases++
		}
	}
	if biases == 0 {
		return nil
	}
	if biases != 3 {
		return tensorErr(w.where, p+"W_query.bias", "qkv biases must be all present or all absent (%d of 3 found)", biases)
	}
	if dst.B, err = w.a.floats(3 * d); err != nil {
		return tensorErr(w.where, p+"W_query.bias", "%v", err)
	}
	for j, n := range names {
		v, err := w.vec(p+n+".bias", d)
		if err != nil {
			return err
		}
		copy(dst.B[j*d:], v)
	}
	return nil
}
