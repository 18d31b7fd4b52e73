package inspector

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// content lays the inspector out wide enough that no sum wraps.
func content(t *testing.T, stage pipeline.Stage, cfg string, head, i, j int) string {
	t.Helper()
	m := New(themes.Default)
	m.SetSize(400, 80)
	m.SetCell(stage.Def(), bookResults(t)[cfg], head, i, j, bookLabels)
	return m.Content()
}

// TestStages checks, per stage, that the computation shown has the right
// factors and result. Expected results are the book's printed numbers
// (ch03.ipynb cell in brackets) or, where the book prints none, PyTorch's
// reference tensors (testdata/book.json) rounded to 4 decimals; factors are
// the book's inputs and the reference weights.
func TestStages(t *testing.T) {
	for _, tc := range []struct {
		name    string
		stage   pipeline.Stage
		cfg     string
		head    int
		i, j    int
		want    []string
		notWant []string
	}{
		{"tokens", pipeline.StageTokens, "rand123", 0, 1, 0,
			[]string{"Token 2 of 6", "“ journey”"}, nil},
		{"embeddings", pipeline.StageEmbeddings, "rand123", 0, 1, 2,
			[]string{"x₂,₃ = 0.6600", "x₂ = (0.5500, 0.8700, 0.6600)"}, nil},
		// [cell 4] ω₂₁ = x₂·x₁ = 0.9544
		{"scores", pipeline.StageScores, "rand123", 0, 1, 0,
			[]string{"ω₂₁ = 0.5500·0.4300 + 0.8700·0.1500 + 0.6600·0.8900 = 0.9544", "query 2 “ journey” → key 1 “Your”"}, nil},
		// [cell 9] row 2 max 1.4950; [cell 11] α₂₂ = 0.2379, row sums 1
		{"softmax", pipeline.StageSoftmax, "rand123", 0, 1, 1,
			[]string{"m = 1.4950", "exp(1.4950 − 1.4950) = exp(0.0000) = 1.0000", "= 4.2036", "α₂₂ = 1.0000 / 4.2036 = 0.2379", "row 2 sums to 1.0000"}, nil},
		{"softmax off-max", pipeline.StageSoftmax, "rand123", 0, 1, 0,
			[]string{"exp(0.9544 − 1.4950) = exp(-0.5406) = 0.5824", "α₂₁ = 0.5824 / 4.2036 = 0.1385"}, nil},
		// [cell 8] z₂ = (0.4419, 0.6515, 0.5683)
		{"context", pipeline.StageContext, "rand123", 0, 1, 0,
			[]string{"z₂,₁ = 0.1385·0.4300 + 0.2379·0.5500 + 0.2333·0.5700 + 0.1240·0.2200 + 0.1082·0.7700 + 0.1581·0.0500 = 0.4419",
				"= 0.1385·(0.4300, 0.1500, 0.8900)", "z₂ = (0.4419, 0.6515, 0.5683)"}, nil},
		// [cell 17] q₂ = (0.4306, 1.4551); W_query column 1 from sa_v1.W_query
		{"qkv", pipeline.StageQKV, "rand123", 0, 1, 0,
			[]string{"q₂,₁ = 0.5500·0.2961 + 0.8700·0.2517 + 0.6600·0.0740 = 0.4306", "k₂,₁ = ", "v₂,₁ = "}, []string{"bias"}},
		{"qkv col 2", pipeline.StageQKV, "rand123", 0, 1, 1,
			[]string{"= 1.4551"}, nil},
		// [cell 19] ω₂₂ = 1.8524; ÷√2
		{"scaled", pipeline.StageScaled, "rand123", 0, 1, 1,
			[]string{"ω₂₂ = q₂·k₂ = 0.4306·0.4433 + 1.4551·1.1419 = 1.8524", "÷ √d_k = ÷ √2 = ÷ 1.4142", "1.8524 / 1.4142 = 1.3098"}, nil},
		// [cell 21] weights of row 2; [cell 22] z₂ = (0.3061, 0.8210)
		{"weights", pipeline.StageWeights, "rand123", 0, 1, 0,
			[]string{"α₂₁ = 0.6627 / 4.4173 = 0.1500", "row 2 sums to 1.0000", "= 0.3061", "= 0.8210"}, nil},
		// [cells 29, 30, 28] masked score 0.1723, weight 0.4483 both ways
		{"causal visible", pipeline.StageCausal, "linear789", 0, 1, 1,
			[]string{"Visible", "ω₂₂ = q₂·k₂ = 0.9091·(-0.0298) + (-0.4471)·(-0.4459) = 0.1723", "√d_k = 1.4142",
				"Σ = 1.0000 + 0.8127 = 1.8127", "α₂₂ = 0.8127 / 1.8127 = 0.4483", "the 4 masked ones", "0.1659 / 0.3700 = 0.4483  equal"}, []string{"Masked:"}},
		{"causal masked", pipeline.StageCausal, "linear789", 0, 0, 3,
			[]string{"Masked: key 4 comes after query 1", "masked score = −∞", "α₁₄ = 0.0000"}, []string{"Visible"}},
		{"causal T-row", pipeline.StageCausal, "linear789", 0, 0, 0,
			[]string{"Σ = 1.0000", "α₁₁ = 1.0000 / 1.0000 = 1.0000", "Only the 1 visible key counts; the 5 masked ones add"}, []string{"= 1.0000 = 1.0000", "1 visible keys"}},
		// [cell 32] row 3: 0.3800 → 0.7599 (kept); row 2: 0.5517 → 0 (dropped)
		{"dropout kept", pipeline.StageDropout, "drop", 0, 2, 0,
			[]string{"p = 0.5", "torch (non-MKL", "reseeding with 123", "Kept (mask M₃₁ = 1)", "1/(1−0.5) = 2", "0.3800 × 2 = 0.7599", "row 3 now sums to 2.0000"}, []string{"Dropped"}},
		{"dropout dropped", pipeline.StageDropout, "drop", 0, 1, 0,
			[]string{"Dropped (mask M₂₁ = 0)", "0.5517 → 0.0000"}, []string{"Kept"}},
		{"dropout off", pipeline.StageDropout, "linear789", 0, 1, 0,
			[]string{"p = 0: dropout is off"}, nil},
		// mha.masked_scores / attn_weights head 2, row 3 (reference tensors)
		{"heads", pipeline.StageHeads, "linear123", 1, 2, 1,
			[]string{"Head 2 of 2", "head_dim = 1", "ω₃₂ = q₃·k₂ = (-0.0232)·0.1008 = -0.0023", "/ √head_dim", "α₃₂ = 1.0000 / 2.9959 = 0.3338", "The wrapper's head 2", "α₃₂ = 0.3580"}, nil},
		{"heads masked", pipeline.StageHeads, "linear123", 0, 0, 5,
			[]string{"Head 1 of 2", "Masked", "α₁₆ = 0.0000"}, nil},
		// [cell 36] output row 1 = (0.3190, 0.4858)
		{"output", pipeline.StageOutput, "linear123", 0, 0, 0,
			[]string{"head 1 → concat column 1: (-0.4519)", "head 2 → concat column 2: (0.2216)",
				"out₁,₁ = (-0.4519)·(-0.1668) + 0.2216·0.2270 + 0.1934 (bias) = 0.3190"}, nil},
		{"output col 2", pipeline.StageOutput, "linear123", 0, 0, 1,
			[]string{"= 0.4858"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := content(t, tc.stage, tc.cfg, tc.head, tc.i, tc.j)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("unexpected %q in\n%s", w, got)
				}
			}
			if strings.Contains(got, "NaN") || strings.Contains(got, "not computed") {
				t.Errorf("NaN or missing tensor in\n%s", got)
			}
		})
	}
}

