package heatmap_test

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/ui/heatmap"
)

// A 3×3 causal weight matrix in plain text (colour off), with row sums.
func ExampleModel_View() {
	w := compute.NewMatrixFrom(3, 3, []float32{
		1, 0, 0,
		0.4, 0.6, 0,
		0.2, 0.3, 0.5,
	})
	labels := []string{"Your", "journey", "starts"}
	m := heatmap.New(
		heatmap.WithData(heatmap.FromMatrix("causal weights", w, labels, labels, heatmap.Unit)),
		heatmap.WithSize(50, 8),
		heatmap.WithNoColor(true),
		heatmap.WithRowSums(true),
	)
	m.SetCursor(1, 1)
	fmt.Println(m.View())
	// Output:
	// causal weights
	//           Your  journey  starts     Σ
	// Your    █1.0000  0.0000  0.0000  1.00
	// journey▸░0.4000 [0.6000] 0.0000  1.00
	// starts  ░0.2000 ░0.3000 ▒0.5000  1.00
	// 0 [   ░░▒▒▒▓▓███] 1  scale 0–1 (v)
}
