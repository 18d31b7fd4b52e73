package compute_test

import (
	"context"
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

// A one-block model whose query and key weights are zero: every score is
// 0, so each position spreads its attention evenly over the positions it
// may see, and the head scores follow from that alone (first token: the
// mean of 1/(i+1); entropy: the mean of ln(i+1)).
func ExampleGPT2Params_Trace() {
	const d, heads, vocab, ctx = 4, 2, 5, 8
	ones := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = 1
		}
		return v
	}
	emb := compute.NewMatrix(vocab, d)
	for i := range emb.Data {
		emb.Data[i] = float32(i%7) / 7
	}
	p := &compute.GPT2Params{
		Config:   compute.GPT2Config{D: d, Heads: heads, Layers: 1, Vocab: vocab, Context: ctx, Eps: 1e-5},
		TokenEmb: emb, PosEmb: compute.NewMatrix(ctx, d),
		Blocks: []compute.GPT2Block{{
			LN1Gain: ones(d), LN2Gain: ones(d),
			Attn:    compute.Linear{W: compute.NewMatrix(d, 3*d)},
			Proj:    compute.Linear{W: compute.NewMatrix(d, d)},
			FC:      compute.Linear{W: compute.NewMatrix(d, 4*d)},
			MLPProj: compute.Linear{W: compute.NewMatrix(4*d, d)},
		}},
		LNFGain: ones(d),
	}
	p.Head = p.TokenEmb
	tr, err := p.Trace(context.Background(), []int{1, 3, 1, 3}, compute.TraceOptions{})
	if err != nil {
		panic(err)
	}
	w := tr.Layer(0).Weights[0]
	for i := range w.Rows {
		fmt.Printf("%.3f\n", w.Row(i))
	}
	m := tr.Metrics
	fmt.Printf("first token %.4f, previous token %.4f, induction %.4f, entropy %.4f\n",
		m.FirstToken[0][0], m.PreviousToken[0][0], m.Induction[0][0], m.Entropy[0][0])
	ids, _ := tr.TopK(2)
	fmt.Println("next:", ids)
	// Output:
	// [1.000 0.000 0.000 0.000]
	// [0.500 0.500 0.000 0.000]
	// [0.333 0.333 0.333 0.000]
	// [0.250 0.250 0.250 0.250]
	// first token 0.5208, previous token 0.2708, induction 0.1458, entropy 0.7945
	// next: [3 1]
}
