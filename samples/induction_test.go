package samples

import (
	"strings"
	"testing"
)

func TestInductionRepeatsItsWords(t *testing.T) {
	for _, n := range []int{-3, 0, 1, 20, 1000} {
		w := strings.Fields(Induction(7, n))
		half := len(w) / 2
		if len(w)%2 != 0 || half < 1 || half > InductionWords {
			t.Fatalf("n=%d: %d words", n, len(w))
		}
		seen := map[string]bool{}
		for i := range half {
			if w[i] != w[half+i] {
				t.Fatalf("n=%d: second half differs at %d", n, i)
			}
			if seen[w[i]] {
				t.Fatalf("n=%d: %q twice in the first half", n, w[i])
			}
			seen[w[i]] = true
		}
	}
	if Induction(1, 20) == Induction(2, 20) {
		t.Fatal("seeds 1 and 2 gave the same probe")
	}
	if Induction(1, 20) != Induction(1, 20) {
		t.Fatal("the probe is not deterministic")
	}
}

func TestInductionSampleIsTheSeededProbe(t *testing.T) {
	s, err := Get("induction")
	if err != nil {
		t.Fatal(err)
	}
	if s.Text != Induction(1, 20) {
		t.Fatalf("texts/induction.txt is not Induction(1, 20): regenerate it")
	}
}
