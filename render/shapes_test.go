package render

import (
	"image"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestBoxArms(t *testing.T) {
	for i, a := range boxArms {
		r := rune(0x2500 + i)
		diagonal := r >= 0x2571 && r <= 0x2573
		if (a == [4]uint8{}) != diagonal {
			t.Errorf("%c U+%04X: arms %v", r, r, a)
		}
	}
	for r, want := range map[rune][4]uint8{
		'─': {1, 0, 1, 0}, '│': {0, 1, 0, 1}, '┌': {0, 0, 1, 1}, '┘': {1, 1, 0, 0},
		'┼': {1, 1, 1, 1}, '╋': {2, 2, 2, 2}, '╬': {3, 3, 3, 3}, '╔': {0, 0, 3, 3},
		'┢': {0, 1, 2, 2}, '╼': {1, 0, 2, 0}, '╭': {0, 0, 1, 1}, '╡': {3, 1, 0, 1},
	} {
		if got := boxArms[r-0x2500]; got != want {
			t.Errorf("%c: arms %v, want %v", r, got, want)
		}
	}
}

// Lines and blocks run across cell boundaries without a gap, at every scale.
func TestNoSeams(t *testing.T) {
	frame := "─────\n│ ███\n│ ███\n═════"
	for _, s := range []int{1, 2, 3} {
		img := decodePNG(t, encode(t, frame, Options{Width: 5, Height: 4, Format: "png", Scale: s}))
		fg, _ := defaultColors()
		cw, ch := CellWidth*s, CellHeight*s
		// The middle row of ─ is foreground across all five cells.
		y := ch / 2
		for x := range 5 * cw {
			if got := rgbaAt(img, x, y); got != fg {
				t.Fatalf("scale %d: ─ row has a gap at x=%d: %v", s, x, got)
			}
		}
		// The middle column of │ is foreground down both rows.
		for y := ch; y < 3*ch; y++ {
			if got := rgbaAt(img, cw/2, y); got != fg {
				t.Fatalf("scale %d: │ column has a gap at y=%d: %v", s, y, got)
			}
		}
		// The 3×2 block is solid.
		for y := ch; y < 3*ch; y++ {
			for x := 2 * cw; x < 5*cw; x++ {
				if got := rgbaAt(img, x, y); got != fg {
					t.Fatalf("scale %d: █ block has a hole at %v: %v", s, image.Pt(x, y), got)
				}
			}
		}
		// ═ draws two strokes: the column through it changes colour
		// four times (background, stroke, gap, stroke, background).
		changes := 0
		for y := 3*ch + 1; y < 4*ch; y++ {
			if (rgbaAt(img, cw/2, y) == fg) != (rgbaAt(img, cw/2, y-1) == fg) {
				changes++
			}
		}
		if changes != 4 {
			t.Errorf("scale %d: ═ is not two strokes (%d colour changes down its column)", s, changes)
		}
	}
}

// A glyph no font has (CJK here) is a hollow box across its two cells.
func TestMissingGlyphBox(t *testing.T) {
	img := decodePNG(t, encode(t, "你", Options{Width: 3, Height: 1, Format: "png"}))
	fg, bg := defaultColors()
	box := missingBox(2*CellWidth, CellHeight)
	left, right := box[2], box[3]
	y := CellHeight / 2
	if got := rgbaAt(img, left.x0, y); got != fg {
		t.Errorf("left edge of the box = %v, want the foreground", got)
	}
	if got := rgbaAt(img, right.x0, y); got != fg {
		t.Errorf("right edge of the box (in the second cell) = %v, want the foreground", got)
	}
	if got := rgbaAt(img, CellWidth, y); got != bg {
		t.Errorf("inside of the box = %v, want the background", got)
	}
}

// Writing a frame as ANSI and reading it back gives the same cells.
func TestANSIRoundTrip(t *testing.T) {
	frame := synth + "\n\x1b[1;3;4mstyled\x1b[22;23;24m plain \x1b[9;2mgone\x1b[0m 你好 ╔═╗"
	fg, bg := defaultColors()
	out := string(encode(t, frame, Options{Width: 30, Height: 5, Format: "ansi"}))
	a := parseGrid(frame, 30, 5, colorprofile.TrueColor, fg, bg)
	b := parseGrid(out, 30, 5, colorprofile.TrueColor, fg, bg)
	for i := range a.cells {
		if a.cells[i] != b.cells[i] {
			t.Fatalf("cell %d,%d: %+v after the round trip, want %+v", i%30, i/30, b.cells[i], a.cells[i])
		}
	}
}

// A rounded corner meets ─ and │ where they run: at the cell's edges its
// stroke covers the same pixels.
func TestArcJoins(t *testing.T) {
	for _, s := range []int{1, 2, 3, 4} {
		img := decodePNG(t, encode(t, "╭─\n│", Options{Width: 2, Height: 2, Format: "png", Scale: s}))
		cw, ch := CellWidth*s, CellHeight*s
		for y := range ch {
			// The ─ in cell (1,0) and the arc's last column agree row by row.
			if a, b := rgbaAt(img, cw-1, y), rgbaAt(img, cw, y); a != b {
				t.Fatalf("scale %d: ╭─ differ at row %d: %v vs %v", s, y, a, b)
			}
		}
		for x := range cw {
			if a, b := rgbaAt(img, x, ch-1), rgbaAt(img, x, ch); a != b {
				t.Fatalf("scale %d: ╭ over │ differ at column %d: %v vs %v", s, x, a, b)
			}
		}
	}
}

// A decomposed accent is drawn as its composed character, not as a box.
func TestCombiningMarkComposes(t *testing.T) {
	a := encode(t, "e\u0301", Options{Width: 1, Height: 1, Format: "png"})
	b := encode(t, "é", Options{Width: 1, Height: 1, Format: "png"})
	if string(a) != string(b) {
		t.Error(`"e" + U+0301 is not drawn as "é"`)
	}
}
