package samples

import (
	"math/rand/v2"
	"strings"
)

// probeWords are common English words that are each one gpt2 token with
// their leading space (a test checks it), so a text made of them tokenizes
// to exactly one token per word.
var probeWords = strings.Fields(`apple river stone garden window music yellow forest silver doctor summer
castle pocket rabbit candle bridge winter market island orange planet wizard helmet violin tiger dragon
coffee pencil rocket jungle shadow velvet thunder marble anchor blanket butter camera circus desert
engine feather guitar hammer jacket kettle ladder lemon mirror needle ocean palace pepper pillow puzzle
saddle spider sugar tunnel valley wallet whistle basket button cotton copper dinner farmer finger flower
gentle hunter jelly kitten laptop lizard monkey nickel paper pirate queen ribbon salmon sandwich
scarf sheep shell singer soldier spoon station tomato tower turtle umbrella village wagon whale wheel`)

// InductionWords is the induction probe's vocabulary size.
var InductionWords = len(probeWords)

// Induction is the induction probe: n words drawn at random (seeded, no
// word twice) and then the same n words again — the classic way to make
// induction heads show: in the second half each token can be predicted by
// finding its earlier copy and looking at the token after it. n is
// clamped to 1…InductionWords.
func Induction(seed uint64, n int) string {
	n = min(max(1, n), len(probeWords))
	r := rand.New(rand.NewPCG(seed, 0x1d0c7))
	perm := r.Perm(len(probeWords))[:n]
	words := make([]string, 0, 2*n)
	for range 2 {
		for _, i := range perm {
			words = append(words, probeWords[i])
		}
	}
	return strings.Join(words, " ")
}
