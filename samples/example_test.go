package samples_test

import (
	"fmt"

	"github.com/attnscope/attnscope/samples"
)

func ExampleAll() {
	for _, s := range samples.All()[:3] {
		fmt.Printf("%-8s %s\n", s.Name, s.Text)
	}
	// Output:
	// book     Your journey starts with one step
	// repeat   one step, then another step, then one more step
	// pronoun  The animal didn't cross the street because it was too tired.
}

func ExampleGet() {
	s, err := samples.Get("code")
	fmt.Printf("%q %v\n", s.Text, err)
	_, err = samples.Get("poem")
	fmt.Println(err)
	// Output:
	// "def add(a, b):\n    return a + b" <nil>
	// unknown sample "poem" (have book, repeat, pronoun, long, code, french, chinese, emoji, induction, endoftext)
}
