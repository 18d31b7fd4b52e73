package compute

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// Tolerances for tensors computed from the RNG draws: PyTorch's
// own AVX2 and DEFAULT kernels differ by up to 2.4e-7 on these
// (torch_rng.md), and float32 scores of magnitude s carry about s·6e-8.
const (
	refAbsTol = 1e-5
	refRelTol = 1e-5 // times the tensor's largest magnitude
)

// bookInputs is the chapter's 6×3 table.
var bookInputs = []float32{
	0.43, 0.15, 0.89,
	0.55, 0.87, 0.66,
	0.57, 0.85, 0.64,
	0.22, 0.58, 0.33,
	0.77, 0.25, 0.10,
	0.05, 0.80, 0.55,
}

func bookX() *Matrix { return NewMatrixFrom(6, 3, append([]float32(nil), bookInputs...)) }

type refTensor struct {
	Shape  []int           `json:"shape"`
	Values json.RawMessage `json:"values"`
}

// loadReference reads testdata/ch03_reference.json (PyTorch 1.13.1's
// tensors for the chapter) as flat name → values, −Inf as the string "-Inf".
func loadReference(t testing.TB) map[string][]float64 {
	t.Helper()
	b, err := os.ReadFile("testdata/ch03_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tensors map[string]json.RawMessage `json:"tensors"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	var walk func(prefix string, raw json.RawMessage)
	walk = func(prefix string, raw json.RawMessage) {
		var probe map[string]json.RawMessage
		if json.Unmarshal(raw, &probe) != nil {
			return
		}
		if v, ok := probe["values"]; ok {
			if _, ok := probe["shape"]; ok {
				var any any
				if json.Unmarshal(v, &any) == nil {
					out[prefix] = flattenJSON(any, nil)
				}
				return
			}
		}
		for k, r := range probe {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			walk(name, r)
		}
	}
	for k, r := range doc.Tensors {
		walk(k, r)
	}
	return out
}

func flattenJSON(v any, out []float64) []float64 {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = flattenJSON(e, out)
		}
	case float64:
		out = append(out, x)
	case bool:
		if x {
			out = append(out, 1)
		} else {
			out = append(out, 0)
		}
	case string:
		switch x {
		case "-Inf":
			out = append(out, math.Inf(-1))
		case "Inf":
			out = append(out, math.Inf(1))
		default:
			out = append(out, math.NaN())
		}
	}
	return out
}

