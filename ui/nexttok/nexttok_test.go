package nexttok

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

func TestListsCandidatesInOrderWithPercentages(t *testing.T) {
	m := New(themes.Dark())
	m.SetCandidates("␣the", []Candidate{{ID: 3797, Label: "␣cat", Prob: 0.5}, {ID: 3290, Label: "␣dog", Prob: 0.25}})
	m.SetSize(60, 10)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, " 1. ␣cat") || !strings.Contains(v, "50.00%") || !strings.Contains(v, " 2. ␣dog") {
		t.Fatalf("list:\n%s", v)
	}
	if strings.Index(v, "␣cat") > strings.Index(v, "␣dog") {
		t.Fatal("candidates out of order")
	}
	for _, sz := range [][2]int{{1, 1}, {10, 2}, {200, 60}} {
		m.SetSize(sz[0], sz[1])
		lines := strings.Split(m.View(), "\n")
		if len(lines) > sz[1] {
			t.Errorf("%v: %d lines", sz, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%v: a line %d cells wide", sz, w)
			}
		}
	}
}

// A probability that is not one (NaN, ±Inf, out of 0…1) draws no bar and
// no NaN, and never panics.
func TestOddProbabilities(t *testing.T) {
	nan := float32(math.NaN())
	m := New(themes.Dark())
	m.SetCandidates("x", []Candidate{{Label: "a", Prob: nan}, {Label: "b", Prob: float32(math.Inf(1))},
		{Label: "c", Prob: float32(math.Inf(-1))}, {Label: "d", Prob: -1}, {Label: "e", Prob: 2}})
	m.SetSize(60, 10)
	if v := ansi.Strip(m.View()); strings.Contains(v, "NaN") || strings.Contains(v, "Inf") || strings.Contains(v, "█") {
		t.Fatalf("list:\n%s", v)
	}
}
