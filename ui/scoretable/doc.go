// Package scoretable is model mode's head-score table: one row per head
// (L#H#, numbered from 0), one column per head score (previous-token,
// duplicate-token, induction, first-token, entropy), sorted by any column,
// top heads first. Enter on a row sends OpenMsg so the root can show that
// head.
//
// In the manner of bubbles: Model, New, KeyMap with DefaultKeyMap, Styles,
// a concrete Update, SetSize and a pure View.
//
// Imports: bubbletea, bubbles' key, lipgloss, themes, ui/internal/*.
package scoretable
