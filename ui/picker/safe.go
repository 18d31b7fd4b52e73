package picker

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Safe returns s made printable for the terminal: a newline shows as ⏎, a
// tab as ⇥, any other C0/C1 control or DEL as \xNN, bidi and line-separator
// controls as \uNNNN, and invalid UTF-8 as U+FFFD.
func Safe(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n <= 1 {
				b.WriteRune('\uFFFD')
				continue
			}
			b.WriteRune(r)
		case r == '\n':
			b.WriteString("⏎")
		case r == '\t':
			b.WriteString("⇥")
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