func book(t testing.TB, init Init, seed uint64, dropout float64, dropoutSeed *uint64) *Result {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Init, cfg.Seed, cfg.Dropout, cfg.DropoutSeed = init, seed, dropout, dropoutSeed
	r, err := Run(bookX(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func flat(m *Matrix) []float32 { return m.Data }

func transposed(m *Matrix) []float32 {
	out := make([]float32, 0, len(m.Data))
	for j := 0; j < m.Cols; j++ {
		for i := 0; i < m.Rows; i++ {
			out = append(out, m.At(i, j))
		}
	}
	return out
}

// heads lists a per-head accessor's matrices.
func heads(at func(h int) *Matrix, n int) []*Matrix {
	out := make([]*Matrix, n)
	for h := range out {
		out[h] = at(h)
	}
	return out
}

// naive is s's naive-softmax weights.
func naive(s Simple) *Matrix {
	w, _ := s.NaiveWeights()
	return w
}

func stack(ms []*Matrix) []float32 {
	var out []float32
	for _, m := range ms {
		out = append(out, m.Data...)
	}
	return out
}

// TestBookReference checks every tensor the book configurations print against
// PyTorch's (ch03_reference.json). Batched references ([2, …], the book
// stacks the input twice) are compared on batch element 0; nn.Linear
// weights ([out, in]) against our transposed W.
func TestBookReference(t *testing.T) {
	ref := loadReference(t)
	t.Run("default", func(t *testing.T) { checkBookReference(t, ref) })
	if hasFMA { // the portable path too
		t.Run("gonum", func(t *testing.T) {
			defer func(b bool) { useFMA, useBLAS = hasFMA, b }(useBLAS)
			useFMA, useBLAS = false, false
			checkBookReference(t, ref)
		})
	}
}

// refCheck is one of our tensors and the reference tensor it must equal.
type refCheck struct {
	ref   string
	got   []float32
	exact bool // drawn from the RNG: bit for bit
}

func checkBookReference(t *testing.T, ref map[string][]float64) {
	checks := bookChecks(t)
	worst := 0.0
	for _, c := range checks {
		want, ok := ref[c.ref]
		if !ok {
			t.Errorf("%s: not in the reference", c.ref)
			continue
		}
		if len(want) > len(c.got) { // batched: element 0 comes first
			want = want[:len(c.got)]
		}
		if len(want) != len(c.got) {
			t.Errorf("%s: %d values, reference has %d", c.ref, len(c.got), len(want))
			continue
		}
		worst = max(worst, compareRef(t, c, want))
	}
	t.Logf("%d reference tensors, worst abs error %.3g", len(checks), worst)
}

// compareRef reports every value of c farther from want than the
// tolerance (or not bit-identical, for drawn tensors) and returns the
// largest error.
func compareRef(t *testing.T, c refCheck, want []float64) (worst float64) {
	t.Helper()
	scale := 0.0
	for _, w := range want {
		if !math.IsInf(w, 0) {
			scale = max(scale, math.Abs(w))
		}
	}
	tol := refAbsTol + refRelTol*scale
	for k, w := range want {
		g := float64(c.got[k])
		if math.IsInf(w, 0) || math.IsInf(g, 0) {
			if w != g {
				t.Errorf("%s[%d] = %v, want %v", c.ref, k, g, w)
			}
			continue
		}
		d := math.Abs(g - w)
		if c.exact && d != 0 {
			t.Errorf("%s[%d] = %v, want exactly %v", c.ref, k, g, w)
		} else if d > tol {
			t.Errorf("%s[%d] = %v, want %v (err %.3g > %.3g)", c.ref, k, g, w, d, tol)
		}
		worst = max(worst, d)
	}
	return worst
}

// bookChecks computes the book configurations and pairs their tensors
// with the reference names.
func bookChecks(t *testing.T) []refCheck {
	s123 := uint64(123)
	rand123 := book(t, InitRand, 123, 0, nil)
	lin789 := book(t, InitLinear, 789, 0, nil)
	lin789d := book(t, InitLinear, 789, 0.5, &s123)
	lin123 := book(t, InitLinear, 123, 0, nil)
	lin123p := book(t, InitLinear, 123, 0.5, nil)

	w0 := lin123.Wrapper.Heads
	checks := []refCheck{
		{"simplified.attn_scores", flat(rand123.Simple.Scores()), false},
		{"simplified.attn_weights", flat(rand123.Simple.Weights()), false},
		{"simplified.all_context_vecs", flat(rand123.Simple.Context), false},

		{"sa_v1.W_query", flat(rand123.Single.WQuery), true},
		{"sa_v1.W_key", flat(rand123.Single.WKey), true},
		{"sa_v1.W_value", flat(rand123.Single.WValue), true},
		{"sa_v1.queries", flat(rand123.Single.Queries), false},
		{"sa_v1.keys", flat(rand123.Single.Keys), false},
		{"sa_v1.values", flat(rand123.Single.Values), false},
		{"sa_v1.attn_scores", flat(rand123.Single.Scores()), false},
		{"sa_v1.attn_weights", flat(rand123.Single.Weights()), false},
		{"sa_v1.context_vec", flat(rand123.Single.Context), false},

		{"sa_v2.W_query.weight", transposed(lin789.Single.WQuery), true},
		{"sa_v2.W_key.weight", transposed(lin789.Single.WKey), true},
		{"sa_v2.W_value.weight", transposed(lin789.Single.WValue), true},
		{"sa_v2.queries", flat(lin789.Single.Queries), false},
		{"sa_v2.keys", flat(lin789.Single.Keys), false},
		{"sa_v2.values", flat(lin789.Single.Values), false},
		{"sa_v2.attn_scores", flat(lin789.Single.Scores()), false},
		{"sa_v2.attn_weights", flat(lin789.Single.Weights()), false},
		{"sa_v2.context_vec", flat(lin789.Single.Context), false},
		{"causal.attn_scores", flat(lin789.Single.Scores()), false},
		{"causal.attn_weights_unmasked", flat(lin789.Single.Weights()), false},
		{"causal.masked_simple_norm", flat(lin789.Single.CausalRenorm()), false},
		{"causal.mask_triu", flat(lin789.Single.CausalMask()), true},
		{"causal.masked_scores", flat(lin789.Single.MaskedScores()), false},
		{"causal.attn_weights", flat(lin789.Single.CausalWeights), false},
		{"dropout.attn_weights_output", flat(lin789d.Single.Dropped), false},
		{"dropout.keep_mask", flat(lin789d.Single.DropoutMask()), true},

		{"causal_attention.W_query.weight", transposed(lin123.Single.WQuery), true},
		{"causal_attention.W_key.weight", transposed(lin123.Single.WKey), true},
		{"causal_attention.W_value.weight", transposed(lin123.Single.WValue), true},
		{"causal_attention.queries", flat(lin123.Single.Queries), false},
		{"causal_attention.keys", flat(lin123.Single.Keys), false},
		{"causal_attention.values", flat(lin123.Single.Values), false},
		{"causal_attention.masked_scores", flat(lin123.Single.MaskedScores()), false},
		{"causal_attention.attn_weights", flat(lin123.Single.Dropped), false},
		{"causal_attention.context_vecs", flat(lin123.Single.CausalContext), false},

		{"mha_wrapper.head0.W_query.weight", transposed(w0[0].WQuery), true},
		{"mha_wrapper.head0.W_key.weight", transposed(w0[0].WKey), true},
		{"mha_wrapper.head0.W_value.weight", transposed(w0[0].WValue), true},
		{"mha_wrapper.head0.attn_weights", flat(w0[0].Dropped), false},
		{"mha_wrapper.head0.context_vecs", flat(w0[0].CausalContext), false},
		{"mha_wrapper.head1.W_query.weight", transposed(w0[1].WQuery), true},
		{"mha_wrapper.head1.W_key.weight", transposed(w0[1].WKey), true},
		{"mha_wrapper.head1.W_value.weight", transposed(w0[1].WValue), true},
		{"mha_wrapper.head1.attn_weights", flat(w0[1].Dropped), false},
		{"mha_wrapper.head1.context_vecs", flat(w0[1].CausalContext), false},
		{"mha_wrapper.context_vecs", flat(lin123.Wrapper.Context), false},

		{"mha.W_query.weight", transposed(lin123.MHA.WQuery), true},
		{"mha.W_key.weight", transposed(lin123.MHA.WKey), true},
		{"mha.W_value.weight", transposed(lin123.MHA.WValue), true},
		{"mha.out_proj.weight", transposed(lin123.MHA.OutW), true},
		{"mha.out_proj.bias", lin123.MHA.OutB, true},
		{"mha.queries", stack(lin123.MHA.Queries), false},
		{"mha.keys", stack(lin123.MHA.Keys), false},
		{"mha.values", stack(lin123.MHA.Values), false},
		{"mha.masked_scores", stack(heads(lin123.MHA.MaskedScores, len(lin123.MHA.Weights))), false},
		{"mha.attn_weights", stack(lin123.MHA.Weights), false},
		{"mha.context_concat", flat(lin123.MHA.Concat), false},
		{"mha.context_vecs", flat(lin123.MHA.Output), false},

		{"extra.causal_attention_p05.attn_weights", flat(lin123p.Single.CausalWeights), false},
		{"extra.causal_attention_p05.attn_weights_dropped", flat(lin123p.Single.Dropped), false},
		{"extra.causal_attention_p05.context_vecs", flat(lin123p.Single.CausalContext), false},
		{"extra.mha_p05.attn_weights_dropped", stack(lin123p.MHA.Dropped), false},
		{"extra.mha_p05.context_vecs", flat(lin123p.MHA.Output), false},
	}
	// softmax_naive and the stable softmax of row 2 ("journey").
	checks = append(checks,
		refCheck{"simplified.attn_weights_2_naive", naive(rand123.Simple).Row(1), false},
		refCheck{"simplified.attn_weights_2", rand123.Simple.Weights().Row(1), false},
	)
	if _, overflow := rand123.Simple.NaiveWeights(); overflow {
		t.Error("book scores cannot overflow the naive softmax")
	}
	return checks
}
