package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/internal/replay"
	"github.com/attnscope/attnscope/pipeline"
)

func bookScene(t testing.TB) *pipeline.Scene {
	t.Helper()
	sc, err := pipeline.Build(pipeline.DefaultRequest())
	if err != nil {
		t.Fatalf("build the book scene: %v", err)
	}
	return sc
}

// send feeds msgs through Update, running returned commands as the
// program would (replay.Replay, the path attnscope render takes).
func send(m Model, msgs ...tea.Msg) Model {
	out, err := replay.Replay(m, msgs...)
	if err != nil {
		panic(err)
	}
	return out.(Model)
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func keys(ks ...string) []tea.Msg {
	out := make([]tea.Msg, len(ks))
	for i, k := range ks {
		out[i] = keyMsg(k)
	}
	return out
}

func sized(m Model, w, h int) Model { return send(m, tea.WindowSizeMsg{Width: w, Height: h}) }

func TestStepThroughEveryStage(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageTokens), 80, 24)
	for s := 0; s < pipeline.NumStages; s++ {
		if got := m.sel.stage; got != pipeline.Stage(s) {
			t.Fatalf("after %d steps the stage is %v, want %v", s, got, pipeline.Stage(s))
		}
		view := ansi.Strip(m.Render())
		if !strings.Contains(view, pipeline.Stage(s).Title()) {
			t.Errorf("stage %v: view lacks its title %q:\n%s", pipeline.Stage(s), pipeline.Stage(s).Title(), view)
		}
		// every key on every stage: nothing may panic
		for _, k := range []string{"j", "l", "down", "right", "]", "[", ">", "<", "g", "i", "g", "i", "k", "h"} {
			m = send(m, keyMsg(k))
		}
		m = send(m, keyMsg("n"))
	}
	if m.sel.stage != pipeline.StageOutput {
		t.Fatalf("n past the last stage moved to %v", m.sel.stage)
	}
	for _, k := range []string{"p", "pgup", "shift+tab"} {
		before := m.sel.stage
		m = send(m, keyMsg(k))
		if m.sel.stage != before-1 {
			t.Errorf("%s: stage %v → %v, want one back", k, before, m.sel.stage)
		}
	}
	for _, k := range []string{"pgdown", "tab", "n"} {
		before := m.sel.stage
		m = send(m, keyMsg(k))
		if m.sel.stage != before+1 {
			t.Errorf("%s: stage %v → %v, want one on", k, before, m.sel.stage)
		}
	}
}

func TestCursorClamps(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageScores), 80, 24)
	m = send(m, keys("l", "l", "l", "l", "l", "l", "l", "l", "j", "j", "j", "j", "j", "j", "j", "j")...)
	if m.sel.row != 5 || m.sel.col != 5 {
		t.Fatalf("cursor at (%d,%d), want clamped to (5,5)", m.sel.row, m.sel.col)
	}
	m = send(m, keys("h", "k", "up", "left")...)
	if m.sel.row != 3 || m.sel.col != 3 {
		t.Fatalf("cursor at (%d,%d), want (3,3)", m.sel.row, m.sel.col)
	}
}

func TestEditAppliesAndCancels(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageScores), 80, 24)
	m = send(m, keyMsg("e"))
	if m.mode != modeEdit {
		t.Fatal("e did not start editing")
	}
	m = send(m, keys("ctrl+u", "x", "esc")...)
	if m.mode != modeView || m.build.req.Text != pipeline.DefaultRequest().Text {
		t.Fatalf("esc did not cancel: mode %v text %q", m.mode, m.build.req.Text)
	}
	m = send(m, keys("e", "ctrl+u")...)
	if m.input.Value() != "" {
		t.Fatalf("ctrl+u left %q", m.input.Value())
	}
	m = send(m, keys("q")...) // q types while editing
	if m.input.Value() != "q" {
		t.Fatalf("q while editing: input %q", m.input.Value())
	}
}

func TestBadEditKeepsLastGoodScene(t *testing.T) {
	sc := bookScene(t)
	m := sized(New(sc, pipeline.StageScores), 80, 24)
	m = send(m, keys("e", "ctrl+u", "enter")...) // empty text
	if m.scene != sc {
		t.Fatal("an empty sentence replaced the scene")
	}
	if m.message == "" {
		t.Fatal("an empty sentence showed no message")
	}
	if !strings.Contains(ansi.Strip(m.Render()), "0.9995") {
		t.Fatal("the last good heatmap is gone")
	}
}

