package queryview

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

func kp(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Text: k}
}

// view over "a b c d" where head 0 looks at the previous token and head 1
// at the first token.
func view() Model {
	m := New(themes.Dark())
	m.SetTokens([]string{"a", "␣b", "␣c", "␣d"})
	m.SetLayer(3, 2, func(h, i int) []float32 {
		w := make([]float32, 4)
		switch {
		case h == 0 && i > 0:
			w[i-1] = 1
		default:
			w[0] = 1
		}
		return w
	})
	m.SetSize(60, 10)
	return m
}

func TestQueryStartsOnTheLastTokenAndMoves(t *testing.T) {
	m := view()
	if m.Query() != 3 {
		t.Fatalf("query %d, want the last token 3", m.Query())
	}
	m, _ = m.Update(kp("left"))
	m, _ = m.Update(kp("left"))
	if m.Query() != 1 {
		t.Fatalf("query %d after ←←, want 1", m.Query())
	}
	for range 10 {
		m, _ = m.Update(kp("right"))
	}
	if m.Query() != 3 {
		t.Fatalf("query %d, want clamped at 3", m.Query())
	}
	m.SetTokens([]string{"x"})
	if m.Query() != 0 {
		t.Fatalf("query %d after a shorter text, want 0", m.Query())
	}
}

func TestHideFirstRenormalises(t *testing.T) {
	m := view()
	if got := m.row(1); got[0] != 1 {
		t.Fatalf("head 1 row %v, want all on the first token", got)
	}
	m, _ = m.Update(kp("x"))
	got := m.row(1)
	if got[0] != 0 {
		t.Fatalf("hidden first token still weighted: %v", got)
	}
	got = m.row(0)
	if got[2] != 1 {
		t.Fatalf("head 0 renormalised row %v, want 1 on token 2", got)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "first token hidden") {
		t.Fatalf("view does not say the first token is hidden:\n%s", v)
	}
}

func TestOpenAndEveryLineFits(t *testing.T) {
	m := view()
	m, _ = m.Update(kp("j"))
	_, cmd := m.Update(kp("enter"))
	if got := cmd().(OpenMsg); got != (OpenMsg{Layer: 3, Head: 1}) {
		t.Fatalf("opened %+v, want layer 3 head 1", got)
	}
	for _, noColor := range []bool{false, true} {
		for _, sz := range [][2]int{{1, 1}, {8, 2}, {80, 24}, {200, 60}} {
			m := view()
			m.SetTheme(themes.Light(), colorprofile.ANSI256, noColor)
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
	m.SetLayer(4, 2, nil)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "being computed") {
		t.Fatalf("a layer without weights does not say it is being computed:\n%s", v)
	}
}

// A head that looks far back (an induction head on a long repeat) keeps
// the token it looks at on its line, with a gap for what is left out.
func TestFarTargetStaysOnScreen(t *testing.T) {
	labels := make([]string, 40)
	for i := range labels {
		labels[i] = fmt.Sprintf("␣w%02d", i)
	}
	m := New(themes.Dark())
	m.SetTokens(labels)
	m.SetLayer(1, 1, func(h, i int) []float32 {
		w := make([]float32, 40)
		w[max(0, i-19)] = 1
		return w
	})
	m.SetSize(60, 5)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "␣w20") || !strings.Contains(v, "…") || !strings.Contains(v, "␣w39") {
		t.Fatalf("the query ␣w39 and its target ␣w20 should both show, with a gap:\n%s", v)
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Fatalf("a line %d cells wide", w)
		}
	}
}

// The query's label is quoted as it is drawn in the text: a backslash is
// not doubled and an emoji joined by ZWJ (kept whole by tokenizer.Label)
// is not broken into an escape.
func TestQueryLabelQuotedAsDrawn(t *testing.T) {
	for _, lab := range []string{`a\b`, "👨\u200d👩"} {
		m := view()
		m.SetTokens([]string{"x", lab})
		m.SetSize(80, 10)
		if v := ansi.Strip(m.View()); !strings.Contains(v, `query "`+lab+`"`) {
			t.Errorf("label %q: no query \"%s\" in\n%s", lab, lab, v)
		}
	}
}
