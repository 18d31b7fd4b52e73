package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize returns s with every escape sequence removed and every control
// character dropped, except the newlines it keeps when keepNewlines is set.
// Invalid UTF-8 is dropped (or becomes U+FFFD), and the Unicode bidirectional embedding,
// override and isolate controls are dropped too, so the result can be
// printed anywhere without changing the terminal's state or the text's
// visual order. It is the final guarantee behind --format text and
// --color none.
func Sanitize(s string, keepNewlines bool) string {
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isControl reports whether r is a C0 or C1 control, DEL, or a bidirectional
// formatting character.
func isControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
