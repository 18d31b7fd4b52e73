package pipeline

import (
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/tokenizer"
)

// TestBookShortcutMatchesTheEncoder: the book sentence's tokens, answered
// without the encoder, are exactly what the encoder gives.
func TestBookShortcutMatchesTheEncoder(t *testing.T) {
	req := DefaultRequest()
	fast, err := tokenize(req)
	if err != nil {
		t.Fatal(err)
	}
	real, err := tokenizer.Tokenize("gpt2", req.Text, tokenizer.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast.Tokens, real.Tokens) {
		t.Fatalf("shortcut tokens %+v\nencoder tokens %+v", fast.Tokens, real.Tokens)
	}
}

func TestBookModeUsesTheChaptersConfigurations(t *testing.T) {
	sc, err := Build(DefaultRequest())
	if err != nil {
		t.Fatal(err)
	}
	if !sc.Book || sc.Source != FromBookTable {
		t.Fatalf("default launch: book %v source %v", sc.Book, sc.Source)
	}
	cases := []struct {
		stage   Stage
		init    compute.Init
		seed    uint64
		dropout float64
	}{
		{StageQKV, compute.InitRand, 123, 0},
		{StageWeights, compute.InitRand, 123, 0},
		{StageCausal, compute.InitLinear, 789, 0},
		{StageDropout, compute.InitLinear, 789, 0.5},
		{StageHeads, compute.InitLinear, 123, 0},
		{StageOutput, compute.InitLinear, 123, 0},
	}
	for _, c := range cases {
		cfg := sc.ResultFor(c.stage).Config
		if cfg.Init != c.init || cfg.Seed != c.seed || cfg.Dropout != c.dropout {
			t.Errorf("%v: config %+v", c.stage, cfg)
		}
	}
	// book, cell 15 of the notebook: W_query (rand, seed 123) starts 0.2961
	if got := sc.ResultFor(StageQKV).Single.WQuery.At(0, 0); math.Abs(float64(got)-0.2961) > 5e-5 {
		t.Errorf("W_query[0][0] = %v, want 0.2961 (the book)", got)
	}
}

func TestChangedTextLeavesTheBookTable(t *testing.T) {
	req := DefaultRequest()
	req.Text = "Your journey starts with one step!"
	sc, err := Build(req)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Source != FromEmbedding || sc.Book {
		t.Fatalf("changed text: source %v book %v", sc.Source, sc.Book)
	}
	req = DefaultRequest()
	req.Config.DIn = 4
	if sc, err = Build(req); err != nil || sc.Source != FromEmbedding {
		t.Fatalf("d_in 4: %v, %v", err, sc)
	}
}

func TestBuildErrors(t *testing.T) {
	req := DefaultRequest()
	req.Text = ""
	if _, err := Build(req); err == nil {
		t.Error("empty text: no error")
	}
	req = DefaultRequest()
	req.Config.Heads = 3
	if _, err := Build(req); err == nil {
		t.Error("heads 3, d_out 2: no error")
	}
	req = DefaultRequest()
	req.Encoding = "nope"
	if _, err := Build(req); err == nil {
		t.Error("unknown encoding: no error")
	}
}

func TestParseStage(t *testing.T) {
	for i, n := range StageNames() {
		if s, err := ParseStage(n); err != nil || int(s) != i {
			t.Errorf("ParseStage(%q) = %v, %v", n, s, err)
		}
	}
	if _, err := ParseStage("nope"); err == nil {
		t.Error("unknown stage accepted")
	}
}

// Every panel of every stage finds its tensor, in book mode and out of it,
// for every head; the main panel's matrix is the one the cursor moves in.
func TestStagePanelsResolve(t *testing.T) {
	for _, book := range []bool{true, false} {
		req := DefaultRequest()
		req.Book = book
		sc, err := Build(req)
		if err != nil {
			t.Fatal(err)
		}
		if len(sc.Stages) != NumStages {
			t.Fatalf("%d stages", len(sc.Stages))
		}
		for s, def := range sc.Stages {
			v := sc.View(Stage(s))
			for h := range v.Heads {
				ps := def.Resolve(v, h)
				if len(ps) != len(def.Panels) {
					t.Errorf("book=%v %s head %d: %d of %d panels resolve", book, def.Name, h, len(ps), len(def.Panels))
				}
				for _, p := range ps {
					if strings.Contains(p.Label, "{") || (p.Dropped == nil) == (p.PanelDef.Dropped != "" && v.Dropout) {
						t.Errorf("book=%v %s: panel %+v", book, def.Name, p)
					}
				}
				if (def.Kind == KindTokens) != (def.Main(v.Tensors, h) == nil) {
					t.Errorf("%s: main matrix %v", def.Name, def.Main(v.Tensors, h))
				}
			}
			if def.Words == "" || def.Title == "" || Stage(s).Def().Name != def.Name {
				t.Errorf("stage %d: %+v", s, def)
			}
		}
	}
}

var wrapperHead = regexp.MustCompile(`^wrapper\.head\d+\.`)

// docs/stages.md describes every stage, every panel's tensor and every
// name of the catalogue.
func TestStagesDocumented(t *testing.T) {
	b, err := os.ReadFile("../docs/stages.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	sc, err := Build(DefaultRequest())
	if err != nil {
		t.Fatal(err)
	}
	for i, def := range sc.Stages {
		if !strings.Contains(doc, fmt.Sprintf("### %d. `%s`", i+1, def.Name)) || !strings.Contains(doc, "| "+def.Title+" |") {
			t.Errorf("stage %d %q (%s) is not described", i+1, def.Name, def.Title)
		}
		for _, p := range def.Panels {
			if !strings.Contains(doc, "`"+p.Tensor+"`") {
				t.Errorf("%s: panel tensor %s is not documented", def.Name, p.Tensor)
			}
		}
	}
	for _, ts := range sc.Result.Tensors() {
		name := wrapperHead.ReplaceAllString(ts.Name, "wrapper.head{h}.")
		short := name[strings.LastIndex(name, ".")+1:] // `…W_key` in a row of three
		if !strings.Contains(doc, "`"+name+"`") && !strings.Contains(doc, "`…"+short+"`") {
			t.Errorf("catalogue tensor %s is not documented", ts.Name)
		}
	}
}

// layerCat answers "layerL.w[h]" with a 1×1 matrix holding 10·L + h.
type layerCat struct{}

func (layerCat) Matrix(ref string, h int) *compute.Matrix {
	var l int
	if _, err := fmt.Sscanf(ref, "layer%d.w[h]", &l); err != nil {
		return nil
	}
	return compute.NewMatrixFrom(1, 1, []float32{float32(10*l + h)})
}

// "{l}" in a panel's tensor and label is the view's layer, "{h}" and "{H}"
// the head (from 1) and the number of heads.
func TestResolveLayerAndHead(t *testing.T) {
	def := StageDef{Name: "x", Panels: []PanelDef{{Label: "L{l}H{h} of {H}", Tensor: "layer{l}.w[h]"}}, Grid: "layer{l}.w[h]"}
	ps := def.Resolve(View{Tensors: layerCat{}, Heads: 4, Layer: 2}, 3)
	if len(ps) != 1 || ps[0].Label != "L2H4 of 4" || ps[0].M.Data[0] != 23 {
		t.Fatalf("resolved %+v", ps)
	}
	if def.GridRef(5) != "layer5.w[h]" || !def.PerHead() {
		t.Errorf("grid %q, per head %v", def.GridRef(5), def.PerHead())
	}
}
