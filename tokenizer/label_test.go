package tokenizer

import (
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestLabel(t *testing.T) {
	tests := []struct {
		name, in, want string
		width          int
	}{
		{"word", "Your", "Your", 4},
		{"leading space", " journey", "␣journey", 8},
		{"spaces only", "   ", "␣␣␣", 3},
		{"newline tab cr", "\n\t\r", "↵⇥␍", 3},
		{"crlf is one cluster, two markers", "\r\n", "␍↵", 2},
		{"ESC", "\x1b[31m", "␛[31m", 5},
		{"NUL and DEL", "\x00\x7f", "␀␡", 2},
		{"C1 controls", "\u0085\u009b", "‹NEL›‹U+009B›", 13},
		{"bidi override", "a\u202eb", "a‹RLO›b", 7},
		{"bidi isolates and marks", "\u2066\u2069\u200e\u200f\u061c", "‹LRI›‹PDI›‹LRM›‹RLM›‹ALM›", 25},
		{"zero width", "\u200b\u200c\ufeff\u2060", "‹ZWSP›‹ZWNJ›‹BOM›‹WJ›", 21},
		{"soft hyphen", "co\u00adop", "co‹SHY›op", 9},
		{"no-break and wide spaces", "\u00a0\u3000", "‹NBSP›‹IDSP›", 12},
		{"line separator", "\u2028", "‹LSEP›", 6},
		{"hangul filler", "\u3164", "‹U+3164›", 8},
		{"private use", "\ue000", "‹U+E000›", 8},
		{"ZWJ inside an emoji", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧", 2},
		{"ZWJ alone", "\u200d", "‹ZWJ›", 5},
		{"ZWJ trailing", "👨\u200d", "👨‹ZWJ›", 7},
		{"VS16 on its base", "❤\ufe0f", "❤\ufe0f", 2},
		{"VS16 alone", "\ufe0f", "‹VS16›", 6},
		{"VS17 alone", "\U000e0100", "‹VS17›", 6},
		{"skin tone on its base", "👍🏽", "👍🏽", 2},
		{"combining mark on its base", "e\u0301", "e\u0301", 1},
		{"combining mark alone", "\u0301", "◌\u0301", 1},
		{"devanagari sign alone", "\u0947", "◌\u0947", 1},
		{"mark after an escape", "\u200b\u0301", "‹ZWSP›◌\u0301", 7},
		{"tag characters alone", "\U000e0068\U000e0069", "‹TAG h›‹TAG i›", 14},
		{"tags hidden behind a letter", "a\U000e0068", "a‹TAG h›", 8},
		{"flag with tags", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 2},
		{"tags after a flag without CANCEL TAG", "🏴\U000E0068\U000E0069", "🏴‹TAG h›‹TAG i›", 16},
		{"CJK", "世界", "世界", 4},
		{"emoji", "🍕", "🍕", 2},
		{"split character, first part", "\xe4\xb8", "‹e4 b8›", 7},
		{"split character, second part", "\x96", "‹96›", 4},
		{"space and a split character", " \xf0\x9f", "␣‹f0 9f›", 8},
		{"split at both ends", "\x96ab\xe4", "‹96›ab‹e4›", 10},
		{"replacement character", "\ufffd", "\ufffd", 1},
		{"special-token text is text", "<|fim_prefix|>", "<|fim_prefix|>", 14},
		{"unassigned code point", "\U0003ffff", "‹U+3FFFF›", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Label([]byte(tt.in))
			if got != tt.want {
				t.Errorf("Label(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if w := Width(got); w != tt.width {
				t.Errorf("Width(%q) = %d, want %d", got, w, tt.width)
			}
			if w := ansi.StringWidth(got); w != Width(got) {
				t.Errorf("lipgloss (x/ansi) width of %q = %d, Width = %d", got, w, Width(got))
			}
			checkSafe(t, got)
		})
	}
}

// checkSafe fails if a label holds a byte or code point a terminal would act
// on or hide: C0, DEL, C1, bidi controls and other format characters.
func checkSafe(t *testing.T, label string) {
	t.Helper()
	for i := 0; i < len(label); i++ {
		if c := label[i]; c < 0x20 || c == 0x7f {
			t.Errorf("label %q has control byte %#02x at %d", label, c, i)
		}
	}
	for _, r := range label {
		if (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
			r == 0x200e || r == 0x200f || r == 0x061c || r == 0x200b || r == 0xfeff || r == 0x2028 || r == 0x2029 {
			t.Errorf("label %q has %U", label, r)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		cells int
		want  string
	}{
		{"journey", 10, "journey"},
		{"journey", 7, "journey"},
		{"journey", 6, "journ…"},
		{"journey", 1, "…"},
		{"journey", 0, ""},
		{"journey", -3, ""},
		{"世界你好", 5, "世界…"},
		{"世界你好", 4, "世…"}, // 世界 would need 4 + 1
		{"世界你好", 2, "…"},
		{"e\u0301e\u0301e\u0301", 2, "e\u0301…"},
		{"👨\u200d👩\u200d👧abc", 3, "👨\u200d👩\u200d👧…"},
		{"👨\u200d👩\u200d👧abc", 2, "…"},
		{"‹e4 b8›", 4, "‹e4…"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.cells)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.cells, got, tt.want)
		}
		if tt.cells >= 0 && Width(got) > tt.cells {
			t.Errorf("Truncate(%q, %d) = %q is %d cells", tt.in, tt.cells, got, Width(got))
		}
	}
}

// TestEveryCodePoint labels every code point alone and after a letter: the
// label is safe, at least one cell, and lipgloss measures it the same.
func TestEveryCodePoint(t *testing.T) {
	if testing.Short() {
		t.Skip("1.1 million code points")
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r)} {
			l := Label([]byte(s))
			if w := Width(l); w < 1 || w != lipglossWidth(l) {
				t.Fatalf("%U: Label(%q) = %q, Width %d, lipgloss %d", r, s, l, w, lipglossWidth(l))
			}
			checkSafe(t, l)
			if t.Failed() {
				t.FailNow()
			}
		}
	}
}

func TestPiece(t *testing.T) {
	// Python: bytes.fromhex(h).decode("utf-8", errors="replace")
	tests := []struct{ in, want string }{
		{" journey", " journey"},
		{"\xe4\xb8", "\ufffd"},                 // truncated 3-byte sequence: one
		{"\x98\x85", "\ufffd\ufffd"},           // two stray continuation bytes: two
		{"\x96\xe7", "\ufffd\ufffd"},           // stray continuation, then a truncated lead
		{"\xe0\x80", "\ufffd\ufffd"},           // E0 80 cannot start a well-formed sequence
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"}, // a surrogate: three
		{"\xf0\x9f\x8d", "\ufffd"},
		{"a\xffb\n", "a\ufffdb\n"},
	}
	for _, tt := range tests {
		if got := Piece([]byte(tt.in)); got != tt.want {
			t.Errorf("Piece(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
