package tokenizer

import (
	"strings"
	"unicode/utf8"
)

// Piece returns a token's text as tiktoken users see it, for machine-readable
// output (export), not for the terminal: the bytes decoded as UTF-8 with each
// maximal ill-formed subsequence replaced by one U+FFFD, exactly like
// Python's bytes.decode("utf-8", errors="replace") — so " journey" for 7002
// and "\ufffd" for each half of 世 in gpt2. It may hold control characters; use
// Label for display.
func Piece(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r != utf8.RuneError || size > 1 {
			sb.Write(b[:size])
			b = b[size:]
			continue
		}
		sb.WriteRune(utf8.RuneError)
		b = b[maximalSubpart(b):]
	}
	return sb.String()
}

// maximalSubpart returns the length of the ill-formed sequence at the start
// of b that one U+FFFD replaces (Unicode §3.9, "U+FFFD Substitution of
// Maximal Subparts"): the longest prefix of a well-formed sequence, or 1.
func maximalSubpart(b []byte) int {
	lo, hi, need := byte(0x80), byte(0xbf), 0
	switch c := b[0]; {
	case c >= 0xc2 && c <= 0xdf:
		need = 1
	case c == 0xe0:
		lo, need = 0xa0, 2
	case c == 0xed:
		hi, need = 0x9f, 2
	case c >= 0xe1 && c <= 0xef:
		need = 2
	case c == 0xf0:
		lo, need = 0x90, 3
	case c == 0xf4:
		hi, need = 0x8f, 3
	case c >= 0xf1 && c <= 0xf3:
		need = 3
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		lo, hi = 0x80, 0xbf
		n++
	}
	return n
}
