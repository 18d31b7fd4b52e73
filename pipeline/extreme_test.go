package pipeline_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/export"
	. "github.com/attnscope/attnscope/pipeline"
)

// finite fails on the first non-finite entry of any tensor export would
// write for r (every catalogue tensor, including the ones compute makes on
// demand), allowing −∞ only where it belongs: the masked scores.
func finite(t *testing.T, r *compute.Result) {
	t.Helper()
	n := 0
	for _, tensor := range export.Tensors(r) {
		masked := strings.HasSuffix(tensor.Name, "masked_scores")
		for _, part := range tensor.Parts() {
			for k, x := range part {
				f := float64(x)
				if math.IsNaN(f) || math.IsInf(f, 1) || (math.IsInf(f, -1) && !masked) {
					t.Fatalf("%s[%d] = %v", tensor.Name, k, x)
				}
			}
			n += len(part)
		}
	}
	if n == 0 {
		t.Fatal("no tensor values to check")
	}
}

// TestExtremeSettings: issue 7's extreme settings give finite numbers.
func TestExtremeSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("large configurations")
	}
	seed0, seedBig := uint64(0), uint64(1<<32+7)
	cases := []struct {
		name string
		cfg  compute.Config
	}{
		{"d_in 1024", compute.Config{DIn: 1024, DOut: 64, Heads: 2, Seed: 123}},
		{"heads 64", compute.Config{DIn: 16, DOut: 64, Heads: 64, Seed: 123}},
		{"p 1e-9", compute.Config{DIn: 3, DOut: 2, Heads: 2, Seed: 123, Dropout: 1e-9}},
		{"p 0.999999", compute.Config{DIn: 3, DOut: 2, Heads: 2, Seed: 123, Dropout: 0.999999}},
		{"p 0.999999 mkl", compute.Config{DIn: 3, DOut: 2, Heads: 2, Seed: 123, Dropout: 0.999999, DropoutRNG: compute.RNGMKL}},
		{"seed 0", compute.Config{DIn: 3, DOut: 2, Heads: 2, Seed: seed0, Dropout: 0.5, DropoutSeed: &seed0}},
		{"seed ≥ 2^32", compute.Config{DIn: 3, DOut: 2, Heads: 2, Seed: seedBig, Dropout: 0.5, DropoutSeed: &seedBig}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := DefaultRequest()
			req.Text, req.Config, req.Book = "The cat sat on the mat because it was tired.", c.cfg, false
			req.MaxTokens = 64 // 64 heads at the default cap would exceed the compute limit
			sc, err := Build(req)
			if err != nil {
				t.Fatal(err)
			}
			finite(t, sc.Result)
		})
	}
	// PyTorch truncates seeds to 32 bits: 2^32+7 is seed 7.
	a, b := DefaultRequest(), DefaultRequest()
	a.Text, b.Text = "Hello world", "Hello world"
	a.Config.Seed, b.Config.Seed = 1<<32+7, 7
	ra, _ := Build(a)
	rb, _ := Build(b)
	if !reflect.DeepEqual(ra.Result.MHA.Output.Data, rb.Result.MHA.Output.Data) {
		t.Error("seed 2^32+7 differs from seed 7")
	}
}

// TestHugeInputsStayFinite: inputs scaled by 1e4 give scores near 1e8; the
// stable softmax keeps every weight finite.
func TestHugeInputsStayFinite(t *testing.T) {
	sc, err := Build(DefaultRequest())
	if err != nil {
		t.Fatal(err)
	}
	x := compute.NewMatrix(sc.Inputs.Rows, sc.Inputs.Cols)
	for i, v := range sc.Inputs.Data { // the book's X, ×1e4
		x.Data[i] = v * 1e4
	}
	for _, cfg := range []compute.Config{compute.DefaultConfig(), {DIn: 3, DOut: 2, Heads: 2, Init: compute.InitRand, Seed: 123, Dropout: 0.5}} {
		r, err := compute.Run(x, cfg)
		if err != nil {
			t.Fatal(err)
		}
		finite(t, r)
	}
}
