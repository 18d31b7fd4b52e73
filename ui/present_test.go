package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
)

func presenting(t *testing.T, sc *pipeline.Scene, auto time.Duration, w, h int) Model {
	t.Helper()
	return sized(New(sc, pipeline.StageTokens, WithPresent(auto), WithCard()), w, h)
}

func homeEnd(s string) tea.KeyPressMsg {
	if s == "home" {
		return tea.KeyPressMsg{Code: tea.KeyHome}
	}
	return tea.KeyPressMsg{Code: tea.KeyEnd}
}

// →/← and PgDn/PgUp step slides; the arrows never move a hidden cursor.
func TestPresentArrowsStepSlides(t *testing.T) {
	m := presenting(t, bookScene(t), 0, 100, 30)
	m = send(m, keyMsg("right"))
	if m.pres.card || m.sel.stage != pipeline.StageTokens {
		t.Fatalf("→ from the card: card %v stage %v", m.pres.card, m.sel.stage)
	}
	m = send(m, keys("right", "right", "pgdown")...)
	if m.sel.stage != pipeline.StageSoftmax {
		t.Fatalf("→ → PgDn from tokens: stage %v, want softmax", m.sel.stage)
	}
	m = send(m, keys("left", "pgup")...)
	if m.sel.stage != pipeline.StageEmbeddings {
		t.Fatalf("← PgUp: stage %v, want embeddings", m.sel.stage)
	}
	if m.sel.row != 0 || m.sel.col != 0 {
		t.Fatalf("the arrows moved the hidden cursor to (%d,%d)", m.sel.row, m.sel.col)
	}
	m = send(m, keys("down", "up")...)
	if m.sel.stage != pipeline.StageEmbeddings || m.sel.row != 0 {
		t.Fatalf("↓↑ changed the stage or the cursor: %v (%d,%d)", m.sel.stage, m.sel.row, m.sel.col)
	}
}

// Home and End go to the first and last stage; digits to a stage, two
// of them to 10–12, and 0 to the card.
func TestPresentJumps(t *testing.T) {
	m := presenting(t, bookScene(t), 0, 100, 30)
	for _, c := range []struct {
		keys  []tea.Msg
		stage pipeline.Stage
		card  bool
	}{
		{[]tea.Msg{homeEnd("end")}, pipeline.StageOutput, false},
		{[]tea.Msg{homeEnd("home")}, pipeline.StageTokens, false},
		{keys("9"), pipeline.StageCausal, false},
		{keys("1", "1"), pipeline.StageHeads, false},
		{keys("1", "0"), pipeline.StageDropout, false},
		{keys("3"), pipeline.StageScores, false},
		{keys("0"), pipeline.StageScores, true},
		{keys("1", "2"), pipeline.StageOutput, false},
	} {
		m = send(m, c.keys...)
		if m.sel.stage != c.stage || m.pres.card != c.card {
			t.Errorf("%v: stage %v card %v, want %v card %v", c.keys, m.sel.stage, m.pres.card, c.stage, c.card)
		}
	}
}

// b (or a clicker's .) blanks the screen; any key, or b again, brings it
// back without acting otherwise.
func TestPresentBlank(t *testing.T) {
	m := send(presenting(t, bookScene(t), 0, 100, 30), keys("5", "b")...)
	if got := strings.TrimSpace(ansi.Strip(m.Render())); got != "" {
		t.Fatalf("b left something on the screen:\n%s", got)
	}
	if v := m.View(); len(strings.Split(v.Content, "\n")) != 30 {
		t.Fatal("the blank screen is not painted in full")
	}
	m = send(m, keyMsg("n"))
	if m.pres.blank || m.sel.stage != pipeline.StageContext {
		t.Fatalf("n on the blank screen: blank %v stage %v, want back at context", m.pres.blank, m.sel.stage)
	}
	m = send(m, keys(".", ".")...)
	if m.pres.blank || !strings.Contains(ansi.Strip(m.Render()), "CONTEXT") {
		t.Fatal(". twice did not bring the screen back")
	}
	m = send(m, keyMsg("b"))
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}); cmd == nil {
		t.Fatal("ctrl+c on the blank screen does not quit")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c on the blank screen does not quit")
	}
}

