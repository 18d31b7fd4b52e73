package modelview

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/internal/tinygpt"
	"github.com/attnscope/attnscope/pipeline"
)

// runCmd runs cmd as the runtime would (a batch's commands one after the
// other) and returns the messages.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// The views open while the forward pass runs: as soon as it starts the
// overview shows every score pending and the head view says its layer is
// not computed; once block 0 is done, layer 0's head draws and its scores
// are in, the status line still counting the layers, a later layer still
// pending; keys work meanwhile. Run under -race: the screen reads only the
// layers whose block has ended.
func TestEarlyViews(t *testing.T) {
	dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 4, Heads: 2, D: 8, Context: 1024, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	req := pipeline.ModelRequest{Spec: dir, Text: strings.Repeat("one two three four ", 20)}
	m := New(WithRequest(pipeline.NewModels(), req), WithSelection(2, 0, 0)) // the head view
	m.SetSize(80, 24)
	queue := runCmd(m.Init())
	sawStart, sawLayer0 := false, false
	progress := regexp.MustCompile(`layer [2-4] of 4 +█`)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		screen := ansi.Strip(m.Render())
		switch msg := msg.(type) {
		case startedMsg:
			sawStart = true
			if m.Scene() != nil || !m.Loading() || !strings.Contains(screen, "layer 0 is not computed yet") {
				t.Fatalf("started: scene %v, loading %v\n%s", m.Scene() != nil, m.Loading(), screen)
			}
			ov, _ := m.Update(keyPress("p"))
			if s := ansi.Strip(ov.Render()); !strings.Contains(s, "·") || strings.Contains(s, "NaN") || !strings.Contains(s, "0 of 4 layers computed") {
				t.Fatalf("started: the overview does not mark every head pending:\n%s", s)
			}
		case layerMsg:
			if msg.layer.Index != 0 || sawLayer0 {
				break
			}
			sawLayer0 = true
			if !m.Loading() || !strings.Contains(screen, "L0H0 weights") || !progress.MatchString(screen) {
				t.Fatalf("layer 0 in: loading %v\n%s", m.Loading(), screen)
			}
			next, _ := m.Update(keyPress(">"))
			if s := ansi.Strip(next.Render()); !strings.Contains(s, "L0H1") {
				t.Errorf("> during the pass does not step the head:\n%s", s)
			}
			later, _ := m.Update(keyPress("]"))
			later, _ = later.Update(keyPress("]"))
			if s := ansi.Strip(later.Render()); !strings.Contains(s, "layer 2 is not computed yet") {
				t.Errorf("a layer not yet computed does not say so:\n%s", s)
			}
			ov, _ := m.Update(keyPress("p"))
			if s := ansi.Strip(ov.Render()); !regexp.MustCompile(`[1-3] of 4 layers computed`).MatchString(s) || !strings.Contains(s, "·") {
				t.Errorf("the overview does not show layer 0 in and the rest pending:\n%s", s)
			}
		case tracedMsg:
			if m.Scene() == nil || m.Loading() || m.done != 4 || strings.Contains(screen, "not computed") {
				t.Fatalf("traced: scene %v, loading %v, done %d\n%s", m.Scene() != nil, m.Loading(), m.done, screen)
			}
			queue = nil
			continue
		}
		queue = append(queue, runCmd(cmd)...)
	}
	if !sawStart || !sawLayer0 {
		t.Fatalf("started %v, layer 0 drawn during the pass %v", sawStart, sawLayer0)
	}
	for _, st := range []string{"n", "n", "n", "n"} { // every view of the whole scene
		m, _ = m.Update(keyPress(st))
		if s := ansi.Strip(m.Render()); strings.Contains(s, "not computed") || strings.Contains(s, "NaN") {
			t.Errorf("%s after the pass:\n%s", m.Stage(), s)
		}
	}
}

// Esc during the pass keeps the layers done on screen and says which were
// not computed; nothing that still arrives from the stopped pass lands.
func TestCancelDuringPass(t *testing.T) {
	dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 4, Heads: 2, D: 8, Context: 1024, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	req := pipeline.ModelRequest{Spec: dir, Text: strings.Repeat("one two three four ", 20)}
	m := New(WithRequest(pipeline.NewModels(), req), WithSelection(2, 3, 0))
	m.SetSize(80, 24)
	queue := runCmd(m.Init())
	var pending []tea.Msg
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		if p, ok := msg.(progressMsg); ok && p.layer == 0 {
			m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
			pending = runCmd(cmd) // the stopped pass's last words
			break
		}
		queue = append(queue, runCmd(cmd)...)
	}
	for _, msg := range pending {
		m, _ = m.Update(msg)
	}
	s := ansi.Strip(m.Render())
	if m.Loading() || m.Scene() != nil || m.done != 1 || !strings.Contains(s, "layer 3 was not computed") || !strings.Contains(s, "cancelled") {
		t.Fatalf("cancelled: loading %v, done %d\n%s", m.Loading(), m.done, s)
	}
	m = drive(t, m, keyPress("["), keyPress("["), keyPress("["))
	if s := ansi.Strip(m.Render()); !strings.Contains(s, "L0H0 weights") {
		t.Errorf("layer 0, computed before the cancel, does not draw:\n%s", s)
	}
}
