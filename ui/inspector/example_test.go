package inspector_test

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/inspector"
)

// The score of "journey" for "Your" in the chapter's simplified attention:
// x₂·x₁ = 0.9544 (ch03.ipynb cell 4).
func ExampleModel_SetCell() {
	x := compute.NewMatrixFrom(2, 3, []float32{
		0.43, 0.15, 0.89, // Your
		0.55, 0.87, 0.66, // journey
	})
	r := &compute.Result{Inputs: x, Simple: compute.SimpleAttention(x)}
	m := inspector.New(themes.Default)
	m.SetSize(44, 12)
	m.SetCell(pipeline.StageScores.Def(), r, 0, 1, 0, []string{"Your", " journey"})
	fmt.Println(m.Content())
	// Output:
	// Attention score ω₂₁ = x₂·x₁
	// query 2 “ journey” → key 1 “Your”
	// x₂ = (0.5500, 0.8700, 0.6600)
	// x₁ = (0.4300, 0.1500, 0.8900)
	// ω₂₁ = 0.5500·0.4300 + 0.8700·0.1500
	//     + 0.6600·0.8900 = 0.9544
	// A dot product: multiply the 3 components
	//   pairwise and add. ω₂₁ = ω₁₂: the matrix is
	//   symmetric.
}
