package tokenizer

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// Markers used in labels. Every one is a single cell that is not East Asian
// Ambiguous, so it is one cell in every terminal and locale.
const (
	SpaceMarker   = "␣" // U+2423 OPEN BOX: a space (U+0020)
	NewlineMarker = "↵" // U+21B5: a line feed
	TabMarker     = "⇥" // U+21E5: a tab
	MarkBase      = "◌" // U+25CC DOTTED CIRCLE: carries a combining mark that has no base in its token
	EscOpen       = "‹" // U+2039: opens an escape: ‹ZWJ›, ‹U+202E›, ‹e4 b8›
	EscClose      = "›" // U+203A: closes it
	Ellipsis      = "…" // what Truncate appends
)

// Label returns a display label for a token's bytes that is always safe to
// print and never invisible:
//
//   - a space is ␣; a line feed ↵; a tab ⇥; other C0 controls and DEL are their
//     Unicode control pictures (␀ … ␟, ␡; ESC is ␛);
//   - C1 controls, format characters (bidi controls LRM/RLM/ALM, LRE…RLO,
//     LRI…PDI; ZWSP, ZWNJ, WJ, BOM, SHY, tag characters…), line/paragraph
//     separators, spaces other than U+0020 (NBSP, U+3000…), invisible fillers
//     and unassigned code points become escapes like ‹RLO›, ‹NBSP›, ‹U+2061›;
//   - ZWJ, variation selectors and emoji modifiers are kept inside an emoji or
//     character they join or modify, and escaped (‹ZWJ›, ‹VS16›) when alone;
//   - a combining mark with no base in the token sits on a dotted circle (◌́);
//   - bytes that are not valid UTF-8 on their own (BPE often splits a
//     character, e.g. 世 is two tokens in r50k_base) are shown as hex: ‹e4 b8›.
//
// Hex rather than merging a split character's tokens into one label: each
// token is a row and a column of the heatmap, and a merged label would show
// the same text on two rows and hide the very split the tool is there to
// show. Tokenize adds the merged text in Token.Whole so a UI can say
// "‹e4 b8› is part 1 of 2 of 世".
//
// A user who types ␣, ↵ or ‹ literally sees the same glyph; Token.Bytes
// stays exact.
func Label(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		n := validPrefix(b)
		if n > 0 {
			writeText(&sb, string(b[:n]))
			b = b[n:]
			continue
		}
		// a run of bytes that do not start a valid rune
		sb.WriteString(EscOpen)
		for i := 0; len(b) > 0 && validPrefix(b) == 0; i++ {
			if i > 0 {
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "%02x", b[0])
			b = b[1:]
		}
		sb.WriteString(EscClose)
	}
	return sb.String()
}

// validPrefix returns the length of the longest valid UTF-8 prefix of b.
func validPrefix(b []byte) int {
	n := 0
	for n < len(b) {
		r, size := utf8.DecodeRune(b[n:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		n += size
	}
	return n
}

// writeText labels valid UTF-8 text one grapheme cluster at a time, so that
// joiners and modifiers are judged by what they attach to.
func writeText(sb *strings.Builder, s string) {
	g := displaywidth.StringGraphemes(s)
	for g.Next() {
		writeCluster(sb, g.Value())
	}
}

func writeCluster(sb *strings.Builder, c string) {
	hasBase := false
	// a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿) is 🏴, tag characters, CANCEL TAG; tags
	// anywhere else are hidden text ("ASCII smuggling") and are escaped
	flag := strings.HasPrefix(c, "\U0001F3F4") && strings.HasSuffix(c, "\U000E007F")
	for i, r := range c {
		last := i+utf8.RuneLen(r) == len(c)
		switch {
		case r == ' ':
			sb.WriteString(SpaceMarker)
			hasBase = true
		case r == '\n':
			sb.WriteString(NewlineMarker)
			hasBase = false
		case r == '\t':
			sb.WriteString(TabMarker)
			hasBase = false
		case r < 0x20:
			sb.WriteRune(0x2400 + r) // control pictures: ␀ … ␟ (␛ for ESC)
			hasBase = false
		case r == 0x7f:
			sb.WriteRune('␡')
			hasBase = false
		case r == zwj:
			// kept between two parts of one emoji cluster (👨‍👩‍👧), escaped when it
			// joins nothing visible in this token
			if hasBase && !last {
				sb.WriteRune(r)
			} else {
				writeEscape(sb, r)
			}
		case isTag(r):
			if flag && hasBase {
				sb.WriteRune(r)
			} else {
				writeEscape(sb, r)
			}
		case isModifier(r):
			if hasBase {
				sb.WriteRune(r)
			} else {
				writeEscape(sb, r)
			}
		case mustEscape(r):
			writeEscape(sb, r)
			hasBase = false
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
			if !hasBase {
				sb.WriteString(MarkBase)
				hasBase = true
			}
			sb.WriteRune(r)
		default:
			sb.WriteRune(r)
			hasBase = true
		}
	}
}

const zwj = '\u200d'

// isModifier: variation selectors (Unicode's and Mongolian's), which are
// invisible alone and may change their base's width, so they stay only on a
// base. (Emoji skin-tone modifiers are visible swatches on their own.)
func isModifier(r rune) bool {
	return (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0xe0100 && r <= 0xe01ef) ||
		(r >= 0x180b && r <= 0x180d) || r == 0x180f
}

func isTag(r rune) bool { return r >= 0xe0020 && r <= 0xe007f }

// mustEscape reports code points that are invisible, move the cursor in
// surprising ways, or reorder text: they never reach the terminal raw.
func mustEscape(r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co, unicode.Cn):
		// format characters, separators, private use, and code points
		// unassigned in Go's Unicode tables (their width is unknown)
		return true
	case unicode.Is(unicode.Zs, r) && r != ' ':
		return true
	case r == 0x034f, r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5,
		r == 0x3164, r == 0xffa0, r == 0xfffc: // CGJ, Hangul/Khmer fillers, OBJ
		return true
	}
	return false
}

