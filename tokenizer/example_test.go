package tokenizer_test

import (
	"fmt"

	"github.com/attnscope/attnscope/tokenizer"
)

func ExampleEncode() {
	toks, err := tokenizer.Encode("gpt2", "Your journey starts with one step")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range toks {
		fmt.Printf("%d %s\n", t.ID, t.Label)
	}
	// Output:
	// 7120 Your
	// 7002 ␣journey
	// 4940 ␣starts
	// 351 ␣with
	// 530 ␣one
	// 2239 ␣step
}

func ExampleTokenize() {
	r, err := tokenizer.Tokenize("gpt2", "Hello, do you like tea? <|endoftext|> In the sunlit terraces", tokenizer.Limits{MaxTokens: 12})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range r.Tokens {
		fmt.Printf("[%s]", t.Label)
	}
	fmt.Println()
	fmt.Println(r.Notice())
	// Output:
	// [Hello][,][␣do][␣you][␣like][␣tea][?][␣][<|endoftext|>][␣In][␣the][␣sun]
	// cut to 12 tokens (12 bytes left out)
}

func ExampleToken_whole() {
	// 世 is not one token in gpt2: its three UTF-8 bytes are split in two.
	toks, _ := tokenizer.Encode("gpt2", "世")
	for _, t := range toks {
		fmt.Printf("%d %s: part %d of %d of %s\n", t.ID, t.Label, t.Part, t.Parts, t.Whole)
	}
	// Output:
	// 10310 ‹e4 b8›: part 1 of 2 of 世
	// 244 ‹96›: part 2 of 2 of 世
}

func ExampleLabel() {
	fmt.Println(tokenizer.Label([]byte(" a\u202eb\x1b[0m\n")))
	// Output: ␣a‹RLO›b␛[0m↵
}

func ExampleTruncate() {
	fmt.Println(tokenizer.Truncate("␣terraces", 6), tokenizer.Width("世界"), tokenizer.Truncate("世界你好", 5))
	// Output: ␣terr… 4 世界…
}
