package render

import (
	"bytes"
	"errors"
	"image"
	"image/draw"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui"
)

// --clean drops the key hints, the cursor, the "widen" note and any
// narration that would be cut.
func TestClean(t *testing.T) {
	sc := bookScene(t)
	for _, st := range goldenStages {
		for _, sz := range [][2]int{{100, 30}, {80, 24}, {60, 18}} {
			o := Options{Stage: st, Width: sz[0], Height: sz[1], Format: "text"}
			plain := string(write(t, sc, o))
			o.Clean = true
			clean := string(write(t, sc, o))
			for _, furniture := range []string{"next stage", "widen the terminal", "[ ] to cycle", "▸"} {
				if strings.Contains(clean, furniture) {
					t.Errorf("%s %dx%d --clean: has %q:\n%s", st.Name(), sz[0], sz[1], furniture, clean)
				}
			}
			// Narration (the rows under the token strip; matrix labels
			// hold "␣") is never cut with "…".
			lines := strings.Split(clean, "\n")
			for _, l := range lines[3:8] {
				if strings.HasSuffix(strings.TrimRight(l, " "), "…") && !strings.Contains(l, "␣") {
					t.Errorf("%s %dx%d --clean: narration cut: %q", st.Name(), sz[0], sz[1], l)
				}
			}
			if !strings.Contains(plain, "next stage") {
				t.Errorf("%s %dx%d: the plain screen has no key hints (test is vacuous)", st.Name(), sz[0], sz[1])
			}
		}
	}
	present := string(write(t, sc, Options{Stage: pipeline.StageCausal, Width: 80, Height: 24, Format: "text", Clean: true, UI: []ui.Option{ui.WithPresent(0)}}))
	if strings.Contains(present, "PgDn") || !strings.Contains(present, "CAUSAL") {
		t.Errorf("--present --clean has key hints (or is not presenter mode):\n%s", present)
	}
	// The cursor is bold and underlined; a clean screen has neither in
	// its matrix.
	svg := string(write(t, sc, Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Format: "ansi", Clean: true}))
	if strings.Contains(svg, ";4;") || strings.Contains(svg, "[4;") || strings.Contains(svg, ";4m") {
		t.Errorf("--clean: the screen has underlined cells")
	}
}

func TestPanel(t *testing.T) {
	sc := bookScene(t)
	o := Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Format: "text", Clean: true, Panel: "causal-weights"}
	out := string(write(t, sc, o))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) >= 30 || !strings.Contains(out, "causal weights") || !strings.Contains(out, "masked") {
		t.Errorf("panel: %d lines, want the matrix with its title and legend, cropped:\n%s", len(lines), out)
	}
	if strings.Contains(out, "attnscope") || strings.Contains(out, "BOOK") {
		t.Errorf("panel: has the screen's header:\n%s", out)
	}
	byNumber := string(write(t, sc, Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Format: "text", Panel: "1"}))
	if byNumber != out {
		t.Errorf("--panel 1 differs from --panel causal-weights")
	}
	png := decodePNG(t, write(t, sc, Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Format: "png", Panel: "mask"}))
	if w, h := png.Bounds().Dx(), png.Bounds().Dy(); w >= 100*CellWidth || h >= 30*CellHeight || w < 20*CellWidth {
		t.Errorf("panel PNG is %dx%d pixels; want it cropped to the matrix", w, h)
	}
	err := Write(&bytes.Buffer{}, sc, Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Panel: "nope"})
	if !errors.Is(err, ErrPanel) || !strings.Contains(err.Error(), "causal-weights, masked-qkt, mask, renormalised") {
		t.Errorf("unknown panel: %v; want ErrPanel listing the names", err)
	}
	if err := Write(&bytes.Buffer{}, sc, Options{Stage: pipeline.StageTokens, Width: 100, Height: 30, Panel: "1"}); !errors.Is(err, ErrPanel) {
		t.Errorf("panel of the tokens stage: %v; want ErrPanel", err)
	}
}

func TestGIF(t *testing.T) {
	sc := bookScene(t)
	keys, err := ParseKeys("n n l")
	if err != nil {
		t.Fatal(err)
	}
	data := write(t, sc, Options{Stage: pipeline.StageScores, Width: 60, Height: 16, Format: "gif", Keys: keys, Delay: 2 * time.Second})
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 4 {
		t.Fatalf("%d frames, want 4 (the start and one per key)", len(g.Image))
	}
	if g.Config.Width != 60*CellWidth || g.Config.Height != 16*CellHeight {
		t.Errorf("canvas %dx%d", g.Config.Width, g.Config.Height)
	}
	for i, d := range g.Delay {
		if d != 200 {
			t.Errorf("frame %d: delay %d, want 200 hundredths", i, d)
		}
	}
	// The first frame is the PNG of the same screen, colour for colour
	// where it has at most 256 colours.
	first := g.Image[0]
	want := decodePNG(t, write(t, sc, Options{Stage: pipeline.StageScores, Width: 60, Height: 16, Format: "png"}))
	if len(first.Palette) < 256 {
		for _, p := range [][2]int{{5, 5}, {300, 200}, {450, 100}} {
			if a, b := rgbaAt(first, p[0], p[1]), rgbaAt(want, p[0], p[1]); a != b {
				t.Errorf("pixel %v: gif %v, png %v", p, a, b)
			}
		}
	}
	// Later frames hold only what changed.
	if r := g.Image[3].Bounds(); r.Dx() >= g.Config.Width && r.Dy() >= g.Config.Height {
		t.Errorf("frame 4 (a cursor move) is the whole canvas %v", r)
	}
}

