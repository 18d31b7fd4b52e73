// Package heatmap is the matrix component of the TUI: query tokens down the
// side, key tokens across the top, one coloured cell per value with the value
// printed inside when it fits, a legend, a movable cell cursor, panning when
// the matrix does not fit, an optional row-sum column and a compact mode for
// small multiples (the all-heads grid; RenderTile adds token labels and the
// cursor when a tile has room). Cells grow with the room they are given.
// Generated labels and column numbers count from 1 (the maths' x₁), or
// from WithIndexBase's base.
//
// Use it like a bubbles component:
//
//	hm := heatmap.New(heatmap.WithTheme(th), heatmap.WithRowSums(true))
//	hm.SetData(heatmap.FromMatrix("α = softmax(ω)", w, queries, keys, heatmap.Unit))
//	hm.SetSize(width, height)
//	hm, cmd = hm.Update(msg) // arrows / h j k l / home end / g G; CursorMovedMsg
//	s := hm.View()           // never wider than width nor taller than height
//	r, c, ok := hm.CellAt(x, y) // view-local mouse coordinates to a cell
//
// Scales: Unit (0…1, weights), Diverging (±max|v| around 0, raw scores),
// Auto (min…max), Mask (0/1). The viewer can override the scale on a key
// (KeyMap.Scale, v): fixed 0–1, the matrix's own range, or each row's own
// range (ScaleMode; the legend names the one in force). Numbers keep as many decimals as the cell
// width allows (0.3679, 0.368, 0.37, .37, .4, none), one format per matrix.
//
// Every colour comes from themes; with colour off (NO_COLOR, or the ASCII
// and NoTTY profiles) cells fall back to shade glyphs ' ░▒▓█' so the matrix
// still reads. Masked cells (−∞, or finite cells flagged in Data.Masked) are
// hatched '╱' on a neutral swatch, never a colour of the scale; cells zeroed
// by dropout (Data.Dropped) carry '×'; NaN shows as '?'.
//
// Styles and escape sequences are computed in SetData, SetSize, SetTheme and
// friends; View only concatenates (the README has its cost).
//
// Imports: bubbletea, bubbles/key, lipgloss, x/ansi, colorprofile, compute
// (for *compute.Matrix) and themes.
package heatmap
