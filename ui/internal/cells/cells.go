// Package cells holds the small width-aware string helpers the UI
// components share: cutting and padding styled text to a number of terminal
// cells.
//
// Imports: lipgloss, x/ansi and the standard library.
package cells

import (
	"strings"
	"unicode/utf8"

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

// Fit cuts every line of s to w cells (no ellipsis) and pads or cuts s to
// exactly h lines: a screen's frame, or a part of it, at its size.
func Fit(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	w = max(w, 0)
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
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
// quickly where s is what screens are mostly made of: printable ASCII,
// SGR sequences and common one-cell symbols (box drawing, shades,
// arrows, Greek letters), a cell each, the sequences none. A run of text
// between sequences holding anything else is measured by
// ansi.StringWidth; no grapheme spans a sequence, so the sum is the width
// of the whole.
func Width(s string) int {
	w, seg, run := 0, 0, 0 // seg: start of the text run since the last sequence; run: its cells so far
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			run++
			i++
			continue
		}
		if c == 0x1b {
			end := csiEnd(s, i)
			if end < 0 {
				return w + ansi.StringWidth(s[seg:])
			}
			w, run, seg, i = w+run, 0, end, end
			continue
		}
		if c >= 0x80 {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return w + ansi.StringWidth(s[seg:])
			}
			if oneCell(r) && alone(s, i+n) {
				run++
				i += n
				continue
			}
		}
		// Anything else: the whole run, up to the next sequence.
		j := strings.IndexByte(s[i:], 0x1b)
		if j < 0 {
			return w + ansi.StringWidth(s[seg:])
		}
		w, run, seg, i = w+ansi.StringWidth(s[seg:i+j]), 0, i+j, i+j
	}
	return w + run
}

// alone reports whether what follows at s[k] cannot join the symbol
// before it into one grapheme: the end, an ASCII byte, or another of the
// one-cell symbols.
func alone(s string, k int) bool {
	if k >= len(s) || s[k] < 0x80 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	return oneCell(r)
}

// oneCell reports whether r is one of the symbols that take one cell and
// join no neighbour into a grapheme (a test checks each against x/ansi).
func oneCell(r rune) bool {
	switch {
	case r >= 0xa1 && r <= 0xff:
		return r != 0xad
	case r >= 0x391 && r <= 0x3a9, r >= 0x3b1 && r <= 0x3c9:
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e:
		return true
	case r >= 0x2070 && r <= 0x209c:
		return r != 0x2072 && r != 0x2073 && r != 0x208f
	case r >= 0x2190 && r <= 0x22ff, r >= 0x2400 && r <= 0x2426:
		return true
	case r >= 0x2500 && r <= 0x25ff:
		return r != 0x25fd && r != 0x25fe
	}
	return false
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
