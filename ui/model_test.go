package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
)

// g means one thing on each screen: the all-heads grid where the stage
// has one, the first row elsewhere; the help screen lists only that one.
func TestGMeansOneThingPerScreen(t *testing.T) {
	sc := bookScene(t)
	for s, def := range sc.Stages {
		m := sized(New(sc, pipeline.Stage(s)), 100, 40)
		help := ansi.Strip(send(m, keyMsg("?")).Render())
		grid, top := strings.Contains(help, "all heads grid"), strings.Contains(help, "first row")
		if def.Grid != "" && (!grid || top) || def.Grid == "" && (grid || def.Kind == pipeline.KindMatrices && !top) {
			t.Errorf("%s: help lists the grid %v, first row %v", def.Name, grid, top)
		}
		m = send(m, keys("j", "j", "g")...)
		switch {
		case def.Grid != "" && !m.showGrid():
			t.Errorf("%s: g did not open the grid", def.Name)
		case def.Grid == "" && def.Kind == pipeline.KindMatrices && m.sel.row != 0:
			t.Errorf("%s: g left the cursor on row %d", def.Name, m.sel.row)
		}
	}
}

// A copy of the model is its own: resizing or moving the cursor in one
// leaves the other's screen as it was.
func TestModelCopiesShareNothingVisible(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageQKV), 160, 48)
	before := m.Render()
	c := send(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	c = send(c, keys("j", "l", "]")...)
	if c.Render() == before {
		t.Fatal("the copy did not change")
	}
	if m.Render() != before {
		t.Fatal("changing a copy changed the original's screen")
	}
}

// A click lands on the cell drawn under the mouse, wherever the layout put
// the main heatmap.
func TestClickHitsTheDrawnCell(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}, {100, 30}} {
		m := sized(New(bookScene(t), pipeline.StageScores), sz[0], sz[1])
		m = send(m, keys("j", "j", "l")...) // cursor at (2, 1)
		lines := strings.Split(ansi.Strip(m.Render()), "\n")
		top := m.layout().panelsTop
		// The cursor's row is marked ▸; find its line and click on it.
		want := -1
		for i := top; i < len(lines); i++ {
			if strings.Contains(lines[i], "▸") {
				want = i
				break
			}
		}
		if want < 0 {
			t.Fatalf("%v: no cursor row:\n%s", sz, strings.Join(lines, "\n"))
		}
		m = send(m, keys("g")...) // back to row 0
		x := -1
		for cx := 0; cx < sz[0] && x < 0; cx++ {
			if _, _, ok := m.view.hms[0].CellAt(cx, want-top); ok {
				x = cx
			}
		}
		m = send(m, tea.MouseClickMsg{X: x, Y: want, Button: tea.MouseLeft})
		if m.sel.row != 2 {
			t.Errorf("%v: a click on screen row %d chose row %d", sz, want, m.sel.row)
		}
	}
}
