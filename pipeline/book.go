package pipeline

import "github.com/attnscope/attnscope/compute"

// bookKey names one of the configurations under which chapter 3 printed its
// tensors (book mode).
type bookKey int

const (
	bookRand123       bookKey = iota // SelfAttention_v1: --init rand --seed 123
	bookLinear789                    // SelfAttention_v2, causal: --init linear --seed 789
	bookLinear789Drop                // dropout: the same with --dropout 0.5 --dropout-seed 123
	bookLinear123                    // CausalAttention, wrapper, MHA: --init linear --seed 123
)

func (k bookKey) String() string {
	return [...]string{
		"--init rand --seed 123",
		"--init linear --seed 789",
		"--init linear --seed 789 --dropout 0.5 --dropout-seed 123",
		"--init linear --seed 123",
	}[k]
}

func (k bookKey) config() compute.Config {
	c := compute.DefaultConfig()
	switch k {
	case bookRand123:
		c.Init, c.Seed = compute.InitRand, 123
	case bookLinear789:
		c.Seed = 789
	case bookLinear789Drop:
		ds := uint64(123)
		c.Seed, c.Dropout, c.DropoutSeed = 789, 0.5, &ds
	case bookLinear123:
		c.Seed = 123
	}
	return c
}

// stageBook is the book configuration stage s is shown under.
func stageBook(s Stage) bookKey {
	if s < 0 || int(s) >= len(chapter3) {
		return bookLinear123
	}
	return chapter3[s].book
}

// ResultFor is the result a stage shows: in book mode the configuration the
// chapter printed that stage under, otherwise Result.
func (sc *Scene) ResultFor(s Stage) *compute.Result {
	if sc.Book {
		return sc.book[stageBook(s)]
	}
	return sc.Result
}

// ConfigLabel describes the configuration a stage is shown under, for the
// screen (e.g. "book · --init rand --seed 123").
func (sc *Scene) ConfigLabel(s Stage) string {
	if sc.Book {
		return "book: " + stageBook(s).String()
	}
	return "custom"
}
