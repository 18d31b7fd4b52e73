package heatmap

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// prefix returns the SGR prefix of cell i ("" with colour off).
func (m *Model) prefix(i int, cursor bool) string {
	p := m.pal
	if p.noColor {
		return ""
	}
	switch m.kind[i] {
	case kindNegInf, kindMasked:
		if cursor {
			return p.maskedCursor
		}
		return p.masked
	case kindNaN:
		if cursor {
			return p.invalidCursor
		}
		return p.invalid
	case kindDropped:
		if cursor {
			return p.droppedCursor
		}
		return p.dropped
	}
	if cursor {
		return p.cursor[m.level[i]]
	}
	return p.cell[m.level[i]]
}

// fill returns the glyph that fills the empty part of cell i: a shade
// with colour off, a space with colour on, the hatch for −∞.
func (m *Model) fill(i int) string {
	switch m.kind[i] {
	case kindNegInf, kindMasked:
		return hatchGlyph
	case kindNaN:
		return " "
	case kindDropped:
		if m.pal.noColor {
			return droppedGlyph
		}
		return " "
	}
	if m.pal.noColor {
		return shade(m.level[i])
	}
	return " "
}

// appendCell appends line (mid or not) of cell (r, c), cw display cells
// wide. last is the SGR prefix currently in force: it is written only when
// it changes, which keeps large views small and fast.
func (m *Model) appendCell(b []byte, r, c int, mid bool, last *string) []byte {
	b = m.appendCellBody(b, r, c, mid, last)
	if *last != "" && m.cursorVisible && r == m.cr && c == m.cc {
		// The cursor's bold, underline and reverse video end with it: the
		// next cell's prefix sets colours only.
		b = append(b, ansi.ResetStyle...)
		*last = ""
	}
	return b
}

func (m *Model) appendCellBody(b []byte, r, c int, mid bool, last *string) []byte {
	l := m.lay
	i := r*m.data.Cols + c
	cursor := m.cursorVisible && r == m.cr && c == m.cc
	cw := l.cw
	// Narrow cells: a glyph, or the cursor marker on the cursor swatch.
	if cw < 3 {
		pre := m.prefix(i, false)
		g := m.fill(i)
		if cursor {
			pre, g = m.pal.narrowCursor, cursorGlyph
			if !mid {
				g = " "
			}
		}
		b = setPrefix(b, pre, last)
		b = append(b, g...)
		for k := 1; k < cw; k++ {
			if cursor || !mid {
				b = append(b, ' ')
			} else {
				b = append(b, m.fill(i)...)
			}
		}
		return b
	}
	fill := m.fill(i)
	if !mid {
		b = setPrefix(b, m.prefix(i, false), last)
		for k := 0; k < cw; k++ {
			b = append(b, fill...)
		}
		return b
	}
	// With colour, reverse video marks the cursor. Without, brackets do,
	// in the cell's own two margins; a squeezed cell has only a left
	// margin, which gets the cursor glyph (a lone bracket there would read
	// as part of the number before it).
	brackets := cursor && m.pal.noColor && !m.lay.tight
	b = setPrefix(b, m.prefix(i, cursor), last)
	n := cw - 2
	left, right := " ", " "
	switch {
	case brackets:
		left, right = "[", "]"
	case m.kind[i] == kindNegInf || m.kind[i] == kindMasked:
		left, right = hatchGlyph, hatchGlyph
	case m.pal.noColor:
		left = fill
	}
	if m.lay.tight {
		// Squeezed cells keep one margin, on the left, for one more digit.
		n, right = cw-1, ""
		if cursor && m.pal.noColor {
			left = cursorGlyph
		}
	}
	var scratch [96]byte
	content := m.appendContent(scratch[:0], i, n, fill)
	if m.kind[i] == kindDropped {
		// The dropped mark goes right before the number: into the padding
		// if there is any, else in place of the left margin.
		if k := strings.IndexFunc(string(content), func(r rune) bool { return r != ' ' }); k > 0 {
			content = append(append(append([]byte{}, content[:k-1]...), droppedGlyph...), content[k:]...)
		} else if !brackets {
			left = droppedGlyph
		}
	}
	if brackets {
		// Brackets hug the number when the cell is wider than it.
		k := strings.IndexFunc(string(content), func(r rune) bool { return r != ' ' })
		end := len(strings.TrimRight(string(content), " "))
		if k > 0 && end > k && end < len(content) {
			content = append(append(append(append([]byte{}, content[:k-1]...), '['), content[k:end]...), ']')
			content = append(content, spaces(n-utf8.RuneCount(content))...)
			left, right = " ", " "
		}
	}
	b = append(b, left...)
	b = append(b, content...)
	return append(b, right...)
}

// appendContent appends the n-wide middle of cell i: its number right
// aligned, "−∞" in the hatch, '?' for NaN, or fill when nothing fits.
func (m *Model) appendContent(b []byte, i, n int, fill string) []byte {
	var num [48]byte
	var text []byte
	switch m.kind[i] {
	case kindNegInf:
		t := "-∞"
		if n >= 6 { // keep some hatch visible around the clearing
			t = " -∞ "
		}
		return appendCentered(b, t, n, fill)
	case kindPosInf:
		return appendCentered(b, "+∞", n, " ")
	case kindNaN:
		return appendCentered(b, nanGlyph, n, " ")
	}
	f := m.lay.format
	if f.ok && n >= 1 {
		text = f.appendValue(num[:0], m.data.Values[i])
	}
	if m.kind[i] == kindMasked {
		// The value in a clearing of the hatch, like "-∞".
		if len(text)+4 <= n {
			return appendCentered(b, " "+string(text)+" ", n, fill)
		}
		return appendCentered(b, string(text), n, fill)
	}
	if len(text) == 0 || len(text) > n {
		for k := 0; k < n; k++ {
			b = append(b, fill...)
		}
		return b
	}
	// Right-align within the widest number's width, centre that in n.
	tw := min(max(m.lay.textW, len(text)), n)
	lp := (n - tw) / 2
	for k := len(text); k < lp+tw; k++ {
		b = append(b, ' ')
	}
	b = append(b, text...)
	for k := lp + tw; k < n; k++ {
		b = append(b, ' ')
	}
	return b
}

// appendCentered appends t centred in n cells, padded with pad; if t does
// not fit, only the padding.
func appendCentered(b []byte, t string, n int, pad string) []byte {
	w := utf8.RuneCountInString(t)
	if w > n {
		w, t = 0, ""
	}
	lp := (n - w + 1) / 2 // an odd spare cell goes left, like right-aligned numbers
	for k := 0; k < lp; k++ {
		b = append(b, pad...)
	}
	b = append(b, t...)
	for k := lp + w; k < n; k++ {
		b = append(b, pad...)
	}
	return b
}

func setPrefix(b []byte, pre string, last *string) []byte {
	if pre == *last {
		return b
	}
	if pre == "" {
		b = append(b, ansi.ResetStyle...)
	}
	*last = pre
	return append(b, pre...)
}
