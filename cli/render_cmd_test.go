package cli

import (
	"bytes"
	"fmt"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/pipeline"
)

func runRender(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(append([]string{"render"}, args...), strings.NewReader(""), &o, &e)
	return o.String(), e.String(), code
}

func TestRenderUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "bmp"},
		{"--width", "20", "--height", "5"},
		{"--panel", "nope", "--stage", "causal"},
		{"--svg-text", "paths"},
		{"--delay", "2s"},
		{"--color", "8"},
		{"--keys", "n bogus"},
		{"--width", "0"},
		{"--scale", "9"},
		{"--stage", "nope"},
	} {
		if _, stderr, code := runRender(t, args...); code != exitUsage || stderr == "" {
			t.Errorf("render %q: exit %d, stderr %q; want a usage error (2)", args, code, stderr)
		}
	}
}

func TestRenderOutFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shot.png")
	if _, stderr, code := runRender(t, "--stage", "causal", "--format", "png", "--scale", "2", "--width", "50", "--height", "12", "--out", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 50*10*2 || got.Y != 12*20*2 {
		t.Errorf("PNG is %v, want 1000×480", got)
	}
}

// The user's own text, with control and escape bytes, never reaches a text
// render as such.
func TestRenderTextIsClean(t *testing.T) {
	var cases [][]string
	for _, st := range pipeline.StageNames() {
		cases = append(cases, []string{"--format", "text", "--stage", st}, []string{"--color", "none", "--stage", st})
	}
	cases = append(cases, []string{"--format", "text", "--present", "--stage", "causal"}, []string{"--format", "text", "--keys", "e x enter ? i", "--stage", "scores"})
	for _, args := range cases {
		args = append(args, "--text", "bell\x07 esc\x1b[2J osc\x1b]52;c;eA==\x07 del\x7f c1\u009b rtl\u202e end")
		out, stderr, code := runRender(t, args...)
		if code != 0 {
			t.Fatalf("render %q: exit %d: %s", args, code, stderr)
		}
		for i, r := range out {
			if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x202e) {
				t.Fatalf("render %q: control %U at byte %d:\n%s", args[:4], r, i, out)
			}
		}
		if args[3] == "tokens" && !strings.Contains(out, "bell") {
			t.Errorf("render %q: the text is not shown:\n%s", args[:4], out)
		}
	}
}

// galleryArgs are the flags scripts/gallery.sh renders each stage with.
func galleryArgs(stage string) []string {
	return []string{"--stage", stage, "--width", "100", "--height", "30", "--color", "truecolor", "--format", "png", "--scale", "1"}
}

// TestGalleryUpToDate fails when an image in docs/gallery is not what
// render draws now: rerun scripts/gallery.sh (or go generate ./render).
func TestGalleryUpToDate(t *testing.T) {
	dir := filepath.Join("..", "docs", "gallery")
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		t.Skip("docs/gallery does not exist yet; scripts/gallery.sh creates it")
	}
	list, _, code := runRender(t, "--list-stages")
	if code != 0 {
		t.Fatal("render --list-stages failed")
	}
	stages := strings.Fields(list)
	if len(stages) != pipeline.NumStages {
		t.Fatalf("--list-stages gave %d stages, want %d", len(stages), pipeline.NumStages)
	}
	for i, st := range stages {
		path := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", i+1, st))
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v: run scripts/gallery.sh", err)
			continue
		}
		got, stderr, code := runRender(t, galleryArgs(st)...)
		if code != 0 {
			t.Fatalf("render %s: %s", st, stderr)
		}
		if got == string(want) {
			continue
		}
		// Different bytes with the same pixels is a different PNG encoder
		// (a new Go release), not a stale image.
		if samePixels(t, []byte(got), want) {
			t.Logf("%s: same pixels, different PNG bytes (encoder change?)", path)
			continue
		}
		t.Errorf("%s is out of date: run scripts/gallery.sh (or go generate ./render) and commit docs/gallery", path)
	}
}

// samePixels reports whether two PNGs decode to the same image.
func samePixels(t *testing.T, a, b []byte) bool {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("fresh render: %v", err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return false
	}
	if ia.Bounds() != ib.Bounds() {
		return false
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// NO_COLOR means --color none for ANSI unless --color is given.
func TestRenderNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	out, stderr, code := runRender(t, "--stage", "causal")
	if code != 0 || strings.Contains(out, "\x1b") {
		t.Errorf("NO_COLOR=1 render: exit %d (%s), escapes: %v", code, stderr, strings.Contains(out, "\x1b"))
	}
	out, _, _ = runRender(t, "--stage", "causal", "--color", "256")
	if !strings.Contains(out, "\x1b[") {
		t.Error("NO_COLOR=1 render --color 256: no colours")
	}
}

func TestRenderMinimumSize(t *testing.T) {
	_, stderr, code := runRender(t, "--width", "20", "--height", "5")
	if code != exitUsage || !strings.Contains(stderr, "40×12") {
		t.Errorf("render 20x5: exit %d, %q; want a usage error naming 40×12", code, stderr)
	}
}

func TestRenderPanelNames(t *testing.T) {
	_, stderr, code := runRender(t, "--stage", "qkv", "--panel", "nope")
	if code != exitUsage || !strings.Contains(stderr, "q, k, v, w_query, w_key, w_value") {
		t.Errorf("render --panel nope: exit %d, %q; want a usage error listing the panels", code, stderr)
	}
	out, stderr, code := runRender(t, "--stage", "qkv", "--panel", "w_key", "--clean", "--format", "text")
	if code != 0 || !strings.Contains(out, "W_key") || strings.Contains(out, "W_query") {
		t.Errorf("render --panel w_key: exit %d (%s):\n%s", code, stderr, out)
	}
}

func TestRenderGIF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steps.gif")
	if _, stderr, code := runRender(t, "--stage", "tokens", "--keys", "n n", "--format", "gif", "--delay", "0.5s", "--clean", "--out", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 3 || g.Delay[0] != 50 {
		t.Errorf("%d frames, delay %d; want 3 frames of 50 hundredths", len(g.Image), g.Delay[0])
	}
}