func TestTinyAndHugeSizesDoNotPanic(t *testing.T) {
	sc := bookScene(t)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {39, 11}, {40, 12}, {80, 24}, {400, 120}} {
		for s := 0; s < pipeline.NumStages; s++ {
			m := sized(New(sc, pipeline.Stage(s)), sz[0], sz[1])
			out := m.Render()
			if lines := strings.Count(out, "\n") + 1; sz[1] > 0 && lines != sz[1] {
				t.Errorf("%dx%d stage %d: %d lines", sz[0], sz[1], s, lines)
			}
			for i, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Errorf("%dx%d stage %d line %d is %d cells wide", sz[0], sz[1], s, i, w)
				}
			}
		}
	}
}

// TestGolden freezes every stage's screen at 80×24 as text: the numbers,
// labels and words on screen. go test ./ui -update rewrites them.
func TestGolden(t *testing.T) {
	sc := bookScene(t)
	for s, def := range sc.Stages {
		t.Run(fmt.Sprintf("%02d-%s", s+1, def.Name), func(t *testing.T) {
			golden.RequireEqual(t, ansi.Strip(sized(New(sc, pipeline.Stage(s)), 80, 24).Render()))
		})
	}
}

// TestGoldenColour freezes the colours of the two stages that use every
// cell style (masked, dropped, cursor, row sums) with the inspector beside.
func TestGoldenColour(t *testing.T) {
	sc := bookScene(t)
	for _, s := range []pipeline.Stage{pipeline.StageCausal, pipeline.StageHeads} {
		t.Run(fmt.Sprintf("%02d-%s-160x48", s+1, s.Name()), func(t *testing.T) {
			golden.RequireEqual(t, sized(New(sc, s), 160, 48).Render())
		})
	}
}

// On a wide screen every stage shows its narration, its main matrix with
// the inspector beside it, and either all its matrices or a hint saying
// how many more there are.
func TestWideScreens(t *testing.T) {
	sc := bookScene(t)
	for s, def := range sc.Stages {
		m := sized(New(sc, pipeline.Stage(s)), 160, 48)
		out := ansi.Strip(m.Render())
		lines := strings.Split(out, "\n")
		if len(lines) != 48 {
			t.Fatalf("%s: %d lines", def.Name, len(lines))
		}
		if def.Kind == pipeline.KindTokens {
			continue
		}
		if n := m.view.narr; !strings.Contains(out, n.Formula) {
			t.Errorf("%s: no formula %q", def.Name, n.Formula)
		}
		lay := m.layout()
		if !lay.beside || lay.inspW == 0 || !strings.Contains(lines[lay.panelsTop], m.view.panels[0].name) {
			t.Errorf("%s: main panel %q not at row %d beside the inspector:\n%s", def.Name, m.view.panels[0].name, lay.panelsTop, out)
		}
		shown := 0
		for _, p := range m.view.panels {
			if strings.Contains(out, p.name) {
				shown++
			}
		}
		if shown < len(m.view.panels) && !strings.Contains(out, "more matri") {
			t.Errorf("%s: %d of %d panels shown and no hint", def.Name, shown, len(m.view.panels))
		}
	}
}

func TestPresenterSteps(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageScores, WithPresent(0), WithCard(), WithStage(pipeline.StageTokens)), 100, 30)
	if !m.pres.card || !strings.Contains(ansi.Strip(m.Render()), "Why attention?") {
		t.Fatalf("presenter mode does not open on the card:\n%s", ansi.Strip(m.Render()))
	}
	m = send(m, keyMsg("pgdown"))
	if m.pres.card || m.sel.stage != pipeline.StageTokens {
		t.Fatalf("PgDn from the card: card %v stage %v", m.pres.card, m.sel.stage)
	}
	for s := 1; s < pipeline.NumStages; s++ {
		m = send(m, keyMsg("space"))
		if m.sel.stage != pipeline.Stage(s) {
			t.Fatalf("space %d: stage %v", s, m.sel.stage)
		}
		if v := ansi.Strip(m.Render()); !strings.Contains(v, strings.ToUpper(pipeline.Stage(s).Title())) {
			t.Fatalf("stage %v: no big title:\n%s", pipeline.Stage(s), v)
		}
	}
	m = send(m, keys("s", "e", "i")...)
	if m.mode != modeView {
		t.Fatalf("presenter mode opened an advanced panel (mode %v)", m.mode)
	}
	for range pipeline.NumStages {
		m = send(m, keyMsg("pgup"))
	}
	if !m.pres.card {
		t.Fatal("PgUp from the first stage does not return to the card")
	}
}

