package tokenizer

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// BenchmarkLoad measures building an encoder from scratch (parse the embedded
// ranks, compile the split pattern): what the first Encode with that encoding
// waits for, and what Preload moves off the UI's path.
func BenchmarkLoad(b *testing.B) {
	for _, enc := range []string{"r50k_base", "p50k_base", "cl100k_base", "o200k_base"} {
		b.Run(enc, func(b *testing.B) {
			for b.Loop() {
				resetCache()
				if err := Preload(enc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	resetCache()
}

// englishText is ~64 KiB of English prose (the byte cap), from a fixed seed.
func englishText() string {
	words := strings.Fields(`attention lets every token look back at the words before it and weigh how
	relevant each one is before blending their meanings into a new vector the model computes scores
	from queries and keys scales them by the square root of the key dimension applies a softmax and
	uses the weights to mix the values in the sunlit terraces of the palace your journey starts with
	one step the animal didn't cross the street because it was too tired`)
	rng := rand.New(rand.NewPCG(123, 456))
	var sb strings.Builder
	for sb.Len() < DefaultMaxBytes-16 {
		sb.WriteString(words[rng.IntN(len(words))])
		if rng.IntN(12) == 0 {
			sb.WriteString(". ")
		} else {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// BenchmarkEncodeEnglish reports tokens/s on long English text, with no
// token limit in the way.
func BenchmarkEncodeEnglish(b *testing.B) {
	text := englishText()
	lim := Limits{MaxBytes: len(text), MaxTokens: 1 << 30}
	for _, enc := range []string{"gpt2", "cl100k_base", "o200k_base"} {
		b.Run(enc, func(b *testing.B) {
			if err := Preload(enc); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(text)))
			var n int
			for b.Loop() {
				r, err := Tokenize(enc, text, lim)
				if err != nil {
					b.Fatal(err)
				}
				n = len(r.Tokens)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}

// worstCases are 64 KiB inputs built to hurt: one unbroken BPE piece
// (quadratic in tiktoken's merge), random bytes, long whitespace and digit
// runs, and a run of uppercase letters that makes o200k's pattern backtrack.
func worstCases() map[string]string {
	n := DefaultMaxBytes
	rng := rand.New(rand.NewPCG(7, 8))
	raw := make([]byte, n)
	for i := range raw {
		raw[i] = byte(rng.UintN(256))
	}
	letters := make([]byte, n)
	for i := range letters {
		letters[i] = "abcdefghijklmnopqrstuvwxyz"[rng.IntN(26)]
	}
	return map[string]string{
		"aaaa":    strings.Repeat("a", n),
		"letters": string(letters),
		"random":  string(raw),
		"spaces":  strings.Repeat(" ", n-1) + "x",
		"digits":  strings.Repeat("7", n),
		"upper":   strings.Repeat("A", n-1) + "a",
		"punct":   strings.Repeat("!?", n/2),
		"cjk":     strings.Repeat("世", n/3),
	}
}

// BenchmarkWorstCase tokenizes each worst case with the default limits (the
// token cap stops early) and with no token cap (the whole 64 KiB, the most
// the byte cap lets through). Target: well under 200 ms each.
func BenchmarkWorstCase(b *testing.B) {
	cases := worstCases()
	for _, enc := range []string{"gpt2", "cl100k_base", "o200k_base"} {
		if err := Preload(enc); err != nil {
			b.Fatal(err)
		}
		for _, name := range []string{"aaaa", "letters", "random", "spaces", "digits", "upper", "punct", "cjk"} {
			text := cases[name]
			for _, mode := range []struct {
				name string
				lim  Limits
			}{{"default", DefaultLimits()}, {"uncapped", Limits{MaxTokens: 1 << 30}}} {
				b.Run(enc+"/"+name+"/"+mode.name, func(b *testing.B) {
					for b.Loop() {
						if _, err := Tokenize(enc, text, mode.lim); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// BenchmarkTiktokenGoAAAA is the reason for the own merge: tiktoken-go's
// quadratic merge on one unbroken piece (16 KiB; 64 KiB takes seconds).
func BenchmarkTiktokenGoAAAA(b *testing.B) {
	o := oracle(b, "r50k_base")
	text := strings.Repeat("a", 16<<10)
	b.Run("tiktoken-go", func(b *testing.B) {
		for b.Loop() {
			o.EncodeOrdinary(text)
		}
	})
	b.Run("tokenizer", func(b *testing.B) {
		if err := Preload("r50k_base"); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := Tokenize("r50k_base", text, Limits{MaxTokens: 1 << 30}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
