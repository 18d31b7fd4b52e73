// Package narrate holds the words of the TUI: for each of SPEC §4's stages a
// title, the formula, a short explanation of what the matrix is and what to
// notice, and the panels (matrices) the stage shows; and the opening "why
// attention" card.
//
// Text is plain (no styling, no colour) and depends only on the stage and
// the configuration the stage is shown under, so it can be tested and
// rendered anywhere.
//
// Imports: pipeline, compute and the standard library. No Charm.
package narrate
