package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/attnscope/attnscope/pipeline"
)

// TestProgramRun runs the root model in a real bubbletea program (teatest):
// the scene is built by Init's command, keys arrive as the terminal would
// send them, q quits, and the final model's view shows where the keys led.
func TestProgramRun(t *testing.T) {
	m := New(nil, pipeline.StageScores, WithRequest(pipeline.DefaultRequest()))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "BOOK") },
		teatest.WithDuration(10*time.Second))
	for _, k := range []string{"n", "n", "l", "j"} {
		tm.Send(keyMsg(k))
	}
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	view := ansi.Strip(final.View().Content)
	if final.sel.stage != pipeline.StageContext || final.sel.row != 1 || final.sel.col != 1 {
		t.Fatalf("stage %v cursor (%d,%d), want context (1,1)", final.sel.stage, final.sel.row, final.sel.col)
	}
	if !strings.Contains(view, "Context vectors") || !strings.Contains(view, "BOOK") {
		t.Fatalf("final view:\n%s", view)
	}
}
