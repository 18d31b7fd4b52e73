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
