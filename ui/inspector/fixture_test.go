package inspector

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/attnscope/attnscope/compute"
)

// bookLabels are the book sample's tokens.
var bookLabels = []string{"Your", " journey", " starts", " with", " one", " step"}

type refTensor struct {
	Shape  []int
	Values []any // float64, or "-Inf"
}

// loadRef reads testdata/book.json: PyTorch's chapter 3 tensors, copied
// from ref/ch03/ch03_reference.json.
func loadRef(t testing.TB) map[string]refTensor {
	t.Helper()
	raw, err := os.ReadFile("testdata/book.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]refTensor{}
	for k, v := range m {
		if k == "_comment" {
			continue
		}
		var r refTensor
		if err := json.Unmarshal(v, &r); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = r
	}
	return out
}

// mat returns the last two axes of a reference tensor as a matrix, taking
// index idx of the leading axes (e.g. batch 0, head 1 → idx 1).
func (r refTensor) mat(t testing.TB, idx int) *compute.Matrix {
	t.Helper()
	rows, cols := 1, 1
	switch n := len(r.Shape); {
	case n == 1:
		cols = r.Shape[0]
	case n >= 2:
		rows, cols = r.Shape[n-2], r.Shape[n-1]
	}
	data := make([]float32, rows*cols)
	for k := range data {
		switch v := r.Values[idx*rows*cols+k].(type) {
		case float64:
			data[k] = float32(v)
		case string:
			if v != "-Inf" {
				t.Fatalf("unexpected value %q", v)
			}
			data[k] = float32(math.Inf(-1))
		}
	}
	return compute.NewMatrixFrom(rows, cols, data)
}

func (r refTensor) vec(t testing.TB) []float32 { return r.mat(t, 0).Data }

func transpose(m *compute.Matrix) *compute.Matrix {
	out := compute.NewMatrix(m.Cols, m.Rows)
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < m.Cols; j++ {
			out.Set(j, i, m.At(i, j))
		}
	}
	return out
}

// bookResults builds, by hand from PyTorch's reference tensors, the Result
// of each configuration book mode shows: "rand123" (stages 6–8), "linear789"
// (causal), "drop" (dropout 0.5 reseeded with 123), "linear123" (heads,
// output). Each carries the simplified stages too.
func bookResults(t testing.TB) map[string]*compute.Result {
	t.Helper()
	ref := loadRef(t)
	m := func(name string) *compute.Matrix { return ref[name].mat(t, 0) }
	simple := compute.Simple{Context: m("simplified.all_context_vecs")}
	simple.SetScores(m("simplified.attn_scores"))
	simple.SetWeights(m("simplified.attn_weights"))
	base := func(cfg compute.Config) *compute.Result {
		return &compute.Result{Config: cfg, Inputs: m("inputs"), Simple: simple}
	}

	cfg := compute.DefaultConfig()
	cfg.Init = compute.InitRand
	rand123 := base(cfg)
	scaled := m("sa_v1.attn_scores")
	for k, v := range scaled.Data {
		scaled.Data[k] = v / float32(math.Sqrt(2))
	}
	rand123.Single = compute.Single{
		WQuery: m("sa_v1.W_query"), WKey: m("sa_v1.W_key"), WValue: m("sa_v1.W_value"),
		Queries: m("sa_v1.queries"), Keys: m("sa_v1.keys"), Values: m("sa_v1.values"),
		Context: m("sa_v1.context_vec"),
	}
	rand123.Single.SetScores(m("sa_v1.attn_scores"))
	rand123.Single.SetScaled(scaled)
	rand123.Single.SetWeights(m("sa_v1.attn_weights"))

	cfg = compute.DefaultConfig()
	cfg.Seed = 789
	linear789 := base(cfg)
	linear789.Single = compute.Single{
		WQuery: transpose(m("sa_v2.W_query.weight")), WKey: transpose(m("sa_v2.W_key.weight")),
		WValue:  transpose(m("sa_v2.W_value.weight")),
		Queries: m("sa_v2.queries"), Keys: m("sa_v2.keys"), Values: m("sa_v2.values"),
		CausalWeights: m("causal.attn_weights"),
	}
	linear789.Single.SetScores(m("causal.attn_scores"))
	linear789.Single.SetWeights(m("causal.attn_weights_unmasked"))
	linear789.Single.SetCausalMask(m("causal.mask_triu"))
	linear789.Single.SetMaskedScores(m("causal.masked_scores"))
	linear789.Single.SetCausalRenorm(m("causal.masked_simple_norm"))

	// p = 0: nothing drawn, the mask is all ones, the weights pass through.
	ones := compute.NewMatrix(6, 6)
	for k := range ones.Data {
		ones.Data[k] = 1
	}
	linear789.Single.SetDropoutMask(ones)
	linear789.Single.Dropped = linear789.Single.CausalWeights

	drop := base(cfg)
	drop.Config.Dropout = 0.5
	seed := uint64(123)
	drop.Config.DropoutSeed = &seed
	drop.Single = linear789.Single
	drop.Single.SetDropoutMask(m("dropout.keep_mask"))
	drop.Single.Dropped = m("dropout.attn_weights_output")
	drop.Single.CausalContext = compute.NewMatrix(6, 2)
	drop.Single.CausalContext.Mul(drop.Single.Dropped, drop.Single.Values)

	cfg = compute.DefaultConfig()
	linear123 := base(cfg)
	mha := compute.MHA{
		WQuery: transpose(m("mha.W_query.weight")), WKey: transpose(m("mha.W_key.weight")),
		WValue: transpose(m("mha.W_value.weight")), OutW: transpose(m("mha.out_proj.weight")),
		OutB: ref["mha.out_proj.bias"].vec(t), HeadDim: 1,
		Concat: m("mha.context_concat"), Output: m("mha.context_vecs"),
	}
	var masked, keep []*compute.Matrix
	for h := range 2 {
		mha.Queries = append(mha.Queries, ref["mha.queries"].mat(t, h))
		mha.Keys = append(mha.Keys, ref["mha.keys"].mat(t, h))
		mha.Values = append(mha.Values, ref["mha.values"].mat(t, h))
		masked = append(masked, ref["mha.masked_scores"].mat(t, h))
		mha.Weights = append(mha.Weights, ref["mha.attn_weights"].mat(t, h))
		ones := compute.NewMatrix(6, 6)
		for k := range ones.Data {
			ones.Data[k] = 1
		}
		keep = append(keep, ones)
		mha.Dropped = append(mha.Dropped, ref["mha.attn_weights"].mat(t, h))
		ctx := compute.NewMatrix(6, 1)
		for i := range 6 {
			ctx.Set(i, 0, mha.Concat.At(i, h))
		}
		mha.Context = append(mha.Context, ctx)
	}
	mha.SetMaskedScores(masked)
	mha.SetDropoutMask(keep)
	linear123.MHA = mha
	for _, name := range []string{"mha_wrapper.head0.attn_weights", "mha_wrapper.head1.attn_weights"} {
		w := m(name)
		linear123.Wrapper.Heads = append(linear123.Wrapper.Heads, compute.Single{CausalWeights: w, Dropped: w})
	}
	return map[string]*compute.Result{"rand123": rand123, "linear789": linear789, "drop": drop, "linear123": linear123}
}