func TestPresenterAutoAdvance(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageTokens, WithPresent(time.Second), WithCard()), 100, 30)
	var tm tea.Model = m
	tm, _ = tm.Update(tickMsg{seq: m.pres.tickSeq})
	if got := tm.(Model); got.pres.card {
		t.Fatal("a tick did not leave the card")
	}
	tm, _ = tm.Update(tickMsg{seq: m.pres.tickSeq - 1})
	if got := tm.(Model); got.sel.stage != pipeline.StageTokens {
		t.Fatalf("a stale tick advanced to %v", got.sel.stage)
	}
}

func TestHugePasteIsCutWithANotice(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageScores), 80, 24)
	big := strings.Repeat("word ", 200_000) // 1 MB
	m = send(m, tea.PasteMsg{Content: big})
	if m.mode != modeEdit {
		t.Fatal("a paste did not open the editor")
	}
	if n := len([]rune(m.input.Value())); n != m.input.CharLimit {
		t.Fatalf("the input holds %d characters, want the limit %d", n, m.input.CharLimit)
	}
	if !strings.Contains(m.message, "cut") {
		t.Fatalf("no notice that the paste was cut: %q", m.message)
	}
	m = send(m, tea.WindowSizeMsg{Width: 60, Height: 20}) // resizing mid-edit keeps the edit
	if m.mode != modeEdit || len([]rune(m.input.Value())) != m.input.CharLimit {
		t.Fatal("resizing lost the edit")
	}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	req := pipeline.DefaultRequest()
	req.Text = "a\x1b]52;c;aGVsbG8=\x07b\x1b]0;title\x07c\x1bP+q\x1b\\d\x1b[2J\x00\x7f\u0085\u009b\u202eevil\u200d\U0001F600世界"
	req.Book = false
	sc, err := pipeline.Build(req)
	if err != nil {
		t.Fatal(err)
	}
	for s := 0; s < pipeline.NumStages; s++ {
		// Our styles only ever emit SGR sequences; anything else (OSC, DCS,
		// another CSI) or any other control character came from the text.
		out := sgr.ReplaceAllString(sized(New(sc, pipeline.Stage(s)), 120, 40).Render(), "")
		for _, r := range out {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
				t.Fatalf("stage %d: control character %U reached the screen", s, r)
			}
		}
	}
}

// TestExtremeTokenCounts: T = 1 and T = the default token cap (1024) on
// every stage at the smallest and the largest sizes: no panic, the frame
// keeps its size.
func TestExtremeTokenCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("large matrices")
	}
	for _, text := range []string{"Hi", strings.Repeat(" the", 1100)} {
		req := pipeline.DefaultRequest()
		req.Text, req.Book = text, false
		sc, err := pipeline.Build(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, sz := range [][2]int{{1, 1}, {40, 12}, {400, 120}} {
			m := sized(New(sc, pipeline.StageTokens), sz[0], sz[1])
			for s := 0; s < pipeline.NumStages; s++ {
				m = send(m, keys("G", "end", "g")...)
				out := m.Render()
				if lines := strings.Count(out, "\n") + 1; lines != sz[1] {
					t.Fatalf("T=%d %dx%d stage %v: %d lines", len(sc.Tokens), sz[0], sz[1], m.sel.stage, lines)
				}
				m = send(m, keyMsg("n"))
			}
		}
	}
}

// TestOneBuildAtATime: requests made while a build runs wait; only the
// latest runs next, and the outdated result is never shown.
func TestOneBuildAtATime(t *testing.T) {
	sc := bookScene(t)
	m := sized(New(sc, pipeline.StageScores), 80, 24)
	req := m.build.req
	req.Book = false
	req.Text = "first"
	cmd1 := m.rebuild(req)
	for _, text := range []string{"second", "third"} {
		req.Text = text
		if cmd := m.rebuild(req); cmd != nil {
			t.Fatalf("%q started a build while one runs", text)
		}
	}
	next, cmd := m.Update(cmd1()) // "first" lands, outdated: "third" starts
	got := next.(Model)
	if got.scene != sc {
		t.Fatalf("the outdated scene %q was shown", got.scene.Request.Text)
	}
	if cmd == nil || !got.build.building {
		t.Fatal("the latest request did not start")
	}
	next, _ = got.Update(cmd())
	if text := next.(Model).scene.Request.Text; text != "third" {
		t.Fatalf("showing %q, want the latest request", text)
	}
}
