package ui

import (
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/internal/replay"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// twoStages is a source of another kind: two stages of its own over its
// own catalogue, with no words and no book mode.
type twoStages struct{}

var twoStageDefs = []pipeline.StageDef{
	{Name: "overview", Title: "Overview", Words: "test.overview", Panels: []pipeline.PanelDef{
		{Label: "scores", Tensor: "scores", Scale: pipeline.ScaleSigned},
	}},
	{Name: "head", Title: "One head", Words: "test.head", Grid: "weights[h]", Panels: []pipeline.PanelDef{
		{Label: "head {h} of {H}", Tensor: "weights[h]", Scale: pipeline.ScaleUnit, RowSums: pipeline.RowSumsAlways, Causal: true},
	}},
}

func (twoStages) Stages() []pipeline.StageDef { return twoStageDefs }

func (twoStages) Build(req pipeline.Request) (*pipeline.Scene, error) {
	sc, err := pipeline.Build(req)
	if err != nil {
		return nil, err
	}
	cat := testCatalogue{scores: sc.Result.Simple.Scores(), weights: sc.Result.MHA.Weights}
	sc.Stages = twoStageDefs
	sc.Views = func(pipeline.Stage) pipeline.View { return pipeline.View{Tensors: cat, Heads: len(cat.weights)} }
	return sc, nil
}

type testCatalogue struct {
	scores  *compute.Matrix
	weights []*compute.Matrix
}

func (c testCatalogue) Matrix(ref string, h int) *compute.Matrix {
	switch {
	case ref == "scores":
		return c.scores
	case ref == "weights[h]" && h >= 0 && h < len(c.weights):
		return c.weights[h]
	}
	return nil
}

// A second source's stages are what the screen steps through: their
// titles, panels, heads and grid, with no switch over the chapter's stages.
func TestAnotherSourcesStages(t *testing.T) {
	tm, err := replay.Start(New(nil, 0, WithSource(twoStages{}), WithRequest(pipeline.DefaultRequest()), WithTheme(themes.Default)),
		120, 40, colorprofile.TrueColor, color.Black)
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(Model)
	if m.scene == nil || len(m.stages()) != 2 {
		t.Fatalf("the source's scene did not land: %v", m.message)
	}
	out := ansi.Strip(m.Render())
	if !strings.Contains(out, "1/2") || !strings.Contains(out, "Overview") || !strings.Contains(out, "scores") {
		t.Fatalf("first stage:\n%s", out)
	}
	m = send(m, keys("n", ">")...)
	out = ansi.Strip(m.Render())
	if !strings.Contains(out, "2/2") || !strings.Contains(out, "head 2 of 2") {
		t.Fatalf("second stage, head 2:\n%s", out)
	}
	m = send(m, keys("g")...)
	if !m.showGrid() || !strings.Contains(ansi.Strip(m.Render()), "head 1") {
		t.Fatalf("no grid:\n%s", ansi.Strip(m.Render()))
	}
	if m = send(m, keyMsg("n")); m.sel.stage != 1 {
		t.Fatalf("stepped past the last stage to %d", m.sel.stage)
	}
}
