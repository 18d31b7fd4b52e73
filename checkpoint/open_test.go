package checkpoint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/attnscope/attnscope/compute"
)

type flatTensor struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

type expectedFile struct {
	Cases map[string]struct {
		Set  string `json:"set"`
		Head string `json:"head"`
	} `json:"cases"`
	Sets  map[string]map[string]flatTensor `json:"sets"`
	Heads map[string]flatTensor            `json:"heads"`
}

func loadExpected(t *testing.T) *expectedFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e expectedFile
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return &e
}

// cases: directory under testdata, model argument, options, and what Info must say.
var openCases = []struct {
	name, spec string
	opts       Options
	format     string
	dtype      string
	naming     string
	heads      int
}{
	{"hf_f32", "testdata/hf_f32", Options{}, "safetensors", "F32", "hf", 2},
	{"hf_f16", "testdata/hf_f16/model.safetensors", Options{}, "safetensors", "F16", "hf", 2},
	{"hf_bf16", "testdata/hf_bf16", Options{Heads: 2}, "safetensors", "BF16", "hf", 2},
	{"hf_prefix", "testdata/hf_prefix", Options{}, "safetensors", "F32", "hf", 2},
	{"hf_bin", "testdata/hf_bin", Options{Heads: 2}, "pth", "F32", "hf", 2},
	{"sharded", "testdata/sharded", Options{}, "sharded", "F32", "hf", 2},
	{"book_st", "testdata/book_st", Options{}, "safetensors", "F32", "book", 2},
	{"book_pth", "testdata/book_pth/model.pth", Options{Heads: 3}, "pth", "F32", "book", 3},
	{"book_legacy", "testdata/book_legacy", Options{}, "pth", "F32", "book", 3},
}

func TestOpenEveryFormat(t *testing.T) {
	exp := loadExpected(t)
	for _, c := range openCases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Open(c.spec, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			in := m.Info
			if in.Format != c.format || in.Dtype != c.dtype || in.Naming != c.naming || in.Config.Heads != c.heads {
				t.Errorf("info = %+v", in)
			}
			ec := exp.Cases[c.name]
			compareParams(t, m.Params, exp.Sets[ec.Set], exp.Heads[ec.Head])
		})
	}
}

func TestOpenHubName(t *testing.T) {
	abs, _ := filepath.Abs("testdata/hub")
	t.Setenv("HF_HUB_CACHE", abs)
	exp := loadExpected(t)
	m, err := Open("tiny-gpt2", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Info.Name != "tiny-gpt2" || m.Info.ConfigPath == "" || m.Info.Bytes != 12816 {
		t.Errorf("info = %+v", m.Info)
	}
	compareParams(t, m.Params, exp.Sets["A_F32"], flatTensor{})
}

// compareParams checks every parameter against the generator's values
// (Hugging Face names, Conv1D layout) exactly.
func compareParams(t *testing.T, p *compute.GPT2Params, set map[string]flatTensor, head flatTensor) {
	t.Helper()
	eq := func(name string, got []float32) {
		t.Helper()
		want, ok := set[name]
		if !ok {
			if got != nil {
				t.Errorf("%s: got %d values, want none", name, len(got))
			}
			return
		}
		if len(got) != len(want.Data) {
			t.Fatalf("%s: %d values, want %d", name, len(got), len(want.Data))
		}
		for i := range got {
			if got[i] != float32(want.Data[i]) {
				t.Fatalf("%s[%d] = %v, want %v", name, i, got[i], want.Data[i])
			}
		}
	}
	eq("wte.weight", p.TokenEmb.Data)
	eq("wpe.weight", p.PosEmb.Data)
	for i, b := range p.Blocks {
		pre := fmt.Sprintf("h.%d.", i)
		eq(pre+"ln_1.weight", b.LN1Gain)
		eq(pre+"ln_1.bias", b.LN1Bias)
		eq(pre+"ln_2.weight", b.LN2Gain)
		eq(pre+"ln_2.bias", b.LN2Bias)
		eq(pre+"attn.c_attn.weight", b.Attn.W.Data)
		eq(pre+"attn.c_attn.bias", b.Attn.B)
		eq(pre+"attn.c_proj.weight", b.Proj.W.Data)
		eq(pre+"attn.c_proj.bias", b.Proj.B)
		eq(pre+"mlp.c_fc.weight", b.FC.W.Data)
		eq(pre+"mlp.c_fc.bias", b.FC.B)
		eq(pre+"mlp.c_proj.weight", b.MLPProj.W.Data)
		eq(pre+"mlp.c_proj.bias", b.MLPProj.B)
	}
	if len(p.Blocks) != 2 {
		t.Errorf("%d blocks, want 2", len(p.Blocks))
	}
	eq("ln_f.weight", p.LNFGain)
	eq("ln_f.bias", p.LNFBias)
	if head.Data == nil {
		set = map[string]flatTensor{"head": set["wte.weight"]}
	} else {
		set = map[string]flatTensor{"head": head}
	}
	eq("head", p.Head.Data)
	if p.Head.Rows != p.TokenEmb.Rows || p.Head.Cols != p.TokenEmb.Cols {
		t.Errorf("head %dx%d, token embedding %dx%d", p.Head.Rows, p.Head.Cols, p.TokenEmb.Rows, p.TokenEmb.Cols)
	}
	c := p.Config
	if c.Vocab != 97 || c.Context != 16 || c.Layers != 2 || c.Eps != 1e-5 || c.D != p.TokenEmb.Cols {
		t.Errorf("config = %+v", c)
	}
}
