// Package inspector is the TUI component that explains the cell under the
// cursor: the computation behind its number, with the actual numbers, for
// every stage (looked up by its pipeline.StageDef.Words key; the cell is one
// of the stage's main panel, GridSize) (a dot product as a sum of products, ÷√d_k, the
// softmax's maximum and normaliser, the mask state, the dropout decision and
// ×1/(1−p), a context vector as a weighted sum, out_proj's row·column + bias).
//
// Results come from compute.Result's tensors; only the intermediate factors
// (products, exponentials, partial sums) are worked out here, for display.
// Missing tensors, out-of-range cells and huge widths are explained, never a
// panic. Built in the manner of bubbles: Model, New, KeyMap, Styles,
// Update, SetSize, View.
//
// Imports: compute, pipeline, themes and the Charm libraries.
package inspector
