package heatmap

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/themes"
)

var bookLabels = []string{"Your", "journey", "starts", "with", "one", "step"}

// bookX is the book's 6×3 embedding of "Your journey starts with one step"
// (chapter 3, simplified self-attention).
func bookX() *compute.Matrix {
	return compute.NewMatrixFrom(6, 3, []float32{
		0.43, 0.15, 0.89, // Your
		0.55, 0.87, 0.66, // journey
		0.57, 0.85, 0.64, // starts
		0.22, 0.58, 0.33, // with
		0.77, 0.25, 0.10, // one
		0.05, 0.80, 0.55, // step
	})
}

// bookScores is ω = X·Xᵀ; the book prints ω[1] = 0.9544 1.4950 1.4754
// 0.8434 0.7070 1.0865.
func bookScores() *compute.Matrix {
	x := bookX()
	s := compute.NewMatrix(6, 6)
	s.MulT(x, x)
	return s
}

func bookWeights() *compute.Matrix {
	w := compute.NewMatrix(6, 6)
	w.SoftmaxRows(bookScores())
	return w
}

// causalScores is ω with −∞ above the diagonal, as masked_fill does.
func causalScores() *compute.Matrix {
	s := bookScores()
	for i := 0; i < s.Rows; i++ {
		for j := i + 1; j < s.Cols; j++ {
			s.Set(i, j, float32(math.Inf(-1)))
		}
	}
	return s
}

// checkBounds fails if v has more lines than h or a line wider than w.
func checkBounds(t *testing.T, v string, w, h int) {
	t.Helper()
	if v == "" {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, want at most %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d wide, want at most %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

func TestGolden(t *testing.T) {
	type tc struct {
		name  string
		data  Data
		w, h  int
		opts  []Option
		plain bool
	}
	scores := FromMatrix("ω = X·Xᵀ (raw scores)", bookScores(), bookLabels, bookLabels, Diverging)
	weights := FromMatrix("α = softmax(ω)", bookWeights(), bookLabels, bookLabels, Unit)
	causal := FromMatrix("masked scores", causalScores(), bookLabels, bookLabels, Diverging)
	var cases []tc
	for _, plain := range []bool{true, false} {
		mode := "color"
		if plain {
			mode = "plain"
		}
		sizes := [][2]int{{80, 24}, {160, 48}, {40, 12}}
		if !plain {
			sizes = sizes[:1] // colours do not depend on the size
		}
		for _, sz := range sizes {
			sfx := fmt.Sprintf("%s-%dx%d", mode, sz[0], sz[1])
			cases = append(cases,
				tc{"scores-" + sfx, scores, sz[0], sz[1], nil, plain},
				tc{"weights-" + sfx, weights, sz[0], sz[1], []Option{WithRowSums(true)}, plain},
				tc{"causal-" + sfx, causal, sz[0], sz[1], nil, plain},
			)
		}
		cases = append(cases, tc{"compact-" + mode, weights, 12, 7, []Option{WithCompact(true)}, plain})
	}
	cases = append(cases,
		tc{"weights-ansi256-80x24", weights, 80, 24, []Option{WithRowSums(true), WithProfile(colorprofile.ANSI256)}, false},
		tc{"weights-ansi-80x24", weights, 80, 24, []Option{WithRowSums(true), WithProfile(colorprofile.ANSI)}, false},
		tc{"weights-light-magma-80x24", weights, 80, 24, []Option{WithRowSums(true), WithTheme(themes.Light().WithMap(themes.Magma))}, false},
	)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := append([]Option{WithData(c.data), WithSize(c.w, c.h), WithNoColor(c.plain)}, c.opts...)
			m := New(opts...)
			m.SetCursor(1, 2)
			v := m.View()
			checkBounds(t, v, c.w, c.h)
			if c.plain && strings.Contains(v, "\x1b") {
				t.Errorf("plain view contains escape sequences")
			}
			golden.RequireEqual(t, v)
		})
	}
}