func TestQKVBias(t *testing.T) {
	r := bookResults(t)["linear789"]
	r.Single.BQuery = []float32{0.5, -0.25}
	r.Single.BKey = []float32{0, 0}
	r.Single.BValue = []float32{0, 0}
	m := New(themes.Default)
	m.SetSize(300, 40)
	m.SetCell(pipeline.StageQKV.Def(), r, 0, 0, 1, bookLabels)
	if got := m.Content(); !strings.Contains(got, "+ (-0.2500) (bias) = ") {
		t.Errorf("bias term missing:\n%s", got)
	}
}

func TestDropoutMKLPath(t *testing.T) {
	r := bookResults(t)["drop"]
	r.Config.DropoutRNG = 1 // compute.RNGMKL
	m := New(themes.Default)
	m.SetSize(300, 40)
	m.SetCell(pipeline.StageDropout.Def(), r, 0, 2, 0, bookLabels)
	if got := m.Content(); !strings.Contains(got, "mkl (legacy Intel MKL path)") {
		t.Errorf("path not named:\n%s", got)
	}
}

// On a narrow panel a vector breaks between its numbers, never inside one
// (dropout stage at d_out 6 wrapped "-0.224" as "-" / "0.224").
func TestNeverWrapsInsideANumber(t *testing.T) {
	d := doc{}
	d.kv("z₁", vec([]float32{-0.449, -0.7221, -0.3874, -0.2387, -0.224, 0.5}), "")
	d.eq("Σ", []string{f(1)}, f(1))
	d.eq("ω₁₂", []string{fp(-0.449) + "·" + fp(0.5), fp(0.25) + "·" + fp(-0.7221)}, f(-0.4))
	num := regexp.MustCompile(`^\(?-?\d+\.\d{4}\)?[,·]?$`)
	for w := 12; w <= 60; w++ {
		for _, l := range d.layout(w) {
			if ansi.StringWidth(l.plain()) > w {
				t.Errorf("width %d: %q too wide", w, l.plain())
			}
			for _, tok := range strings.FieldsFunc(l.plain(), func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == '·' }) {
				if strings.ContainsAny(tok, "0123456789") && !strings.ContainsAny(tok, "=ωzΣ₁₂") && !num.MatchString(tok) {
					t.Errorf("width %d: number cut: %q in %q", w, tok, l.plain())
				}
			}
		}
	}
	if got := d.layout(80)[1].plain(); strings.TrimSpace(got) != "Σ = 1.0000" {
		t.Errorf("one-term sum: %q", got)
	}
}

func TestSpanAndCount(t *testing.T) {
	for got, want := range map[string]string{
		span("column", 1, 1):                    "column 1",
		span("column", 3, 4):                    "columns 3–4",
		count(1, "visible key", "visible keys"): "1 visible key",
		count(5, "visible key", "visible keys"): "5 visible keys",
		count(0, "masked one", "masked ones"):   "0 masked ones",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}
