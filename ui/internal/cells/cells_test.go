package cells

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestClipAndPad(t *testing.T) {
	cases := []struct {
		in       string
		w        int
		clip, pd string
	}{
		{"hello", 10, "hello", "hello     "},
		{"hello", 5, "hello", "hello"},
		{"hello", 4, "hel…", "hello"},
		{"世界世界", 5, "世界…", "世界世界"},
		{"hello", 1, "h", "hello"},
	}
	for _, c := range cases {
		if got := Clip(c.in, c.w); got != c.clip {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.w, got, c.clip)
		}
		if got := Pad(c.in, c.w); got != c.pd {
			t.Errorf("Pad(%q, %d) = %q, want %q", c.in, c.w, got, c.pd)
		}
	}
	if B2I(true) != 1 || B2I(false) != 0 {
		t.Error("B2I")
	}
}

// Width, MaxWidth and JoinTop agree with x/ansi and lipgloss on styled
// text made of the pieces screens are made of, and of pieces they are not.
func TestWidthAndJoinTopAsLipgloss(t *testing.T) {
	pieces := []string{"a", " ", "│", "▸▸", "α", "←", "₁", "\u25b6\ufe0f", "\u0301", "\xff", "é", "0.37", "\x1b[38;2;1;2;3m", "\x1b[m", "\x1b[0;1m", "╱", "▸", "世界", "␣the", "e\u0301",
		"1\ufe0f\u20e3", "\t", "\r\n", "\x1b]8;;http://x\x07", "\x1b[", "\x1b", "\x7f", "👍🏽", "\x1b[2K", "\u200d", "·", "\x1b[38;5;"}
	rng := rand.New(rand.NewPCG(1, 2))
	gen := func() string {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		s := gen()
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth %d", s, got, want)
		}
	}
	for range 3000 {
		blocks := make([]string, rng.IntN(4))
		for i := range blocks {
			var ls []string
			for n := rng.IntN(4); n >= 0; n-- {
				ls = append(ls, gen())
			}
			blocks[i] = strings.Join(ls, "\n")
		}
		if got, want := JoinTop(blocks...), lipgloss.JoinHorizontal(lipgloss.Top, blocks...); got != want {
			t.Fatalf("JoinTop(%q) = %q, lipgloss %q", blocks, got, want)
		}
		s := strings.Join(blocks, "\n")
		if got, want := MaxWidth(s), lipgloss.Width(s); got != want {
			t.Fatalf("MaxWidth(%q) = %d, lipgloss %d", s, got, want)
		}
	}
}

// Width measures every line of the UI's colour goldens as x/ansi does.
func TestWidthOfScreens(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/TestGolden*/*.golden")
	if len(files) == 0 {
		t.Fatal("no goldens under ui/testdata/TestGolden*: the test would check nothing (did they move?)")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for l := range strings.SplitSeq(string(b), "\n") {
			if got, want := Width(l), ansi.StringWidth(l); got != want {
				t.Fatalf("%s: Width(%q) = %d, want %d", f, l, got, want)
			}
		}
	}
}

// Each symbol Width counts as one cell is one cell to x/ansi, alone, twice
// over and between letters, and joins nothing.
func TestOneCellSymbols(t *testing.T) {
	for r := rune(0x80); r < 0x2600; r++ {
		if !oneCell(r) {
			continue
		}
		c := string(r)
		for _, x := range []struct {
			s string
			w int
		}{{c, 1}, {c + c, 2}, {"a" + c, 2}, {c + "a", 2}, {"a" + c + "a", 3}} {
			if got := ansi.StringWidth(x.s); got != x.w {
				t.Errorf("U+%04X: ansi.StringWidth(%q) = %d, want %d", r, x.s, got, x.w)
			}
		}
	}
}

func TestFit(t *testing.T) {
	for _, c := range []struct {
		s    string
		w, h int
		want string
	}{
		{"abc\ndef", 2, 3, "ab\nde\n"},
		{"a\nb\nc", 5, 2, "a\nb"},
		{"\x1b[1mbold\x1b[m", 2, 1, "\x1b[1mbo\x1b[m"},
		{"x", 0, 1, ""},
		{"x", 3, 0, ""},
	} {
		if got := Fit(c.s, c.w, c.h); got != c.want {
			t.Errorf("Fit(%q, %d, %d) = %q, want %q", c.s, c.w, c.h, got, c.want)
		}
	}
}
