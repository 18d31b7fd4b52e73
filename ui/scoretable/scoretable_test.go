package scoretable

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

func kp(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Text: k}
}

func table() Model {
	m := New(themes.Dark())
	m.SetColumns([]Column{
		{Name: "previous_token", Values: [][]float32{{0.1, 0.9}, {0.5, 0.2}}, Hi: 1},
		{Name: "induction", Values: [][]float32{{0.3, 0.0}, {0.8, 0.7}}, Hi: 1},
	})
	m.SetSize(80, 10)
	return m
}

func TestSortedLargestFirst(t *testing.T) {
	m := table()
	if l, h, _ := m.Selected(); l != 0 || h != 1 {
		t.Fatalf("top row L%dH%d, want L0H1 (previous_token 0.9)", l, h)
	}
	m, _ = m.Update(kp("right"))
	if m.SortColumn() != "induction" {
		t.Fatalf("sorted by %q after →", m.SortColumn())
	}
	if l, h, _ := m.Selected(); l != 1 || h != 0 {
		t.Fatalf("top row L%dH%d, want L1H0 (induction 0.8)", l, h)
	}
	m, _ = m.Update(kp("r"))
	m, _ = m.Update(kp("home"[:1])) // "h": back to previous_token
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "previous_token ▼") {
		t.Fatalf("header does not mark the sort column:\n%s", v)
	}
}

func TestOpenSendsTheRowsHead(t *testing.T) {
	m := table()
	m, _ = m.Update(kp("j"))
	_, cmd := m.Update(kp("enter"))
	if cmd == nil {
		t.Fatal("enter sent nothing")
	}
	if got := cmd().(OpenMsg); got != (OpenMsg{Layer: 1, Head: 0}) {
		t.Fatalf("opened %+v, want L1H0 (second by previous_token)", got)
	}
}

func TestReverseKeepsTheCursorOnItsHead(t *testing.T) {
	m := table()
	m, _ = m.Update(kp("j"))
	l, h, _ := m.Selected()
	m, _ = m.Update(kp("r"))
	if l2, h2, _ := m.Selected(); l2 != l || h2 != h {
		t.Fatalf("reverse moved the cursor from L%dH%d to L%dH%d", l, h, l2, h2)
	}
}

func TestViewFits(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {10, 3}, {80, 24}, {200, 60}} {
		m := table()
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
	var empty Model = New(themes.Dark())
	empty.SetSize(40, 5)
	if !strings.Contains(ansi.Strip(empty.View()), "no head scores") {
		t.Error("an empty table says nothing")
	}
	if _, cmd := empty.Update(kp("enter")); cmd != nil {
		t.Error("enter on an empty table sent a message")
	}
}

// Columns of fewer layers than before (a table that grows as layers are
// computed, or a new model) replace the rows, sorted by the same column.
func TestFewerLayers(t *testing.T) {
	m := table()
	m.SortBy("induction")
	m.SetColumns([]Column{
		{Name: "previous_token", Values: [][]float32{}, Hi: 1},
		{Name: "induction", Values: [][]float32{}, Hi: 1},
	})
	if _, _, ok := m.Selected(); ok || m.SortColumn() != "induction" {
		t.Fatalf("no rows: selected %v, sorted by %q", ok, m.SortColumn())
	}
	m.SetColumns([]Column{
		{Name: "previous_token", Values: [][]float32{{0.1, 0.9}}, Hi: 1},
		{Name: "induction", Values: [][]float32{{0.3, 0.6}}, Hi: 1},
	})
	if l, h, ok := m.Selected(); !ok || l != 0 || h != 1 {
		t.Fatalf("one layer: top row L%dH%d (%v), want L0H1 by induction", l, h, ok)
	}
	_ = m.View()
}
