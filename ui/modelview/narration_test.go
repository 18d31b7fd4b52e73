package modelview

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
)

// narrationLines is the part of the screen the narration takes.
func (m Model) narrationLines() []string {
	lines := strings.Split(ansi.Strip(m.Render()), "\n")
	end := headerLines + m.bodyH()
	return lines[end-m.narrationH() : end]
}

// Paging with N through every view's narration at 80×24, in the TUI and in
// presenter mode, reads every word of it exactly once, in order; each cut
// page says "more: N" and the help line names N.
func TestNarrationPagingReadsEverything(t *testing.T) {
	sc := tinyScene(t, samples.Induction(3, 20))
	for _, present := range []bool{false, true} {
		anyCut := false
		for st := range pipeline.ModelStages() {
			m := New(WithScene(sc), WithSelection(pipeline.Stage(st), 1, 1), WithPresent(present))
			m.SetSize(80, 24)
			m = drive(t, m, m.Init()())
			n := m.narrate()
			what := m.Stage()
			if present {
				what += " (present)"
			}
			var seen []string
			cut := false
			for page := 0; page < 20; page++ {
				text := strings.TrimRight(strings.Join(m.narrationLines(), "\n"), "\n ")
				more := strings.HasSuffix(text, "… more: N")
				cut = cut || more
				text = strings.TrimSuffix(text, " … more: N")
				text = strings.TrimSuffix(text, " (N: from the start)")
				seen = append(seen, strings.Fields(text)...)
				if !more {
					break
				}
				if line := ansi.Strip(m.Render()); !strings.Contains(line, "N more") || !strings.Contains(line, "quit") {
					t.Errorf("%s: the narration is cut and the help line does not name N:\n%s", what, line)
				}
				m = drive(t, m, tea.KeyPressMsg{Code: 'N', Text: "N"})
			}
			want := strings.Fields(n.formula + " " + n.text)
			if strings.Join(seen, " ") != strings.Join(want, " ") {
				t.Errorf("%s: read\n%q\nwant\n%q", what, seen, want)
			}
			anyCut = anyCut || cut
		}
		if !anyCut {
			t.Errorf("present %v: no narration needed paging at 80×24: the test reads nothing", present)
		}
	}
}
