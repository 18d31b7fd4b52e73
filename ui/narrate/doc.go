// Package narrate holds the words of the TUI: for each of SPEC §4's stages a
// title, the formula, a short explanation of what the matrix is and what to
// notice, and the panels (matrices) the stage shows; and the opening "why
// attention" card.
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
