package render

import (
	"slices"

	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// htmlFace is one @font-face of an HTML page.
type htmlFace struct {
	family, weight, style string
	ttf                   []byte
}

// htmlFonts returns the faces g's page needs: Go Mono in each style the
// page uses and DejaVu Sans Mono when a glyph comes from it, each cut down
// to the characters drawn with it (subsetTTF). Go Mono regular is always
// there, for the page's blank cells.
func htmlFonts(g *grid) ([]htmlFace, error) {
	fs := fonts()
	var used [4]map[rune]bool
	fallback := map[rune]bool{}
	add := func(set map[rune]bool, text string) {
		for _, r := range text + norm.NFC.String(text) {
			set[r] = true
		}
	}
	used[0] = map[rune]bool{' ': true}
	for i := range g.cells {
		c := &g.cells[i]
		if c.width == 0 || c.text == " " || c.text == "" {
			continue
		}
		st := styleIndex(c.bold, c.italic)
		if used[st] == nil {
			used[st] = map[rune]bool{}
		}
		add(used[st], c.text)
		if gl := fs.lookup(c.text, st); gl.ok && gl.fallback {
			add(fallback, c.text)
		}
	}
	ttfs := [4][]byte{gomono.TTF, gomonobold.TTF, gomonoitalic.TTF, gomonobolditalic.TTF}
	var faces []htmlFace
	for st, set := range used {
		if set == nil {
			continue
		}
		weight, style := "normal", "normal"
		if st&1 != 0 {
			weight = "bold"
		}
		if st&2 != 0 {
			style = "italic"
		}
		ttf, err := subsetFor(ttfs[st], fs.styles[st], set)
		if err != nil {
			return nil, err
		}
		faces = append(faces, htmlFace{"Go Mono", weight, style, ttf})
	}
	if len(fallback) > 0 {
		ttf, err := subsetFor(dejaVuSansMono, fs.fallback, fallback)
		if err != nil {
			return nil, err
		}
		faces = append(faces, htmlFace{"DejaVu Sans Mono", "normal", "normal", ttf})
	}
	return faces, nil
}

// subsetFor cuts ttf (parsed as f) down to the runes of set it has.
func subsetFor(ttf []byte, f *sfnt.Font, set map[rune]bool) ([]byte, error) {
	var buf sfnt.Buffer
	gids := map[rune]uint16{}
	for _, r := range sortedRunes(set) {
		if idx, err := f.GlyphIndex(&buf, r); err == nil && idx != 0 {
			gids[r] = uint16(idx)
		}
	}
	return subsetTTF(ttf, gids)
}

func sortedRunes(set map[rune]bool) []rune {
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}
