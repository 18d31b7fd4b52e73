// Package cells holds the small width-aware string helpers the UI
// components share: cutting and padding styled text to a number of terminal
// cells.
//
// Imports: lipgloss, x/ansi and the standard library.
package cells

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
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

// Width is ansi.StringWidth(s), the cells s takes on a line, measured
// quickly where s is printable ASCII and SGR sequences (most of a
// heatmap's lines): such runs count a cell per byte, the sequences none,
// and anything else (other bytes, other sequences) is measured by
// ansi.StringWidth. Runs split at escape sequences, which no grapheme
// spans, so the sum is the width of the whole.
func Width(s string) int {
	w, start := 0, 0 // start: first byte of the run being counted
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c != 0x1b {
			return w + ansi.StringWidth(s[start:])
		}
		end := csiEnd(s, i)
		if end < 0 {
			return w + ansi.StringWidth(s[start:])
		}
		w += i - start
		i, start = end, end
	}
	return w + len(s) - start
}

// csiEnd is the index after the CSI sequence at s[i] (ESC [ parameters,
// intermediates, a final byte), or −1 if there is none.
func csiEnd(s string, i int) int {
	if i+1 >= len(s) || s[i+1] != '[' {
		return -1
	}
	j := i + 2
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		return j + 1
	}
	return -1
}

// MaxWidth is lipgloss.Width(s): the widest of s's lines.
func MaxWidth(s string) int {
	widest := 0
	for l := range strings.SplitSeq(s, "\n") {
		widest = max(widest, Width(l))
	}
	return widest
}

// JoinTop is lipgloss.JoinHorizontal(lipgloss.Top, blocks...): the blocks
// side by side, each padded to its widest line, shorter ones with blank
// lines below.
func JoinTop(blocks ...string) string {
	switch len(blocks) {
	case 0:
		return ""
	case 1:
		return blocks[0]
	}
	lines := make([][]string, len(blocks))
	widths := make([][]int, len(blocks))
	widest := make([]int, len(blocks))
	height := 0
	for i, b := range blocks {
		b = strings.ReplaceAll(strings.ReplaceAll(b, "\t", "    "), "\r\n", "\n")
		lines[i] = strings.Split(b, "\n")
		widths[i] = make([]int, len(lines[i]))
		for k, l := range lines[i] {
			widths[i][k] = Width(l)
			widest[i] = max(widest[i], widths[i][k])
		}
		height = max(height, len(lines[i]))
	}
	var out strings.Builder
	for k := 0; k < height; k++ {
		for i := range blocks {
			w := 0
			if k < len(lines[i]) {
				out.WriteString(lines[i][k])
				w = widths[i][k]
			}
			out.WriteString(strings.Repeat(" ", widest[i]-w))
		}
		if k < height-1 {
			out.WriteByte('\n')
		}
	}
	return out.String()
}
