// Package heatmap is the matrix component of the TUI: query tokens down the
// side, key tokens across the top, one coloured cell per value with the value
// printed inside when it fits, a legend, a movable cell cursor, panning when
// the matrix does not fit, an optional row-sum column and a compact mode for
// small multiples (the all-heads grid).
//
// Every colour comes from themes; with colour off (NO_COLOR, or a profile
// without colour) cells fall back to shade glyphs ' ░▒▓█' so the matrix still
// reads. Masked (−∞) cells are drawn with a hatch glyph, never a colour of the
// scale; NaN shows as '?'.
//
// Imports: bubbletea, bubbles/key, lipgloss, x/ansi, colorprofile, compute
// (for *compute.Matrix) and themes.
package heatmap
