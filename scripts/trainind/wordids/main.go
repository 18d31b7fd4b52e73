// Command wordids prints the gpt2 token ids of the induction probe's words as
// JSON, for train.py: "spaced" holds each word with its leading space (one
// token each, in the probe's own order of samples.InductionWords words) and
// "bare" the tokens of each word without the space, as the first word of a
// text is tokenized.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/tokenizer"
)

func main() {
	words := strings.Fields(samples.Induction(1, samples.InductionWords))[:samples.InductionWords]
	sort.Strings(words)
	type entry struct {
		Word   string `json:"word"`
		Spaced int    `json:"spaced"`
		Bare   []int  `json:"bare"`
	}
	var out []entry
	for _, w := range words {
		sp, err := tokenizer.Encode("gpt2", " "+w)
		if err != nil || len(sp) != 1 {
			fmt.Fprintf(os.Stderr, "wordids: %q is not one gpt2 token (%v)\n", " "+w, err)
			os.Exit(1)
		}
		bare, err := tokenizer.Encode("gpt2", w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wordids:", err)
			os.Exit(1)
		}
		e := entry{Word: w, Spaced: sp[0].ID}
		for _, t := range bare {
			e.Bare = append(e.Bare, t.ID)
		}
		out = append(out, e)
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}
