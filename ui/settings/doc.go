// Package settings is the TUI's settings panel: one row for every
// configuration flag (encoding, d_in, d_out, heads, init, qkv-bias, seed,
// dropout p, dropout seed, dropout RNG), changed live.
//
// The panel keeps a draft configuration. Every key that leaves the draft
// valid (compute.Config.Validate) and different from the last applied one
// returns a tea.Cmd whose message is a ChangedMsg; the root model recomputes
// asynchronously. An invalid combination (d_out not divisible by heads, …)
// stays in the draft so the user can step through it, is shown inline next
// to the field Validate names, and sends nothing: the root keeps its last
// good screen. A typed value outside the panel's bounds is refused with a
// message and the field keeps its value.
//
// Imports: compute, tokenizer (encoding names), themes and the Charm
// libraries (bubbletea, bubbles key/help, lipgloss).
package settings
