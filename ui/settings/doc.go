// Package settings is the TUI's settings panel: one row for every
// configuration field of pipeline.Fields (encoding, d_in, d_out, heads,
// init, qkv-bias, seed, dropout p, dropout seed, dropout RNG), changed
// live. Labels, ranges, parsing and stepping come from that table, so the
// panel takes exactly what the command-line flags take
// (docs/configuration.md).
//
// The panel keeps a draft configuration. Every key that leaves the draft
// valid (pipeline.Request.Check: every range, and the compute size limit
// at the request's token cap) and different from the last applied one
// returns a tea.Cmd whose message is a ChangedMsg; the root model
// recomputes asynchronously. An invalid combination (d_out not divisible
// by heads, a size beyond the limit, …) stays in the draft so the user can
// step through it, is shown inline, and sends nothing: the root keeps its
// last good screen. A typed value outside the field's range is refused
// with a message and the field keeps its value.
//
// Imports: compute, pipeline, themes and the Charm libraries (bubbletea,
// bubbles key/help, lipgloss).
package settings