// The book's numbers appear in the plain view, at full precision when the
// cells are wide enough.
func TestViewShowsBookNumbers(t *testing.T) {
	m := New(WithData(FromMatrix("", bookScores(), bookLabels, bookLabels, Diverging)), WithSize(80, 24), WithNoColor(true))
	v := m.View()
	for _, want := range []string{"0.9544", "1.4950", "1.4754", "0.8434", "0.7070", "1.0865", "journey", "-1.4950", "+1.4950"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	m = New(WithData(FromMatrix("", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24), WithNoColor(true), WithRowSums(true))
	v = m.View()
	// The book prints attn_weights_2 = 0.1385 0.2379 0.2333 0.1240 0.1082 0.1581.
	for _, want := range []string{"0.1385", "0.2379", "0.2333", "0.1240", "0.1082", "0.1581", "Σ", "1.00"} {
		if !strings.Contains(v, want) {
			t.Errorf("weights view lacks %q:\n%s", want, v)
		}
	}
}

func TestNegInfCells(t *testing.T) {
	for _, plain := range []bool{true, false} {
		m := New(WithData(FromMatrix("", causalScores(), bookLabels, bookLabels, Diverging)), WithSize(80, 24), WithNoColor(plain))
		v := m.View()
		body := ansi.Strip(v)
		// 15 masked cells above the diagonal, each labelled, plus the legend swatch.
		if got := strings.Count(body, "-∞"); got != 15+1 {
			t.Errorf("plain=%v: %d \"-∞\" texts, want 16:\n%s", plain, got, body)
		}
		if !strings.Contains(body, hatchGlyph) || !strings.Contains(body, "masked") {
			t.Errorf("plain=%v: no hatch or legend entry", plain)
		}
		if strings.Contains(body, "Inf") || strings.Contains(body, "NaN") {
			t.Errorf("plain=%v: raw float text on screen", plain)
		}
		if !plain {
			// Every −∞ cell is drawn with the masked swatch, never a scale colour.
			pre := m.pal.masked
			for _, l := range strings.Split(v, "\n") {
				if !strings.Contains(l, "-∞") || strings.Contains(l, "masked") {
					continue
				}
				i := strings.Index(l, "╱")
				if j := strings.LastIndex(l[:i], "\x1b["); !strings.HasPrefix(l[j:], pre) && !strings.HasPrefix(l[j:], m.pal.maskedCursor) {
					t.Errorf("masked cell not in the masked style: %q", l[j:i])
				}
			}
		}
		// The legend's range ignores −∞ (it is the finite scores' span).
		if r := m.Range(); math.IsInf(r.Lo, 0) || r.Hi != -r.Lo || r.Hi < 1.49 || r.Hi > 1.50 {
			t.Errorf("range %v, want ±1.4950", r)
		}
	}
}

func TestNaNAndDropped(t *testing.T) {
	w := bookWeights()
	w.Set(0, 0, float32(math.NaN()))
	dropped := make([]bool, 36)
	for _, i := range []int{1, 8, 20} {
		w.Data[i] = 0
		dropped[i] = true
	}
	d := FromMatrix("", w, bookLabels, bookLabels, Unit)
	d.Dropped = dropped
	for _, plain := range []bool{true, false} {
		m := New(WithData(d), WithSize(80, 24), WithNoColor(plain))
		body := ansi.Strip(m.View())
		if strings.Contains(body, "NaN") || !strings.Contains(body, "?") {
			t.Errorf("plain=%v: NaN not shown as '?':\n%s", plain, body)
		}
		if got := strings.Count(body, droppedGlyph+"0.0000"); got != 3 {
			t.Errorf("plain=%v: %d dropped cells marked, want 3:\n%s", plain, got, body)
		}
		if !strings.Contains(body, "dropped") || !strings.Contains(body, "invalid") {
			t.Errorf("plain=%v: legend lacks dropped/invalid:\n%s", plain, body)
		}
	}
}

// Where the plain view draws the cursor's bracket, CellAt must find the
// cursor's cell: the mouse and the drawing agree.
func TestCellAtMatchesDrawing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sz := range [][3]int{{80, 24, 6}, {160, 48, 6}, {60, 20, 30}, {40, 12, 40}, {200, 60, 256}} {
		n := sz[2]
		d := Data{Rows: n, Cols: n, Values: make([]float32, n*n), Scale: Unit}
		for i := range d.Values {
			d.Values[i] = rng.Float32()
		}
		m := New(WithData(d), WithSize(sz[0], sz[1]), WithNoColor(true))
		for k := 0; k < 20; k++ {
			r, c := rng.IntN(n), rng.IntN(n)
			m.SetCursor(r, c)
			lines := strings.Split(m.View(), "\n")
			found := false
			body := m.lay.titleLines + m.lay.headerLines
			for y, l := range lines[:min(len(lines), body+m.lay.visRows*m.lay.ch)] {
				x := cursorX(l, m.lay.gutter)
				if x < 0 {
					continue
				}
				found = true
				gr, gc, ok := m.CellAt(x, y)
				if !ok || gr != r || gc != c {
					t.Fatalf("%v: cursor (%d,%d) drawn at (%d,%d), CellAt says (%d,%d,%v)\n%s", sz, r, c, x, y, gr, gc, ok, strings.Join(lines, "\n"))
				}
			}
			if !found {
				t.Fatalf("%v: cursor (%d,%d) not drawn:\n%s", sz, r, c, strings.Join(lines, "\n"))
			}
		}
		if _, _, ok := m.CellAt(0, 0); ok {
			t.Errorf("%v: CellAt(0,0) is a cell, want the label corner", sz)
		}
		if _, _, ok := m.CellAt(-1, 5); ok {
			t.Errorf("%v: CellAt(-1,5) is a cell", sz)
		}
	}
}

// cursorX returns the display column of the cursor mark ('[' or '◆') past
// the label gutter, or -1.
func cursorX(line string, gutter int) int {
	x := 0
	for _, r := range line {
		if x >= gutter && (r == '[' || r == '◆') {
			return x
		}
		x += ansi.StringWidth(string(r))
	}
	return -1
}

// Causal weights: the zeros above the diagonal are flagged masked and drawn
// hatched, with their value still printed.
func TestMaskedZeros(t *testing.T) {
	w := compute.NewMatrix(6, 6)
	w.SoftmaxRows(causalScores())
	d := FromMatrix("causal weights", w, bookLabels, bookLabels, Unit)
	d.Masked = make([]bool, 36)
	for i := 0; i < 6; i++ {
		for j := i + 1; j < 6; j++ {
			d.Masked[i*6+j] = true
		}
	}
	for _, plain := range []bool{true, false} {
		m := New(WithData(d), WithSize(80, 24), WithNoColor(plain), WithRowSums(true))
		body := ansi.Strip(m.View())
		if got := strings.Count(body, "0.0000╱") + strings.Count(body, "0.0000 ╱"); got != 15 {
			t.Errorf("plain=%v: %d hatched zeros, want 15:\n%s", plain, got, body)
		}
		if !strings.Contains(body, "╱0╱ masked") || strings.Count(body, "1.00") < 6 {
			t.Errorf("plain=%v: legend or row sums wrong:\n%s", plain, body)
		}
	}
	golden.RequireEqual(t, New(WithData(d), WithSize(80, 24), WithNoColor(true), WithRowSums(true)).View())
}
