// Package headgrid is model mode's overview: every layer × head of a model
// at once, each head one cell coloured by a head score (previous-token,
// duplicate-token, induction, first-token, entropy — one key cycles them),
// or, where the screen has room, a small heatmap of the head's attention
// drawn with half blocks (two pattern rows per line). It works at any
// sequence length because it draws scores and pooled thumbnails, never the
// full T×T matrices. Enter on a head sends ZoomMsg.
//
// In the manner of bubbles: Model, New, KeyMap with DefaultKeyMap, Styles,
// a concrete Update, SetSize and a pure View.
//
// Imports: bubbletea, bubbles' key, lipgloss, themes, ui/internal/*.
package headgrid