var escapeNames = map[rune]string{
	0x0085: "NEL", 0x00a0: "NBSP", 0x00ad: "SHY", 0x034f: "CGJ", 0x061c: "ALM",
	0x180e: "MVS", 0x200b: "ZWSP", 0x200c: "ZWNJ", 0x200d: "ZWJ", 0x200e: "LRM",
	0x200f: "RLM", 0x2028: "LSEP", 0x2029: "PSEP", 0x202a: "LRE", 0x202b: "RLE",
	0x202c: "PDF", 0x202d: "LRO", 0x202e: "RLO", 0x202f: "NNBSP", 0x205f: "MMSP",
	0x2060: "WJ", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
	0x3000: "IDSP", 0xfeff: "BOM", 0xe0001: "LANG TAG", 0xe007f: "CANCEL TAG",
}

func writeEscape(sb *strings.Builder, r rune) {
	sb.WriteString(EscOpen)
	switch name, ok := escapeNames[r]; {
	case ok:
		sb.WriteString(name)
	case r >= 0xfe00 && r <= 0xfe0f:
		fmt.Fprintf(sb, "VS%d", r-0xfe00+1)
	case r >= 0xe0100 && r <= 0xe01ef:
		fmt.Fprintf(sb, "VS%d", r-0xe0100+17)
	case r > 0xe0020 && r < 0xe007f:
		fmt.Fprintf(sb, "TAG %c", r-0xe0000)
	default:
		fmt.Fprintf(sb, "U+%04X", r)
	}
	sb.WriteString(EscClose)
}

// widthOptions measures as lipgloss v2 does (charmbracelet/x/ansi's
// GraphemeWidth method: grapheme clusters measured by displaywidth, East Asian
// Ambiguous as one cell unless RUNEWIDTH_EASTASIAN is true), so a label's
// Width is the width lipgloss.Width gives it and layouts line up.
var widthOptions = displaywidth.Options{EastAsianWidth: eastAsian()}

func eastAsian() bool {
	ea, err := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN"))
	return err == nil && ea
}

// Width returns the width of a label in terminal cells (wide CJK and emoji
// count 2, combining marks 0), as lipgloss.Width measures it. It is meant for
// labels, which hold no control characters.
func Width(label string) int {
	return widthOptions.String(label)
}

// Truncate shortens a label to at most cells cells, ending it with … when
// anything was cut. It never splits a grapheme cluster (an emoji, a letter
// with its marks), so the result may be a cell narrower than asked.
func Truncate(label string, cells int) string {
	if cells <= 0 {
		return ""
	}
	if Width(label) <= cells {
		return label
	}
	budget := cells - Width(Ellipsis)
	var sb strings.Builder
	used := 0
	g := widthOptions.StringGraphemes(label)
	for g.Next() {
		w := g.Width()
		if used+w > budget {
			break
		}
		sb.WriteString(g.Value())
		used += w
	}
	if budget >= 0 {
		sb.WriteString(Ellipsis)
	}
	return sb.String()
}
