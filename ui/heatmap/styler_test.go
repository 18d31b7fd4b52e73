package heatmap

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/themes"
)

func TestStylerRendersAsTheStyle(t *testing.T) {
	th := themes.Dark()
	s := lipgloss.NewStyle
	styles := []lipgloss.Style{
		s(), s().Foreground(th.Text), s().Bold(true).Foreground(th.Cursor.Fg).Background(th.Cursor.Bg),
		s().Underline(true).Foreground(th.Accent), s().Strikethrough(true), s().Reverse(true),
		s().Padding(0, 1).Foreground(th.Text), s().Width(8), s().MaxWidth(3), s().Border(lipgloss.NormalBorder()),
		s().Transform(func(x string) string { return "<" + x + ">" }), s().Margin(0, 2),
	}
	lines := []string{"", " the", "héllo wörld", "  ", "a\tb", "x\ny", "日本", "\x1b[1mbold\x1b[m", "…"}
	for i, st := range styles {
		sr := newStyler(st)
		for _, l := range lines {
			if got, want := sr.render(l), st.Render(l); got != want {
				t.Errorf("style %d, %q: %q, want %q", i, l, got, want)
			}
		}
	}
	for _, st := range DefaultStyles(th).all() {
		if !newStyler(st).wraps {
			t.Errorf("%v: not rendered by concatenation", st)
		}
	}
}

func (s Styles) all() []lipgloss.Style {
	return []lipgloss.Style{s.Title, s.RowLabel, s.ColLabel, s.CursorLabel, s.Sum, s.Legend, s.Indicator}
}

func TestLevellerIsNormalizeThenBucket(t *testing.T) {
	ranges := []Range{{0, 1}, {-3, 5}, {2, 2}, {-0.5, -0.5}, {0, 0}, {-1e-30, 1e-30}, {-7, 0}}
	xs := []float64{0, -0.0, 1, -1, 0.5, 0.4999999, 1e-7, -3, 5, 2, 1e30, -1e30, 0.123456789, 63.0 / 126}
	for _, s := range []Scale{Auto, Unit, Diverging, Mask} {
		for _, r := range ranges {
			l := newLeveller(s, r)
			for _, x := range xs {
				if got, want := l.level(x), bucket(Normalize(s, r, x)); got != want {
					t.Errorf("%v %v %g: level %d, want %d", s, r, x, got, want)
				}
			}
		}
	}
}

// The fast row loop classifies, levels and sums as the general one.
func TestClassifyRowAsSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	special := []float32{float32(math.NaN()), float32(math.Inf(-1)), float32(math.Inf(1)), 0, -0.0}
	for _, s := range []Scale{Auto, Unit, Diverging} {
		for trial := range 20 {
			rows, cols := 1+rng.IntN(9), 1+rng.IntN(9)
			d := Data{Rows: rows, Cols: cols, Values: make([]float32, rows*cols), Scale: s}
			for i := range d.Values {
				d.Values[i] = rng.Float32()*4 - 2
				if rng.IntN(6) == 0 {
					d.Values[i] = special[rng.IntN(len(special))]
				}
			}
			if trial%2 == 0 {
				d.Masked = make([]bool, rng.IntN(rows*cols+1))
				for i := range d.Masked {
					d.Masked[i] = rng.IntN(3) == 0
				}
			}
			a := New(WithData(d))
			b := a
			b.kind, b.level = make([]cellKind, len(a.kind)), make([]uint8, len(a.level))
			b.hasMasked = false
			lv := newLeveller(a.scale, a.rng)
			for r := range rows {
				if got, want := b.classifySlow(r, d.Values, lv), a.sums[r]; got != want {
					t.Fatalf("%v trial %d row %d: sum %g, want %g", s, trial, r, got, want)
				}
			}
			if !slices.Equal(a.kind, b.kind) || !slices.Equal(a.level, b.level) || a.hasMasked != b.hasMasked {
				t.Fatalf("%v trial %d: kinds/levels differ\n%v %v\n%v %v", s, trial, a.kind, a.level, b.kind, b.level)
			}
		}
	}
}
