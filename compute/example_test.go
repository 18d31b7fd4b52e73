package compute_test

import (
	"fmt"

	"github.com/attnscope/attnscope/compute"
)

func bookInputs() *compute.Matrix {
	return compute.NewMatrixFrom(6, 3, []float32{
		0.43, 0.15, 0.89, // Your
		0.55, 0.87, 0.66, // journey
		0.57, 0.85, 0.64, // starts
		0.22, 0.58, 0.33, // with
		0.77, 0.25, 0.10, // one
		0.05, 0.80, 0.55, // step
	})
}

func printMatrix(m *compute.Matrix) {
	for i := 0; i < m.Rows; i++ {
		for j, v := range m.Row(i) {
			if j > 0 {
				fmt.Print(" ")
			}
			fmt.Printf("%7.4f", v)
		}
		fmt.Println()
	}
}

// torch.manual_seed(123) followed by torch.rand: the book's W_query.
func ExampleGenerator_Rand() {
	g := compute.NewGenerator(123)
	printMatrix(g.Rand(3, 2))
	// Output:
	//  0.2961  0.5166
	//  0.2517  0.6886
	//  0.0740  0.8665
}

// The book's dropout example: torch.manual_seed(123);
// nn.Dropout(0.5)(torch.ones(6, 6)), first row, on both Bernoulli paths.
func ExampleGenerator_DropoutKeep() {
	for _, path := range []compute.DropoutRNG{compute.RNGTorch, compute.RNGMKL} {
		keep := compute.NewGenerator(123).DropoutKeep(36, 0.5, path)
		fmt.Println(path, keep[:6])
	}
	// Output:
	// torch [1 1 0 1 1 0]
	// mkl [1 1 1 1 1 1]
}

// Run under the chapter's CausalAttention configuration (--init linear
// --seed 789): the causal attention weights the book prints.
func ExampleRun() {
	cfg := compute.DefaultConfig()
	cfg.Seed = 789
	r, err := compute.Run(bookInputs(), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	printMatrix(r.Single.CausalWeights)
	// Output:
	//  1.0000  0.0000  0.0000  0.0000  0.0000  0.0000
	//  0.5517  0.4483  0.0000  0.0000  0.0000  0.0000
	//  0.3800  0.3097  0.3103  0.0000  0.0000  0.0000
	//  0.2758  0.2460  0.2462  0.2319  0.0000  0.0000
	//  0.2175  0.1983  0.1984  0.1888  0.1971  0.0000
	//  0.1935  0.1663  0.1666  0.1542  0.1666  0.1529
}

// Bad configurations are returned errors.
func ExampleRun_error() {
	cfg := compute.DefaultConfig()
	cfg.DOut, cfg.Heads = 3, 2
	_, err := compute.Run(bookInputs(), cfg)
	fmt.Println(err)
	// Output:
	// --heads: must divide --d-out (3), got 2
}

// Simplified self-attention: the context vector of "journey".
func ExampleSimpleAttention() {
	s := compute.SimpleAttention(bookInputs())
	fmt.Printf("%.4f\n", s.Context.Row(1))
	// Output:
	// [0.4419 0.6515 0.5683]
}

// The MHA module's forward pass alone, as the speed benchmark runs it.
func ExampleMHAParams_Forward() {
	cfg := compute.DefaultConfig() // d_in 3, d_out 2, 2 heads, seed 123
	p, err := compute.NewMHAParams(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	printMatrix(p.Forward(bookInputs()))
	// Output:
	//  0.3190  0.4858
	//  0.2943  0.3897
	//  0.2856  0.3593
	//  0.2693  0.3873
	//  0.2639  0.3928
	//  0.2575  0.4028
}