// With --auto, p pauses and resumes the show and the footer says which;
// no tick advances a paused show.
func TestPresentPause(t *testing.T) {
	m := presenting(t, bookScene(t), 8*time.Second, 100, 30)
	press := func(k string) tea.Cmd { // without running the clock's commands
		t.Helper()
		tm, cmd := m.Update(keyMsg(k))
		m = tm.(Model)
		return cmd
	}
	press("space")
	if !strings.Contains(ansi.Strip(m.Render()), "auto 8s") {
		t.Fatalf("the footer does not show the auto-advance:\n%s", ansi.Strip(m.Render()))
	}
	press("p")
	if !m.pres.paused || !strings.Contains(ansi.Strip(m.Render()), "paused") {
		t.Fatal("p did not pause, or the footer does not say so")
	}
	if tm, _ := m.Update(tickMsg{seq: m.pres.tickSeq}); tm.(Model).sel.stage != pipeline.StageTokens {
		t.Fatal("a tick advanced a paused show")
	}
	if cmd := press("p"); m.pres.paused || cmd == nil {
		t.Fatal("p did not resume the clock")
	}
	if tm, _ := m.Update(tickMsg{seq: m.pres.tickSeq}); tm.(Model).sel.stage != pipeline.StageEmbeddings {
		t.Fatal("a tick after resuming did not advance")
	}
	press("b")
	if tm, _ := m.Update(tickMsg{seq: m.pres.tickSeq}); tm.(Model).sel.stage != pipeline.StageTokens {
		t.Fatal("a tick advanced a blank screen")
	}
	// Without --auto, p steps back as in the TUI.
	m = send(presenting(t, bookScene(t), 0, 100, 30), keys("3", "p")...)
	if m.sel.stage != pipeline.StageEmbeddings {
		t.Fatalf("p without --auto: stage %v, want embeddings", m.sel.stage)
	}
}

// ? lists presenter mode's keys only.
func TestPresentHelpListsItsOwnKeys(t *testing.T) {
	small := ansi.Strip(send(presenting(t, bookScene(t), 0, 60, 18), keys("3", "?")...).Render())
	for _, want := range []string{"quit", "why attention?", "blank", "go to a stage"} {
		if !strings.Contains(small, want) {
			t.Errorf("the help at 60×18 lacks %q:\n%s", want, small)
		}
	}
	m := send(presenting(t, bookScene(t), 0, 100, 30), keys("3", "?")...)
	help := ansi.Strip(m.Render())
	for _, want := range []string{"blank", "explain a number", "go to a stage", "first stage"} {
		if !strings.Contains(help, want) {
			t.Errorf("the help lacks %q:\n%s", want, help)
		}
	}
	for _, not := range []string{"edit sentence", "settings", "open sample", "next matrix", "pause"} {
		if strings.Contains(help, not) {
			t.Errorf("the help lists %q, which does nothing here:\n%s", not, help)
		}
	}
	m = send(m, keyMsg("x"))
	if m.mode != modeView || m.sel.stage != pipeline.StageScores {
		t.Fatal("a key did not close the help")
	}
}

// i shows the cursor and the inspector for the main matrix, the arrows
// then move the cursor, and i hides them again.
func TestPresentExplainsANumber(t *testing.T) {
	m := send(presenting(t, bookScene(t), 0, 100, 30), keys("9", "i")...)
	if !m.inspecting || m.layout().inspW == 0 {
		t.Fatal("i did not show the inspector")
	}
	m = send(m, keys("down", "right", "down")...)
	if m.sel.stage != pipeline.StageCausal || m.sel.row != 2 || m.sel.col != 1 {
		t.Fatalf("arrows while explaining: stage %v cursor (%d,%d), want causal (2,1)", m.sel.stage, m.sel.row, m.sel.col)
	}
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "␣starts ▸") || !strings.Contains(out, "α₃₂") {
		t.Fatalf("no cursor on the explained number:\n%s", out)
	}
	m = send(m, keys("i", "right")...)
	if m.inspecting || m.sel.stage != pipeline.StageDropout {
		t.Fatalf("after i again: inspecting %v, → went to %v", m.inspecting, m.sel.stage)
	}
	if out := ansi.Strip(m.Render()); strings.Contains(out, "▸") || strings.Contains(out, "α₃₂") {
		t.Fatalf("the cursor or the inspector still shows:\n%s", out)
	}
}

