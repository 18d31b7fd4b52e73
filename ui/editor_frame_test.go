package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
)

// The sentence editor in the whole frame: a pasted bidi or invisible
// character never reaches the terminal raw (the raw frame, not a cell
// grid, which would drop zero-width characters), and a pasted newline
// survives into the sentence.
func TestEditorFrame(t *testing.T) {
	hostile := "\u202e\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"
	m := sized(New(bookScene(t), pipeline.StageScores), 160, 40)
	m = send(m, tea.PasteMsg{Content: "def f(x):\n    return x" + hostile})
	if m.mode != modeEdit {
		t.Fatal("a paste did not open the editor")
	}
	frame := m.Render()
	if i := strings.IndexAny(frame, hostile); i >= 0 {
		t.Fatalf("%+q reached the frame", frame[i:i+3])
	}
	if !strings.Contains(ansi.Strip(frame), "def f(x):↵    return x‹RLO›") {
		t.Errorf("edit line does not show the newline and the escape:\n%s", frame)
	}
	m = send(m, keyMsg("enter"))
	if !strings.Contains(m.build.req.Text, "def f(x):\n    return x") {
		t.Errorf("the newline did not survive: %q", m.build.req.Text)
	}
}
