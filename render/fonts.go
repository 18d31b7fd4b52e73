package render

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// DejaVu Sans Mono fills the glyphs Go Mono lacks (ᵀ and other modifier
// letters, ✓ ✗, ⟨ ⟩, most of the math block). Bitstream Vera licence,
// fonts/LICENSE-DejaVu.txt.
//
//go:embed fonts/DejaVuSansMono.ttf
var dejaVuSansMono []byte

// Cell geometry at scale 1, in pixels. Go Mono advances 1229/2048 em, so a
// 10 px cell sets the font at 10/0.6 ≈ 16.67 px; its ascent+descent
// (2367/2048 em ≈ 19.3 px) fits a 20 px row.
const (
	CellWidth  = 10
	CellHeight = 20
)

// fontPx is the font size in pixels at scale 1: the size at which Go Mono's
// advance is exactly one cell.
const fontPx = CellWidth * 2048.0 / 1229.0

// baseline is the baseline's distance from the top of a cell at scale 1:
// the font's ascent+descent centred in the row, rounded to a pixel so
// horizontal stems stay sharp.
var baseline = math.Round((CellHeight-fontPx*(1935.0+432.0)/2048.0)/2 + fontPx*1935.0/2048.0)

type fontSet struct {
	styles   [4]*sfnt.Font // regular, bold, italic, bold italic
	fallback *sfnt.Font
	system   *systemFonts // installed fonts, found on first need
	mu       sync.Mutex
	buf      sfnt.Buffer
	cache    map[glyphKey]*glyph
}

type glyphKey struct {
	text  string
	style int
}

// glyph is an outline in font units scaled to pixels at scale 1 (origin at
// the pen position on the baseline, y down). ok is false when no font has it.
type glyph struct {
	segs     []sfnt.Segment // coordinates in 1/64 px at fontPx
	ok       bool
	fallback bool // from DejaVu Sans Mono
	system   bool // from an installed font
	device   bool // segs are in device pixels already (drawn shapes), not scale 1
}

var fonts = sync.OnceValue(func() *fontSet {
	fs := &fontSet{cache: map[glyphKey]*glyph{}}
	for i, ttf := range [][]byte{gomono.TTF, gomonobold.TTF, gomonoitalic.TTF, gomonobolditalic.TTF} {
		fs.styles[i] = mustParse(ttf)
	}
	fs.fallback = mustParse(dejaVuSansMono)
	return fs
})

func mustParse(ttf []byte) *sfnt.Font {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		panic(fmt.Sprintf("render: embedded font: %v", err)) // a build defect, not user input
	}
	return f
}

func styleIndex(bold, italic bool) int {
	i := 0
	if bold {
		i |= 1
	}
	if italic {
		i |= 2
	}
	return i
}

// lookup returns the outline for a one-rune grapheme in the given style,
// trying Go Mono in that style, Go Mono regular, DejaVu Sans Mono, then
// the installed fonts (systemFonts).
// Multi-rune clusters (combining marks, emoji with a variation selector)
// are drawn when they compose to one character; otherwise they are missing.
func (fs *fontSet) lookup(text string, style int) *glyph {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	k := glyphKey{text, style}
	if g, ok := fs.cache[k]; ok {
		return g
	}
	g := &glyph{}
	fs.cache[k] = g
	// A cluster draws if it composes to one character ("e" + U+0301 is
	// "é"); a variation selector (emoji or text presentation) is ignored.
	one := strings.Map(func(r rune) rune {
		if r == 0xfe0e || r == 0xfe0f {
			return -1
		}
		return r
	}, norm.NFC.String(text))
	r, n := utf8.DecodeRuneInString(one)
	if n != len(one) || n == 0 {
		return g
	}
	for i, f := range []*sfnt.Font{fs.styles[style], fs.styles[0], fs.fallback} {
		idx, err := f.GlyphIndex(&fs.buf, r)
		if err != nil || idx == 0 {
			continue
		}
		segs, err := f.LoadGlyph(&fs.buf, idx, fixed.Int26_6(math.Round(fontPx*64)), nil)
		if err != nil {
			continue
		}
		g.segs = append([]sfnt.Segment(nil), segs...)
		g.ok = true
		g.fallback = i == 2
		return g
	}
	if fs.system == nil {
		fs.system = findSystemFonts()
	}
	g.segs, g.ok = fs.system.glyph(&fs.buf, r, max(ansi.StringWidth(one), 1))
	g.system = g.ok
	return g
}

// svgPath writes g's outline as SVG path data in scale-1 pixels relative
// to the pen position, with two decimals.
func (g *glyph) svgPath() string {
	var b strings.Builder
	num := func(v fixed.Int26_6) {
		b.WriteString(strconv.FormatFloat(math.Round(float64(v)/64*100)/100, 'f', -1, 64))
	}
	pt := func(p fixed.Point26_6) {
		num(p.X)
		b.WriteByte(' ')
		num(p.Y)
	}
	for i, s := range g.segs {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if i > 0 {
				b.WriteString("Z ")
			}
			b.WriteString("M")
			pt(s.Args[0])
		case sfnt.SegmentOpLineTo:
			b.WriteString("L")
			pt(s.Args[0])
		case sfnt.SegmentOpQuadTo:
			b.WriteString("Q")
			pt(s.Args[0])
			b.WriteByte(' ')
			pt(s.Args[1])
		case sfnt.SegmentOpCubeTo:
			b.WriteString("C")
			pt(s.Args[0])
			b.WriteByte(' ')
			pt(s.Args[1])
			b.WriteByte(' ')
			pt(s.Args[2])
		}
	}
	if len(g.segs) > 0 {
		b.WriteString(" Z")
	}
	return b.String()
}
