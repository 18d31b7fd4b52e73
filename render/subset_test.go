package render

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A subset keeps the outlines of the characters asked for, maps nothing
// else, and is far smaller than the font.
func TestSubsetTTF(t *testing.T) {
	for name, ttf := range map[string][]byte{"Go Mono": gomono.TTF, "DejaVu Sans Mono": dejaVuSansMono} {
		full, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		keep := map[rune]bool{'0': true, '.': true, 'é': true, 'ᵀ': true, '│': true}
		sub, err := subsetFor(ttf, full, keep)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(sub) > len(ttf)/3 {
			t.Errorf("%s: subset %d bytes of %d", name, len(sub), len(ttf))
		}
		f, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", name, err)
		}
		var buf sfnt.Buffer
		for _, r := range "0.éᵀ│Bz" {
			want, _ := full.GlyphIndex(&buf, r)
			got, err := f.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatalf("%s: %q: %v", name, r, err)
			}
			if !keep[r] || want == 0 {
				if got != 0 {
					t.Errorf("%s: %q is mapped in the subset", name, r)
				}
				continue
			}
			if got != want {
				t.Errorf("%s: %q is glyph %d, was %d", name, r, got, want)
			}
			a, err1 := full.LoadGlyph(&buf, want, fixed.I(20), nil)
			na := len(a)
			b, err2 := f.LoadGlyph(&buf, got, fixed.I(20), nil)
			if err1 != nil || err2 != nil || na == 0 || na != len(b) {
				t.Errorf("%s: %q: outline of %d segments (%v), was %d (%v)", name, r, len(b), err2, na, err1)
			}
		}
	}
}

func TestSubsetBadInput(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("\x00\x01\x00\x00\x00\x05"), []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"), gomono.TTF[:200]} {
		if _, err := subsetTTF(b, map[rune]uint16{'a': 68}); err == nil {
			t.Errorf("subsetTTF(% x…) = nil error", b[:min(len(b), 8)])
		}
	}
}

// The HTML page embeds only subsets: a whole screen is well under the
// whole fonts' size, and each embedded font parses.
func TestHTMLFontsAreSubsets(t *testing.T) {
	sc := bookScene(t)
	out := string(write(t, sc, Options{Stage: 8, Width: 100, Height: 30, Format: "html"}))
	if len(out) > 200_000 {
		t.Errorf("HTML is %d bytes", len(out))
	}
	faces := regexp.MustCompile(`base64,([A-Za-z0-9+/=]+)\)`).FindAllStringSubmatch(out, -1)
	if len(faces) == 0 {
		t.Fatal("no embedded font")
	}
	for _, m := range faces {
		data, err := base64.StdEncoding.DecodeString(m[1])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sfnt.Parse(data); err != nil {
			t.Errorf("an embedded font does not parse: %v", err)
		}
	}
	if !strings.Contains(out, `font-family:"Go Mono";font-weight:normal`) {
		t.Error("no regular Go Mono face")
	}
}
