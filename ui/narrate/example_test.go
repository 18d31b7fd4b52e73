package narrate_test

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/narrate"
)

func ExampleFor() {
	cfg := compute.DefaultConfig()
	cfg.Dropout = 0.5
	n := narrate.For(pipeline.StageDropout.Def(), cfg, false)
	fmt.Println(n.Title)
	fmt.Println(n.Formula)
	// Output:
	// Dropout
	// D = A ⊙ M / (1 − p),  M_ij ~ Bernoulli(0.5),  ×1/(1−0.5) = ×2
}
