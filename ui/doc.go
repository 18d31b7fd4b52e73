// Package ui is attnscope's terminal interface, built on bubbletea v2 in the
// manner of bubbles: the root Model here routes focus and pushes sizes down;
// each component (heatmap, token strip, inspector, status bar, …) lives in
// its own sub-package with a Model, New, a KeyMap with DefaultKeyMap, Styles
// and a concrete Update.
//
// Imports: pipeline, compute, tokenizer, themes, samples and the Charm
// libraries. Blocking work (tokenizing, computing, file writes) runs in a
// tea.Cmd that returns a typed message; View is a pure function of the model.
package ui
