// Package modelview is model mode's screen: a GPT-2-family checkpoint's
// attention, drawn as the views of docs/model-mode.md ("Views") — the
// tokens, every head at once (ui/headgrid), one head's weights with the
// arithmetic behind a cell (ui/heatmap and an explanation from the real
// vectors), one token's attention over the text (ui/queryview), the head
// scores (ui/scoretable) and the next-token prediction (ui/nexttok).
//
// Loading is done in commands that return typed messages: opening the
// checkpoint and tokenizing, then the forward pass — the trace it fills
// in, one progress message per layer, cancellable — so that the views
// draw each layer as soon as its block is done; a layer's attention is
// recomputed in a command when a view first needs it, the previous view
// staying on screen meanwhile. View is pure: everything it draws is prepared in Update.
//
// The root model (package ui) routes to this screen when it runs in model
// mode.
//
// Imports: bubbletea, bubbles, lipgloss, compute, pipeline,
// samples, tokenizer, themes and the ui components.
package modelview
