// Package ui is attnscope's terminal interface, built on bubbletea v2 in the
// manner of bubbles. The root Model here routes keys by mode, pushes sizes
// down and holds:
//
//   - a selection: the stage (a position in the scene's stage list), the
//     layer and head shown, the panel [ and ] chose, the cell under the
//     cursor;
//   - a builder: the request being built, one build at a time, later
//     requests coalescing into the latest;
//   - a stage view: the stage's pipeline.StageDef, its panels resolved from
//     the scene's catalogue of tensors, their heatmaps, the all-heads grid
//     and the narration, rebuilt in Update and never changed in place;
//   - a layout computed in one place from the size and state (layout.go),
//     which Render, the component sizes and mouse hit-testing read.
//
// Nothing here switches over stages: a stage's panels, words, inspector
// explanation and key help come from its StageDef. The components live in
// sub-packages, each with a Model, New, a KeyMap with DefaultKeyMap,
// Styles, a concrete Update, SetSize and a pure View: heatmap (one matrix
// with a cell cursor), inspector (the computation behind a cell), narrate
// (a stage's words, paged), settings (every configuration flag, live),
// picker (the built-in samples) and editor (the multi-line text editor).
// ui/internal holds what they share: cells (width-aware cutting and
// padding), style (theme-derived help styles) and swatch (colour swatches
// for a profile). present.go is presenter mode; model mode's screen is
// ui/modelview, which the root hands the screen when --model is given.
//
// Imports: pipeline, compute, tokenizer, themes, samples and the Charm
// libraries. Blocking work (tokenizing, computing) runs in a tea.Cmd that
// returns a typed message; View is a pure function of the model.
package ui