// The matrix fills the screen: at 100×30 the output matrix takes most of
// its width and height; at 60×18 the causal matrix keeps all its rows and
// the words page with ↓; with 42 tokens far more than 11 rows show.
func TestPresentMatrixFillsTheScreen(t *testing.T) {
	sc := bookScene(t)
	m := send(presenting(t, sc, 0, 100, 30), homeEnd("end"))
	lay := m.layout()
	if w, h := lipglossSize(m.view.hms[0].View()); w < 70 || h < lay.panelH-2 {
		t.Errorf("100×30 output: the matrix is %d×%d in a %d×%d area", w, h, lay.panelW, lay.panelH)
	}

	m = send(presenting(t, sc, 0, 60, 18), keyMsg("9"))
	out := ansi.Strip(m.Render())
	for _, tok := range []string{"Your ", "␣journey ", "␣starts ", "␣with ", "␣one ", "␣step "} {
		if !strings.Contains(out, "\n"+tok) {
			t.Errorf("60×18 causal: row %q is not on screen:\n%s", tok, out)
		}
	}
	if !strings.Contains(out, "words 1/") {
		t.Fatalf("60×18 causal: the words do not say they page:\n%s", out)
	}
	paged := ansi.Strip(send(m, keyMsg("down")).Render())
	if paged == out || !strings.Contains(paged, "words 2/") {
		t.Fatalf("↓ did not turn the words' page:\n%s", paged)
	}

	long, err := samples.Get("long")
	if err != nil {
		t.Fatal(err)
	}
	req := pipeline.DefaultRequest()
	req.Text, req.Book = long.Text, false
	lsc, err := pipeline.Build(req)
	if err != nil {
		t.Fatal(err)
	}
	m = send(presenting(t, lsc, 0, 100, 30), keyMsg("9"))
	if !strings.Contains(ansi.Strip(m.Render()), "rows 1–1") || m.layout().panelH-9 < 15 {
		t.Errorf("long sample: too few rows show:\n%s", ansi.Strip(m.Render()))
	}
}

func lipglossSize(s string) (w, h int) {
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	return w, len(lines)
}

// The TUI's card says "n: begin with the tokens", and n does; w goes back.
func TestTUICardBeginsWithTheTokens(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageCausal), 100, 30)
	m = send(m, keys("w", "n")...)
	if m.pres.card || m.sel.stage != pipeline.StageTokens {
		t.Fatalf("n on the card: card %v stage %v, want the tokens", m.pres.card, m.sel.stage)
	}
	m = send(m, keys("5", "w", "w")...) // 5 does nothing in the TUI
	if m.pres.card || m.sel.stage != pipeline.StageTokens {
		t.Fatalf("w w: card %v stage %v, want back at the tokens", m.pres.card, m.sel.stage)
	}
}

// Every presenter-mode screen keeps its size, with and without the
// inspector, blank or not, at the smallest and a large size.
func TestPresentKeepsTheFrame(t *testing.T) {
	sc := bookScene(t)
	for _, sz := range [][2]int{{40, 12}, {60, 18}, {100, 30}, {400, 120}} {
		m := presenting(t, sc, 0, sz[0], sz[1])
		for step := 0; step <= 2*pipeline.NumStages; step++ {
			k := "n"
			if step == pipeline.NumStages {
				k = "i" // the second time through, explaining
			}
			out := m.Render()
			if lines := strings.Count(out, "\n") + 1; lines != sz[1] {
				t.Fatalf("%dx%d stage %v: %d lines", sz[0], sz[1], m.sel.stage, lines)
			}
			for i, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Fatalf("%dx%d stage %v line %d is %d cells wide", sz[0], sz[1], m.sel.stage, i, w)
				}
			}
			m = send(m, keyMsg(k))
			if step == pipeline.NumStages {
				m = send(m, homeEnd("home"))
			}
		}
	}
}
