package heatmap

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// randomData returns an n×n matrix with every kind of value in it: weights,
// negatives, −∞ above the diagonal, a NaN, +∞ and dropped zeros.
func randomData(n int, s Scale, rng *rand.Rand) Data {
	d := Data{Rows: n, Cols: n, Values: make([]float32, n*n), Scale: s, Dropped: make([]bool, n*n), Title: "sweep"}
	for i := range d.Values {
		d.Values[i] = rng.Float32()*4 - 2
		if rng.IntN(7) == 0 {
			d.Values[i] = 0
			d.Dropped[i] = true
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			d.Values[i*n+j] = float32(math.Inf(-1))
		}
	}
	d.Values[rng.IntN(n*n)] = float32(math.NaN())
	d.Values[rng.IntN(n*n)] = float32(math.Inf(1))
	for i := 0; i < n; i++ {
		d.RowLabels = append(d.RowLabels, []string{"Your", "journey", "日本", "🙂", "", "a-very-long-token"}[i%6])
	}
	d.ColLabels = d.RowLabels[:n/2] // missing labels are numbered
	return d
}

// No size, matrix size, scale or mode panics, and View stays in bounds.
func TestSizeSweep(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	sizes := [][2]int{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {2, 2}, {3, 5}, {7, 3}, {12, 4}, {20, 6}, {40, 12}, {80, 24}, {160, 48}, {400, 120}}
	for _, n := range []int{1, 2, 3, 6, 17, 64, 256} {
		for _, s := range []Scale{Auto, Unit, Diverging, Mask} {
			d := randomData(n, s, rng)
			for _, sz := range sizes {
				for mode := 0; mode < 6; mode++ {
					opts := []Option{WithData(d), WithSize(sz[0], sz[1])}
					switch mode {
					case 1:
						opts = append(opts, WithNoColor(true))
					case 2:
						opts = append(opts, WithRowSums(true))
					case 3:
						opts = append(opts, WithCompact(true))
					case 4:
						opts = append(opts, WithCompact(true), WithNoColor(true))
					case 5:
						opts = append(opts, WithProfile(colorprofile.ANSI), WithRowSums(true), WithLegend(false))
					}
					m := New(opts...)
					m.SetCursor(rng.IntN(n+2)-1, rng.IntN(n+2)-1)
					v := m.View()
					checkBounds(t, v, sz[0], sz[1])
					for y := -1; y <= sz[1]; y++ {
						for x := -1; x <= sz[0]; x += max(1, sz[0]/17) {
							if r, c, ok := m.CellAt(x, y); ok && (r < 0 || r >= n || c < 0 || c >= n) {
								t.Fatalf("n=%d %v: CellAt(%d,%d) = (%d,%d) outside the matrix", n, sz, x, y, r, c)
							}
						}
					}
					_ = m.Legend(sz[0])
				}
			}
			if t.Failed() {
				t.Fatalf("n=%d scale=%v failed", n, s)
			}
		}
	}
}

// Data whose Values are shorter than Rows×Cols, or negative sizes, must
// not panic either.
func TestMalformedData(t *testing.T) {
	for _, d := range []Data{
		{Rows: 3, Cols: 3, Values: []float32{1, 2}},
		{Rows: -1, Cols: 4},
		{Rows: 2, Cols: 2, Values: []float32{1, 2, 3, 4, 5, 6}, Dropped: []bool{true}},
		{Rows: 2, Cols: 2, Values: []float32{0, 0, 0, 0}, Scale: Auto},
	} {
		m := New(WithData(d), WithSize(30, 10), WithRowSums(true))
		m.SetCursor(5, 5)
		checkBounds(t, m.View(), 30, 10)
	}
}

// The largest context the tool accepts still renders within bounds.
func TestT1024(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	d := randomData(1024, Unit, rng)
	for _, sz := range [][2]int{{400, 120}, {80, 24}, {1, 1}} {
		for _, compact := range []bool{false, true} {
			m := New(WithData(d), WithSize(sz[0], sz[1]), WithCompact(compact), WithRowSums(true))
			m.SetCursor(1000, 3)
			checkBounds(t, m.View(), sz[0], sz[1])
		}
	}
}