// A small palette is exact.
func TestGIFPaletteExact(t *testing.T) {
	out := encode(t, synth, Options{Width: 5, Height: 4, Format: "gif"})
	g, err := gif.DecodeAll(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	p := decodePNG(t, encode(t, synth, Options{Width: 5, Height: 4, Format: "png"}))
	b := p.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if a, c := rgbaAt(g.Image[0], x, y), rgbaAt(p, x, y); a != c {
				t.Fatalf("pixel (%d,%d): gif %v, png %v", x, y, a, c)
			}
		}
	}
}

// Without installed fonts, a CJK glyph is a box and the log says so; with
// them (where fonts-noto-cjk or the like is installed) it is drawn.
func TestSystemFonts(t *testing.T) {
	var log bytes.Buffer
	useFontDirs(t, "none")
	encode(t, "你 😀 x", Options{Width: 8, Height: 1, Format: "png", Log: &log})
	if !strings.Contains(log.String(), "你 U+4F60") || !strings.Contains(log.String(), "U+1F600") {
		t.Errorf("log %q, want it to name 你 and 😀", log.String())
	}
	var dirs []string
	for _, d := range []string{"/usr/share/fonts", "/usr/local/share/fonts"} {
		if _, err := os.Stat(d); err == nil {
			dirs = append(dirs, d)
		}
	}
	useFontDirs(t, strings.Join(dirs, string(filepath.ListSeparator)))
	if gl := fonts().lookup("你", 0); !gl.ok {
		t.Skip("no installed font has 你 here")
	}
	log.Reset()
	img := decodePNG(t, encode(t, "你", Options{Width: 3, Height: 1, Format: "png", Log: &log}))
	if strings.Contains(log.String(), "你") {
		t.Errorf("log %q names a glyph an installed font has", log.String())
	}
	// Drawn, not a box: the box's left edge column is not solid.
	fg, _ := defaultColors()
	solid := 0
	box := missingBox(2*CellWidth, CellHeight)
	for y := range CellHeight {
		if rgbaAt(img, box[2].x0, y) == fg {
			solid++
		}
	}
	if solid > CellHeight/2 {
		t.Errorf("你 looks like the missing-glyph box")
	}
}

func TestSVGText(t *testing.T) {
	out := string(encode(t, "0.25 0.75 █x\n\x1b[1mbold\x1b[0m <&>  far", Options{Width: 16, Height: 2, Format: "svg"}))
	for _, want := range []string{
		`>0.25 0.75</text>`, `textLength="90"`, `font-weight="bold">bold</text>`, `>&lt;&amp;&gt;</text>`,
		`<text x="100" y="36" textLength="30" fill="#e0e0e0">far</text>`, `xml:space="preserve"`,
		"font-family:'Go Mono'", `<rect x="100" y="0" width="10" height="20"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<path") {
		t.Error("SVG text mode has glyph outlines")
	}
}

// A cropped panel changes size from stage to stage; the GIF's canvas is the
// largest, and a smaller frame leaves no trace of the one before.
func TestGIFPanelCanvas(t *testing.T) {
	sc := bookScene(t)
	keys, _ := ParseKeys("n n n")
	data := write(t, sc, Options{Stage: pipeline.StageScores, Width: 100, Height: 30, Format: "gif", Keys: keys, Panel: "1"})
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	for _, fr := range g.Image {
		draw.Draw(canvas, fr.Bounds(), fr, fr.Bounds().Min, draw.Src)
	}
	_, bg := defaultColors()
	// The last frame (qkv's Q, two columns) is narrow: the right half is page.
	for y := CellHeight; y < g.Config.Height-CellHeight; y += 7 {
		if c := rgbaAt(canvas, g.Config.Width-2*CellWidth, y); c != bg {
			t.Fatalf("pixel (%d,%d) = %v, want the page background %v", g.Config.Width-2*CellWidth, y, c, bg)
		}
	}
}

// Broken font files among the installed ones are skipped.
func TestSystemFontsSkipBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"empty.ttf": nil, "junk.otf": []byte("not a font at all"), "cut.ttc": []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x09"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	useFontDirs(t, dir)
	var log bytes.Buffer
	encode(t, "你", Options{Width: 3, Height: 1, Format: "png", Log: &log})
	if !strings.Contains(log.String(), "U+4F60") {
		t.Errorf("log %q", log.String())
	}
}
