// Package narrate holds the words of the TUI: for each stage (looked up by
// its pipeline.StageDef.Words key) the formula, a short explanation of what
// the matrix is, what to notice and where the book prints it; and the
// opening "why attention" card. The stage's title and panels come from its
// StageDef.
//
// Text is plain (no styling, no colour) and depends only on the stage and
// the configuration the stage is shown under, so it can be tested and
// rendered anywhere.
//
// Model (view.go) is the component that draws a Narration in the few lines
// the screen gives it: the formula, then the text wrapped to the width.
// When it does not fit, the last line says "… more: N" and N pages on.
//
// Imports: pipeline, compute, themes and the standard library; the
// component also Charm (bubbles' key, bubbletea, lipgloss).
package narrate
