// Package pipeline joins the layers below the UI: it turns a text and a
// configuration into tokens (package tokenizer), inputs X (the book's table or
// PyTorch's nn.Embedding rows) and every computed tensor (package compute),
// and describes the stages the screens show (StageDef: name, title,
// panels by tensor name, the key of their words) and book mode.
//
// It is the one place that decides which configuration a stage is computed
// under, so the TUI, render and export cannot disagree.
//
// Imports: compute, tokenizer, samples and the standard library. No Charm.
package pipeline
