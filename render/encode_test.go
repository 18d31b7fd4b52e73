package render

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// A synthetic frame: cell (0,1) has a known truecolor background, cell
// (2,0) a full block in a known foreground, cell (3,0) a medium shade.
const synth = "ab\x1b[38;2;200;40;10m█▒\x1b[0m\n" +
	"\x1b[48;2;10;200;30mX\x1b[0m\n" +
	"\x1b[7m\x1b[38;2;1;2;3;48;2;250;250;250mR\x1b[0m"

var (
	synthBg    = color.RGBA{10, 200, 30, 255}
	synthBlock = color.RGBA{200, 40, 10, 255}
)

func encode(t testing.TB, frame string, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, tea.NewView(frame), opts); err != nil {
		t.Fatalf("Encode(%+v): %v", opts, err)
	}
	return b.Bytes()
}

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	return img
}

func rgbaAt(img image.Image, x, y int) color.RGBA {
	return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
}

func TestPNGSizeAndCellColours(t *testing.T) {
	_, defBg := defaultColors()
	for _, s := range []int{1, 2, 3} {
		img := decodePNG(t, encode(t, synth, Options{Width: 5, Height: 4, Format: "png", Scale: s}))
		cw, ch := CellWidth*s, CellHeight*s
		if got, want := img.Bounds().Size(), image.Pt(5*cw, 4*ch); got != want {
			t.Fatalf("scale %d: size %v, want %v", s, got, want)
		}
		// Every pixel of a block cell is its foreground; a corner of the
		// background cell is its background (the glyph X does not reach it).
		for _, p := range []image.Point{{2*cw + 0, 0}, {2*cw + cw - 1, ch - 1}, {2*cw + cw/2, ch / 2}} {
			if got := rgbaAt(img, p.X, p.Y); got != synthBlock {
				t.Errorf("scale %d: block pixel %v = %v, want %v", s, p, got, synthBlock)
			}
		}
		if got := rgbaAt(img, 0, ch); got != synthBg {
			t.Errorf("scale %d: background cell's corner = %v, want %v", s, got, synthBg)
		}
		if got := rgbaAt(img, cw-1, 2*ch-1); got != synthBg {
			t.Errorf("scale %d: background cell's far corner = %v, want %v", s, got, synthBg)
		}
		// ▒ is the foreground at half coverage over the default background.
		if got, want := rgbaAt(img, 3*cw+1, 1), mix(synthBlock, defBg, 0.5); got != want {
			t.Errorf("scale %d: shade pixel = %v, want %v", s, got, want)
		}
		// Reverse video: the background becomes the foreground (1,2,3).
		if got, want := rgbaAt(img, 0, 2*ch), (color.RGBA{1, 2, 3, 255}); got != want {
			t.Errorf("scale %d: reversed cell's corner = %v, want %v", s, got, want)
		}
		// Untouched cells are the default background.
		if got := rgbaAt(img, 5*cw-1, 4*ch-1); got != defBg {
			t.Errorf("scale %d: empty cell = %v, want the default background %v", s, got, defBg)
		}
	}
}

func TestPNGGlyphIsDrawn(t *testing.T) {
	// A cell holding "M" has foreground pixels; a blank cell has none.
	img := decodePNG(t, encode(t, "M", Options{Width: 2, Height: 1, Format: "png"}))
	fg, bg := defaultColors()
	count := func(x0 int) (n int) {
		for y := range CellHeight {
			for x := x0; x < x0+CellWidth; x++ {
				if rgbaAt(img, x, y) != bg {
					n++
				}
			}
		}
		return n
	}
	if n := count(0); n < 20 {
		t.Errorf("the M cell has %d non-background pixels, want a glyph", n)
	}
	if n := count(CellWidth); n != 0 {
		t.Errorf("the blank cell has %d non-background pixels, want 0", n)
	}
	_ = fg
}

