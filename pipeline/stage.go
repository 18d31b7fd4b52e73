package pipeline

import (
	"fmt"
	"strings"
)

// StageDef describes one stage a source shows: what it is called, which
// matrices it draws and where its words are. A source's stages are a list
// of StageDefs (Source.Stages); the screens look a stage up in it and never
// switch over stages.
type StageDef struct {
	// Name is the stage's command-line name, e.g. "scores".
	Name string
	// Title is its human title, e.g. "Attention scores".
	Title string
	// Words keys the stage's narration and cell explanations (packages
	// ui/narrate and ui/inspector look it up; a stage without words gets a
	// short "nothing to say" text rather than a panic).
	Words string
	// Kind says what the stage draws: matrices, or the token table.
	Kind StageKind
	// Panels are the matrices the stage shows, the main one (the one the
	// cell cursor moves in and the inspector explains) first.
	Panels []PanelDef
	// Grid, if set, is a per-head reference (see PanelDef.Tensor) tiled for
	// every head by the all-heads grid.
	Grid string
}

// StageKind is what a stage draws.
type StageKind int

const (
	// KindMatrices draws the stage's panels as heatmaps.
	KindMatrices StageKind = iota
	// KindTokens draws the token table (one row per token); it has no panels.
	KindTokens
)

// PerHead reports whether the stage shows one head at a time (a panel or
// the grid reads a per-head tensor), so the head keys apply to it.
func (d StageDef) PerHead() bool {
	if d.Grid != "" {
		return true
	}
	for _, p := range d.Panels {
		if p.PerHead() {
			return true
		}
	}
	return false
}

// PanelDef is one matrix a stage shows.
type PanelDef struct {
	// Label is drawn above the matrix. "{h}" in it is the head shown,
	// counted from 1, "{H}" the number of heads and "{l}" the layer shown,
	// counted from 0.
	Label string
	// Tensor is the matrix's catalogue name (compute.Result.Tensors): "{h}"
	// in it is the head and "{l}" the layer, counted from 0, and a trailing
	// "[h]" picks head h of a stacked tensor, e.g. "mha.dropped_weights[h]"
	// or "model.layer{l}.weights[h]".
	Tensor string
	// Scale is how values map to colours.
	Scale Scale
	// Rows and Cols say how the rows and columns are labelled.
	Rows, Cols Axis
	// RowSums says when the rows are shown with their sums.
	RowSums RowSums
	// Causal shades the cells above the diagonal as masked.
	Causal bool
	// Dropped is the reference of a dropout mask (1 = kept) whose zeros are
	// drawn as dropped cells while dropout is on.
	Dropped string
}

// PerHead reports whether the panel reads a per-head tensor.
func (p PanelDef) PerHead() bool {
	return strings.Contains(p.Tensor, "{h}") || strings.HasSuffix(p.Tensor, "[h]") || strings.Contains(p.Label, "{h}")
}

// Scale is how a panel's values map to colours.
type Scale int

const (
	// ScaleAuto spans min…max.
	ScaleAuto Scale = iota
	// ScaleSigned is ScaleDiverging when the matrix has a negative entry
	// (−∞, the mask, does not count), else ScaleAuto.
	ScaleSigned
	// ScaleUnit spans 0…1 (weights).
	ScaleUnit
	// ScaleDiverging is symmetric around 0.
	ScaleDiverging
	// ScaleMask is 0/1.
	ScaleMask
)

// Axis is how a panel's rows or columns are labelled.
type Axis int

const (
	// AxisTokens labels by the tokens.
	AxisTokens Axis = iota
	// AxisIn labels x0, x1, … (input components).
	AxisIn
	// AxisOut labels d0, d1, … (projected components).
	AxisOut
)

// RowSums says when a panel shows its row sums.
type RowSums int

const (
	// NoRowSums never shows them.
	NoRowSums RowSums = iota
	// RowSumsAlways shows them (rows of weights, each summing to 1).
	RowSumsAlways
	// RowSumsWithoutDropout shows them while dropout is off (dropout
	// rescales the rows, which then no longer sum to 1).
	RowSumsWithoutDropout
)

// Stage is the position of a stage in a scene's stage list, from 0. The
// constants name the chapter's twelve stages (Chapter3Stages).
type Stage int

const (
	StageTokens Stage = iota
	StageEmbeddings
	StageScores
	StageSoftmax
	StageContext
	StageQKV
	StageScaled
	StageWeights
	StageCausal
	StageDropout
	StageHeads
	StageOutput
	NumStages = int(StageOutput) + 1
)

// Def is the chapter's definition of stage s; the zero StageDef when s is
// out of range.
func (s Stage) Def() StageDef {
	if s < 0 || int(s) >= len(chapter3) {
		return StageDef{}
	}
	return chapter3[s].def
}

// Name is the stage's command-line name, e.g. "scores".
func (s Stage) Name() string { return s.Def().Name }

// Title is the stage's human title, e.g. "Attention scores".
func (s Stage) Title() string { return s.Def().Title }

func (s Stage) String() string { return s.Name() }

// StageNames lists every chapter stage name in order.
func StageNames() []string { return Names(Chapter3Stages()) }

// Names lists the names of stages in order.
func Names(stages []StageDef) []string {
	out := make([]string, len(stages))
	for i, d := range stages {
		out[i] = d.Name
	}
	return out
}

// ParseStage accepts a chapter stage name or its 1-based number.
func ParseStage(s string) (Stage, error) { return Find(Chapter3Stages(), s) }

// Find returns the position of the stage called s in stages, also
// accepting its 1-based number.
func Find(stages []StageDef, s string) (Stage, error) {
	for i, d := range stages {
		if s == d.Name || s == fmt.Sprint(i+1) {
			return Stage(i), nil
		}
	}
	return 0, fmt.Errorf("unknown stage %q (want one of %s, or 1–%d)", s, strings.Join(Names(stages), ", "), len(stages))
}
