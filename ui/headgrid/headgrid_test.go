package headgrid

import (
	"math"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

func press(m Model, keys ...string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		var kp tea.KeyPressMsg
		switch k {
		case "enter":
			kp = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "down":
			kp = tea.KeyPressMsg{Code: tea.KeyDown}
		default:
			kp = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		m, cmd = m.Update(kp)
	}
	return m, cmd
}

func grid(layers, heads int) Model {
	m := New(layers, heads, themes.Dark())
	vals := func(f func(l, h int) float32) [][]float32 {
		out := make([][]float32, layers)
		for l := range out {
			out[l] = make([]float32, heads)
			for h := range out[l] {
				out[l][h] = f(l, h)
			}
		}
		return out
	}
	m.SetScores([]Score{
		{Name: "previous_token", Values: vals(func(l, h int) float32 { return float32(l*heads+h) / float32(layers*heads) }), Hi: 1},
		{Name: "induction", Values: vals(func(l, h int) float32 { return float32(h) / float32(heads) }), Hi: 1},
	})
	const n = 8
	m.SetThumbs(Thumbs{N: n, Pattern: func(l, h int) []float32 {
		p := make([]float32, n*n)
		for i := range n {
			p[i*n+max(0, i-1)] = 1
		}
		return p
	}})
	return m
}

func TestCursorMovesAndClamps(t *testing.T) {
	m := grid(3, 4)
	m, _ = press(m, "l", "l", "l", "l", "l", "j", "j", "j")
	if l, h := m.Cursor(); l != 2 || h != 3 {
		t.Fatalf("cursor at L%dH%d, want clamped to L2H3", l, h)
	}
	m, _ = press(m, "k", "h")
	if l, h := m.Cursor(); l != 1 || h != 2 {
		t.Fatalf("cursor at L%dH%d, want L1H2", l, h)
	}
	_, cmd := press(m, "enter")
	if cmd == nil {
		t.Fatal("enter sent nothing")
	}
	if z, ok := cmd().(ZoomMsg); !ok || z != (ZoomMsg{Layer: 1, Head: 2}) {
		t.Fatalf("enter sent %#v, want ZoomMsg{1, 2}", cmd())
	}
}

func TestScoreCyclesAndShowsValue(t *testing.T) {
	m := grid(2, 2)
	m.SetSize(80, 24)
	if !m.Patterns() {
		t.Fatal("2×2 heads at 80×24 should start on their patterns")
	}
	// From the patterns, m first shows the score in force, then cycles.
	m, _ = press(m, "m")
	if m.ScoreName() != "previous_token" || m.Patterns() {
		t.Fatalf("after m from the patterns: score %q, patterns %v; want previous_token as scores", m.ScoreName(), m.Patterns())
	}
	m, _ = press(m, "m")
	if m.ScoreName() != "induction" {
		t.Fatalf("score %q after a second m, want induction", m.ScoreName())
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "induction") || !strings.Contains(v, "L0H0 = 0.000") {
		t.Fatalf("view does not name the score and the cursor's value:\n%s", v)
	}
	m, _ = press(m, "M", "M")
	if m.ScoreName() != "induction" {
		t.Fatalf("M twice from induction gave %q", m.ScoreName())
	}
	m.SetScores(m.scores[:1])
	if m.ScoreName() != "previous_token" {
		t.Fatalf("a score that went away must fall back to the first, got %q", m.ScoreName())
	}
}

func TestPatternsWhenTheyFit(t *testing.T) {
	m := grid(12, 12)
	m.SetSize(200, 60)
	if !m.Patterns() {
		t.Fatal("12×12 heads at 200×60 should draw patterns")
	}
	m.SetSize(80, 24)
	if m.Patterns() {
		t.Fatal("12×12 heads at 80×24 cannot draw patterns")
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "L11") && !strings.Contains(v, "L0") {
		t.Fatalf("score view lacks layer labels:\n%s", v)
	}
}

func TestViewFitsEverySize(t *testing.T) {
	for _, lh := range [][2]int{{1, 1}, {12, 12}, {48, 25}} {
		for _, sz := range [][2]int{{1, 1}, {20, 5}, {80, 24}, {120, 40}, {200, 60}} {
			for _, noColor := range []bool{false, true} {
				m := grid(lh[0], lh[1])
				m.SetTheme(themes.Dark(), colorprofile.TrueColor, noColor)
				m.SetSize(sz[0], sz[1])
				m, _ = press(m, "j", "j", "l")
				v := m.View()
				lines := strings.Split(v, "\n")
				if len(lines) > sz[1] {
					t.Errorf("%v at %v: %d lines", lh, sz, len(lines))
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("%v at %v: line %d cells wide", lh, sz, w)
					}
				}
				if noColor && strings.Contains(v, "▀") {
					t.Errorf("%v at %v: half blocks need colour; with colour off shades are drawn", lh, sz)
				}
			}
		}
	}
}

// A score not computed yet (NaN) is drawn as a muted dot, never "NaN",
// and the title says so when the cursor is on it.
func TestPendingScores(t *testing.T) {
	nan := float32(math.NaN())
	m := New(2, 2, themes.Default)
	m.SetScores([]Score{{Name: "induction", Values: [][]float32{{.5, .25}, {nan, nan}}, Lo: 0, Hi: 1}})
	m.SetSize(80, 24)
	m.SetCursor(1, 1)
	v := ansi.Strip(m.View())
	if strings.Contains(v, "NaN") || !strings.Contains(v, "·") || !strings.Contains(v, "not computed yet") || !strings.Contains(v, ".5") {
		t.Fatalf("pending scores:\n%s", v)
	}
}
