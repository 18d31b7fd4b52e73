package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
)

// The token line drawn ahead is the one View would draw, after whatever
// changes it: the size, the theme, the colormap, the scene.
func TestChromeIsCurrent(t *testing.T) {
	sc := bookScene(t)
	m := sized(New(sc, pipeline.StageScores), 100, 40)
	check := func(when string) {
		t.Helper()
		if m.chrome.scene != m.scene || m.chrome.tokens != m.tokenLine() {
			t.Errorf("%s: the token line drawn ahead is stale", when)
		}
	}
	check("new")
	m = send(m, tea.WindowSizeMsg{Width: 50, Height: 30})
	check("resized")
	m = send(m, keyMsg("t"))
	check("theme")
	m = send(m, keyMsg("c"))
	check("colormap")
	m = send(m, sceneMsg{seq: m.build.seq, scene: bookScene(t)})
	check("new scene")
}

// The all-heads grid kept across keys is the grid a fresh build draws:
// after a head switch, a cursor move, a theme, a resize.
func TestGridKeptIsCurrent(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageHeads), 120, 40)
	m = send(m, keyMsg("g"))
	if !m.showGrid() {
		t.Fatal("g did not open the grid")
	}
	for _, k := range []tea.Msg{keyMsg(">"), keyMsg("l"), keyMsg("t"), keyMsg("c"), tea.WindowSizeMsg{Width: 100, Height: 36}, keyMsg("<")} {
		m = send(m, k)
		fresh := m
		lay := m.layout()
		fresh.view.grid = fresh.buildHeadGrid(lay.panelW, lay.panelH)
		if got, want := m.view.gridView, fresh.renderHeadGrid(); got != want {
			t.Fatalf("after %v the grid is stale", k)
		}
	}
}
