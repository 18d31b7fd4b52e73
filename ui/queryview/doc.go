// Package queryview is model mode's query view: pick one token (the query)
// and see how every head of a layer spreads its attention over the text
// before it — the text itself, one line per head, each token shaded by the
// weight that head gives it. The token focus moves with ←/→; the first
// token (the attention sink, which soaks up most of every row in a
// trained model) can be hidden with the rest renormalised. Enter on a head
// sends OpenMsg.
//
// In the manner of bubbles: Model, New, KeyMap with DefaultKeyMap, Styles,
// a concrete Update, SetSize and a pure View.
//
// Imports: bubbletea, bubbles' key, lipgloss, themes, ui/internal/*.
package queryview
