package narrate

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

func pressN() tea.KeyPressMsg { return tea.KeyPressMsg{Code: 'N', Text: "N"} }

func fieldsOf(s string) []string {
	return strings.Fields(ansi.Strip(s))
}

// Paging with N shows every word of the narration exactly in order, and
// each cut page says "more: N"; after the last page N goes back to the
// first.
func TestPagingShowsEverything(t *testing.T) {
	cfg := compute.Config{DIn: 3, DOut: 2, Heads: 2, Dropout: 0.5}
	for _, stage := range []pipeline.Stage{pipeline.StageSoftmax, pipeline.StageCausal, pipeline.StageDropout} {
		n := For(stage.Def(), cfg, false)
		for _, size := range [][2]int{{80, 3}, {40, 2}, {60, 1}, {120, 5}} {
			m := NewModel(themes.Default)
			m.SetNarration(n)
			m.SetSize(size[0], size[1])
			var seen []string
			for page := 0; page < 50; page++ {
				v := m.View()
				checkBounds(t, v, size[0], size[1])
				if n := len(strings.Split(v, "\n")); n != size[1] {
					t.Errorf("%v at %v: %d lines", stage, size, n)
				}
				plain := strings.TrimRight(ansi.Strip(v), "\n ")
				more := strings.HasSuffix(plain, "… more: N")
				plain = strings.TrimSuffix(plain, " … more: N")
				plain = strings.TrimSuffix(plain, " (N: from the start)")
				seen = append(seen, strings.Fields(plain)...)
				if !more {
					break
				}
				m, _ = m.Update(pressN())
			}
			want := fieldsOf(n.Formula + " " + n.Text)
			if size[1] == 1 {
				want = append(fieldsOf(n.Notice), want...)
			}
			if strings.Join(seen, " ") != strings.Join(want, " ") {
				t.Errorf("%v at %v: read\n%q\nwant\n%q", stage, size, seen, want)
			}
			if m.Cut() {
				m, _ = m.Update(pressN())
				if m.Offset() != 0 {
					t.Errorf("%v at %v: N after the last page left offset %d", stage, size, m.Offset())
				}
			}
		}
	}
}

// A narration that fits has no hint and ignores N.
func TestFitsWithoutHint(t *testing.T) {
	m := NewModel(themes.Default)
	m.SetNarration(For(pipeline.StageScores.Def(), compute.Config{DIn: 3, DOut: 2, Heads: 1}, false))
	m.SetSize(200, 10)
	if v := ansi.Strip(m.View()); strings.Contains(v, "more") || m.Cut() {
		t.Errorf("fits but says more:\n%s", v)
	}
	m2, _ := m.Update(pressN())
	if m2.Offset() != 0 {
		t.Error("N moved a narration that fits")
	}
}

func TestViewBounds(t *testing.T) {
	n := For(pipeline.StageCausal.Def(), compute.Config{DIn: 3, DOut: 2, Heads: 1}, true)
	for w := 0; w <= 200; w += 7 {
		for h := 0; h <= 8; h++ {
			m := NewModel(themes.Default)
			m.SetNarration(n)
			m.SetSize(w, h)
			for range 3 {
				checkBounds(t, m.View(), w, h)
				m, _ = m.Update(pressN())
			}
		}
	}
}

func checkBounds(t *testing.T, v string, w, h int) {
	t.Helper()
	if v == "" {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d lines > %d", len(lines), h)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("line %q wider than %d", ansi.Strip(l), w)
		}
	}
}
