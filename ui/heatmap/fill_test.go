package heatmap

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// With WithFill a small matrix grows to its area (taller and wider cells);
// without it cells grow taller but stop a little wider than the numbers.
func TestFillGrowsCellsToTheArea(t *testing.T) {
	size := func(fill bool) (w, h int) {
		m := New(WithData(FromMatrix("X", bookX(), bookLabels, nil, Auto)), WithSize(100, 30), WithFill(fill))
		lines := strings.Split(m.View(), "\n")
		for _, l := range lines {
			w = max(w, ansi.StringWidth(l))
		}
		return w, len(lines)
	}
	pw, ph := size(false)
	fw, fh := size(true)
	if fw < 90 || fh < 27 || fw <= pw || fh < ph {
		t.Fatalf("6×3 in 100×30: filled %d×%d, plain %d×%d", fw, fh, pw, ph)
	}
	m := New(WithData(FromMatrix("X", bookX(), bookLabels, nil, Auto)), WithSize(100, 5), WithFill(true))
	if _, down := m.Panned(); !down {
		t.Fatal("6 rows in 5 lines are not panned")
	}
}
