package render

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// FontDirsEnv names the variable that replaces the folders searched for
// installed fonts: a list like PATH; empty or "none" searches none.
const FontDirsEnv = "ATTNSCOPE_FONT_DIRS"

// maxFontFiles bounds the installed font files considered (each stays open
// once opened, to be read on demand).
const maxFontFiles = 256

// fontDirs are the folders fontconfig's default configuration searches.
func fontDirs() []string {
	if v, ok := os.LookupEnv(FontDirsEnv); ok {
		if v == "" || v == "none" {
			return nil
		}
		return filepath.SplitList(v)
	}
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		dirs = append(dirs, filepath.Join(d, "fonts"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
	}
	return dirs
}

// systemFonts are the installed fonts a glyph no embedded font has is
// looked up in, found on first use and opened one by one as needed:
// monospaced and regular faces first (so a CJK ideograph comes from Noto
// Sans Mono CJK rather than a bold serif), then by path.
type systemFonts struct {
	files  []string
	loaded []bool
	fonts  [][]*sfnt.Font
}

func findSystemFonts() *systemFonts {
	var files []string
	for _, dir := range fontDirs() {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder is skipped
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".ttf", ".otf", ".ttc", ".otc":
				if !d.IsDir() {
					files = append(files, path)
				}
			}
			return nil
		})
	}
	slices.SortStableFunc(files, func(a, b string) int {
		if c := cmp.Compare(fontRank(a), fontRank(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	files = files[:min(len(files), maxFontFiles)]
	return &systemFonts{files: files, loaded: make([]bool, len(files)), fonts: make([][]*sfnt.Font, len(files))}
}

// fontRank orders font files: lower is tried first.
func fontRank(path string) int {
	name := strings.ToLower(filepath.Base(path))
	rank := 0
	for _, w := range []string{"bold", "italic", "oblique", "light", "thin", "black", "heavy", "medium", "condensed", "semi", "math"} {
		if strings.Contains(name, w) {
			rank += 8
			break
		}
	}
	if strings.Contains(name, "mono") {
		rank -= 4
	}
	if strings.Contains(name, "sans") {
		rank -= 2
	}
	if strings.Contains(name, "serif") {
		rank += 2
	}
	return rank
}

// open parses file i (every font of a collection); a file that does not
// parse gives none.
func (s *systemFonts) open(i int) []*sfnt.Font {
	if s.loaded[i] {
		return s.fonts[i]
	}
	s.loaded[i] = true
	f, err := os.Open(s.files[i])
	if err != nil {
		return nil
	}
	c, err := sfnt.ParseCollectionReaderAt(f)
	if err != nil {
		f.Close()
		return nil
	}
	for k := range min(c.NumFonts(), 16) {
		if ft, err := c.Font(k); err == nil {
			s.fonts[i] = append(s.fonts[i], ft)
		}
	}
	if len(s.fonts[i]) == 0 {
		f.Close()
	}
	return s.fonts[i]
}

// glyph loads r from the first installed font that has an outline for it,
// scaled to fit cells cells and centred in them. ok is false when none has.
func (s *systemFonts) glyph(buf *sfnt.Buffer, r rune, cells int) (segs []sfnt.Segment, ok bool) {
	for i := range s.files {
		for _, f := range s.open(i) {
			if segs, ok = fontGlyph(f, buf, r, cells); ok {
				return segs, true
			}
		}
	}
	return nil, false
}

// fontGlyph loads r from f as glyph does. A font file that makes the
// parser fail in any way, even a panic, just lacks the glyph.
func fontGlyph(f *sfnt.Font, buf *sfnt.Buffer, r rune, cells int) (segs []sfnt.Segment, ok bool) {
	defer func() {
		if recover() != nil {
			segs, ok = nil, false
		}
	}()
	idx, err := f.GlyphIndex(buf, r)
	if err != nil || idx == 0 {
		return nil, false
	}
	room := float64(cells * CellWidth)
	ppem := fontPx
	adv, err := f.GlyphAdvance(buf, idx, fixed.Int26_6(math.Round(ppem*64)), font.HintingNone)
	if err != nil {
		return nil, false
	}
	if a := float64(adv) / 64; a > room {
		ppem *= room / a
		adv = fixed.Int26_6(math.Round(room * 64))
	}
	gs, err := f.LoadGlyph(buf, idx, fixed.Int26_6(math.Round(ppem*64)), nil)
	if err != nil || len(gs) == 0 {
		return nil, false // a bitmap (colour emoji) face has no outline
	}
	dx := fixed.Int26_6(math.Round((room*64 - float64(adv)) / 2))
	segs = make([]sfnt.Segment, len(gs))
	for k, sg := range gs {
		for a := range sg.Args {
			sg.Args[a].X += dx
		}
		segs[k] = sg
	}
	return segs, true
}

// noteMissing writes to log (if any) the glyphs of gs that no font has
// and that are therefore drawn as hollow boxes, each once.
func noteMissing(log io.Writer, gs ...*grid) {
	if log == nil {
		return
	}
	var missing []string
	for _, g := range gs {
		missing = missingGlyphs(g, missing)
	}
	if len(missing) == 0 {
		return
	}
	names := make([]string, len(missing))
	for i, t := range missing {
		var cps []string
		for _, r := range t {
			cps = append(cps, fmt.Sprintf("U+%04X", r))
		}
		names[i] = strings.TrimSpace(Sanitize(t, false) + " " + strings.Join(cps, " "))
	}
	fmt.Fprintf(log, "attnscope: note: no installed font has %s; drawn as a box (fonts-noto-cjk covers CJK; emoji need an outline emoji font such as Noto Emoji or Symbola)\n",
		strings.Join(names, ", "))
}

// missingGlyphs appends to missing the texts of g's cells no font has.
func missingGlyphs(g *grid, missing []string) []string {
	fs := fonts()
	for i := range g.cells {
		c := &g.cells[i]
		if !needsFont(c) || slices.Contains(missing, c.text) {
			continue
		}
		if gl := fs.lookup(c.text, styleIndex(c.bold, c.italic)); !gl.ok {
			missing = append(missing, c.text)
		}
	}
	return missing
}

// needsFont reports whether c is drawn with a font (not blank, not a block,
// box-drawing, braille or arc shape).
func needsFont(c *cell) bool {
	if c.width == 0 || c.text == "" || c.text == " " {
		return false
	}
	r, n := utf8.DecodeRuneInString(c.text)
	if n != len(c.text) {
		return true
	}
	if r == 0x2800 || arcDirs[r] != [2]float64{} {
		return false
	}
	_, shape := shapes(r, CellWidth, CellHeight)
	return !shape
}
