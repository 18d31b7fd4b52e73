package pipeline

import (
	"strconv"
	"strings"

	"github.com/attnscope/attnscope/compute"
)

// Catalogue is where a stage's panels find their tensors by name; a
// *compute.Result is one.
type Catalogue interface {
	Matrix(ref string, head int) *compute.Matrix
}

// Panel is a PanelDef resolved for one scene, stage and head: the label to
// draw and the matrices to draw it from.
type Panel struct {
	PanelDef
	// Label is PanelDef.Label with the head filled in.
	Label string
	// M is the matrix; never nil (a panel whose tensor is missing is left
	// out).
	M *compute.Matrix
	// Dropped is the dropout mask (1 = kept) while dropout is on, else nil.
	Dropped *compute.Matrix
	// RowSums says whether to show the rows' sums.
	RowSums bool
}

// View is what a stage is resolved against: the catalogue of tensors, the
// number of heads and whether dropout is on, and for the chapter's stages
// the configuration they are computed under (the zero Config for another
// source).
type View struct {
	Tensors Catalogue
	Heads   int
	Dropout bool
	Config  compute.Config
	// Layer is the layer shown (from 0), for sources with layers: "{l}" in
	// a panel's tensor reference and label stands for it.
	Layer int
}

// Resolve reads def's panels from v for head h (from 0); panels whose
// tensor v lacks are left out, the main panel first as listed.
func (def StageDef) Resolve(v View, h int) []Panel {
	if v.Tensors == nil || h < 0 {
		return nil
	}
	out := make([]Panel, 0, len(def.Panels))
	for _, pd := range def.Panels {
		m := v.Tensors.Matrix(fillLayer(pd.Tensor, v.Layer), h)
		if m == nil {
			continue
		}
		p := Panel{PanelDef: pd, M: m, Label: fillHead(fillLayer(pd.Label, v.Layer), h, v.Heads)}
		if pd.Dropped != "" && v.Dropout {
			p.Dropped = v.Tensors.Matrix(fillLayer(pd.Dropped, v.Layer), h)
		}
		p.RowSums = pd.RowSums == RowSumsAlways || (pd.RowSums == RowSumsWithoutDropout && !v.Dropout)
		out = append(out, p)
	}
	return out
}

// Main returns the matrix the cell cursor moves in at def for head h (of
// layer 0): its first panel's; nil when the stage has no panels or the
// tensor is missing.
func (def StageDef) Main(c Catalogue, h int) *compute.Matrix {
	if len(def.Panels) == 0 || c == nil {
		return nil
	}
	return c.Matrix(fillLayer(def.Panels[0].Tensor, 0), h)
}

// GridRef is the reference the all-heads grid reads for layer l.
func (def StageDef) GridRef(l int) string { return fillLayer(def.Grid, l) }

func fillLayer(s string, l int) string {
	if !strings.Contains(s, "{l}") {
		return s
	}
	return strings.ReplaceAll(s, "{l}", strconv.Itoa(l))
}

func fillHead(label string, h, heads int) string {
	if !strings.Contains(label, "{") {
		return label
	}
	return strings.NewReplacer("{h}", strconv.Itoa(h+1), "{H}", strconv.Itoa(heads)).Replace(label)
}

// ViewOf is the view of result r: its tensors under its configuration.
func ViewOf(r *compute.Result) View {
	if r == nil {
		return View{}
	}
	return View{Tensors: r, Heads: r.Config.Heads, Dropout: r.Config.Dropout > 0, Config: r.Config}
}
