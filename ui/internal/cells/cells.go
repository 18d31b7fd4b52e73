// Package cells holds the small width-aware string helpers the UI
// components share: cutting and padding styled text to a number of terminal
// cells.
//
// Imports: lipgloss and the standard library.
package cells

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Clip cuts a styled line to w cells, ending a cut line with "…".
func Clip(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	if w <= 1 {
		return lipgloss.NewStyle().MaxWidth(w).Render(s)
	}
	return lipgloss.NewStyle().MaxWidth(w-1).Render(s) + "…"
}

// Pad pads s with spaces to n cells; a wider s is returned as it is.
func Pad(s string, n int) string {
	if w := lipgloss.Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// B2I is 1 for true, 0 for false.
func B2I(b bool) int {
	if b {
		return 1
	}
	return 0
}