func TestPNGColourProfile(t *testing.T) {
	// With --color 16 the truecolor background is downsampled as a 16-colour
	// terminal would show it.
	img := decodePNG(t, encode(t, synth, Options{Width: 5, Height: 4, Format: "png", Color: "16"}))
	want := toRGBA(colorprofile.ANSI.Convert(synthBg))
	if got := rgbaAt(img, 0, CellHeight); got != want {
		t.Errorf("16-colour background = %v, want %v", got, want)
	}
	if want == synthBg {
		t.Fatal("test is vacuous: the colour survives downsampling")
	}
}

func TestSVG(t *testing.T) {
	out := string(encode(t, synth, Options{Width: 5, Height: 4, Format: "svg", Scale: 2, SVGText: "outline"}))
	for _, want := range []string{
		`width="100" height="160" viewBox="0 0 50 80"`,
		`<rect x="0" y="20" width="10" height="20" fill="#0ac81e"/>`, // the background cell
		`<rect x="20" y="0" width="10" height="20" fill="#c8280a"/>`, // the block, as a rectangle
		`<title>ab█▒</title>`,
		`<use xlink:href="#g0"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	d := xml.NewDecoder(strings.NewReader(out))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

func TestHTML(t *testing.T) {
	out := string(encode(t, synth+"\n<script>&", Options{Width: 12, Height: 4, Format: "html"}))
	for _, want := range []string{
		"<!DOCTYPE html>", "<title>ab█▒</title>", "@font-face{font-family:\"Go Mono\"",
		"background:#0ac81e", "color:#c8280a", "&lt;script&gt;&amp;",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
	if strings.Contains(out, "<script>") {
		t.Error("HTML holds the frame's <script> unescaped")
	}
}

func TestANSIDownsamples(t *testing.T) {
	out := string(encode(t, synth, Options{Width: 5, Height: 4, Format: "ansi", Color: "256"}))
	if strings.Contains(out, "38;2;") || strings.Contains(out, "48;2;") {
		t.Errorf("256-colour output keeps truecolor sequences: %q", out)
	}
	if !strings.Contains(out, "48;5;") {
		t.Errorf("256-colour output has no indexed background: %q", out)
	}
	if got := strings.Count(out, "\n"); got != 4 {
		t.Errorf("ANSI output has %d lines, want the screen's 4", got)
	}
	tc := string(encode(t, synth, Options{Width: 5, Height: 4, Format: "ansi"}))
	if !strings.Contains(tc, "48;2;10;200;30") {
		t.Errorf("truecolor output lost the exact colour: %q", tc)
	}
}

func TestTextLayout(t *testing.T) {
	got := string(encode(t, "héllo wide 你好 end\nline two is cut here\n3\n4", Options{Width: 16, Height: 3, Format: "text"}))
	want := "héllo wide 你好\nline two is cut\n3\n"
	if got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

// hostile is a frame holding every kind of byte that could change a
// terminal's state or the reading order.
const hostile = "a\x00b\x07c\x08d\te\rf\x1b[2Jg\x1b]52;c;ZXZpbA==\x07h\x1b]0;title\x1b\\i" +
	"\x1bPdcs\x1b\\j\x1b_apc\x1b\\k\x9b31ml\xc2\x9bm\u202eevil\u2066n\x7fo\xff\xfep" +
	"\x1b[38;2;1;2;3mq\x1b[0m\x1b7\x1b8\x1bcr\n\x1b[1A\x1b[10Cs\x1b"

// checkClean fails if s has an escape or control byte other than newline.
func checkClean(t testing.TB, what, s string) {
	t.Helper()
	for i, r := range s {
		if r == '\n' {
			continue
		}
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") || isControl(r) {
			t.Fatalf("%s has control %U at byte %d: %q", what, r, i, s)
		}
	}
}

func TestTextHasNoControlBytes(t *testing.T) {
	for _, o := range []Options{
		{Width: 80, Height: 3, Format: "text"},
		{Width: 80, Height: 3, Format: "ansi", Color: "none"},
		{Width: 80, Height: 3, Format: "text", Color: "none"},
	} {
		out := string(encode(t, hostile, o))
		checkClean(t, o.Format+"/"+o.Color, out)
		// (The carriage return sends "f…" back over "abcde", as on a terminal.)
		if !strings.HasPrefix(out, "fghijklm") || !strings.Contains(out, "evil") {
			t.Errorf("%s/%s dropped the text itself: %q", o.Format, o.Color, out)
		}
	}
	// With colours, only SGR survives: strip it and nothing is left.
	out := string(encode(t, hostile, Options{Width: 80, Height: 3, Format: "ansi"}))
	checkClean(t, "ansi without its SGR", ansi.Strip(out))
	if strings.Contains(out, "]52;") || strings.Contains(out, "[2J") || strings.Contains(out, "\x1bP") {
		t.Errorf("ansi output passes a non-SGR sequence through: %q", out)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\x1b[31mb\x1b[0m", "ab"},
		{"a\nb", "a\nb"},
		{"\x00\x07\x7f\u0085x\u202e", "x"},
		{"a\xffb", "ab"},
		{"e\u0301 👍🏽", "e\u0301 👍🏽"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in, true); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Sanitize("a\nb", false); got != "ab" {
		t.Errorf("Sanitize without newlines = %q", got)
	}
}

func TestEncodeDeterministic(t *testing.T) {
	frame := synth + "\n" + hostile + "\nᵀ ✓ 你 😀 ╔═╗ ⣿"
	for _, f := range Formats() {
		o := Options{Width: 30, Height: 8, Format: f, Scale: 2}
		a, b := encode(t, frame, o), encode(t, frame, o)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two encodings differ", f)
		}
	}
}

func TestOptionsCheck(t *testing.T) {
	bad := []Options{
		{Width: 0, Height: 10}, {Width: 10, Height: 1001}, {Width: 10, Height: 10, Format: "bmp"}, {Width: 10, Height: 10, SVGText: "paths"}, {Width: 10, Height: 10, Delay: -1},
		{Width: 10, Height: 10, Color: "8"}, {Width: 10, Height: 10, Scale: 9}, {Width: 10, Height: 10, Scale: -1},
	}
	for _, o := range bad {
		if err := o.Check(); err == nil {
			t.Errorf("Check(%+v) = nil, want an error", o)
		}
	}
	if err := (Options{Width: 1, Height: 1}).Check(); err != nil {
		t.Errorf("Check of a 1×1 screen: %v", err)
	}
}

func FuzzEncode(f *testing.F) {
	f.Add(synth, uint8(5), uint8(4))
	f.Add(hostile, uint8(80), uint8(3))
	f.Add("你好😀\x1b[38;5;300m\x1b[48;2;999;0;0mx\u0301", uint8(3), uint8(1))
	f.Fuzz(func(t *testing.T, frame string, w, h uint8) {
		o := Options{Width: 1 + int(w)%60, Height: 1 + int(h)%10, Scale: 1}
		formats := []string{"text", "ansi", "svg"}
		if o.Width*o.Height <= 40 {
			// Painting is the same for every grid; keep PNG and HTML
			// small so the fuzzer stays fast.
			formats = Formats()
		}
		for _, format := range formats {
			o.Format = format
			out := encode(t, frame, o)
			switch format {
			case "text":
				checkClean(t, "text", string(out))
			case "ansi":
				checkClean(t, "ansi without its SGR", ansi.Strip(string(out)))
			case "png":
				img, err := png.Decode(bytes.NewReader(out))
				if err != nil {
					t.Fatal(err)
				}
				if img.Bounds().Dx() != o.Width*CellWidth || img.Bounds().Dy() != o.Height*CellHeight {
					t.Fatalf("png size %v for %d×%d", img.Bounds(), o.Width, o.Height)
				}
			}
		}
	})
}
