package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// longScene is a sentence long enough that at 80×24 the matrix and the
// inspector cannot both be on screen.
func longScene(t *testing.T) *pipeline.Scene {
	t.Helper()
	req := pipeline.DefaultRequest()
	req.Text = "The quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat by the door"
	req.Book = false
	sc, err := pipeline.Build(req)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// inspectorShown reports whether the inspector's title is on screen.
func inspectorShown(m Model) bool {
	title, _, _ := strings.Cut(ansi.Strip(m.insp.View()), "\n")
	title = strings.TrimSpace(title)
	return title != "" && strings.Contains(ansi.Strip(m.Render()), title)
}

// At 80×24 the inspector is on screen at every stage with a matrix, below
// the matrix when it fits, else the screen names i, and i shows it in the
// matrix's place (and i again brings the matrix back).
func TestInspectorReachableAt80x24(t *testing.T) {
	for name, sc := range map[string]*pipeline.Scene{"book": bookScene(t), "long": longScene(t)} {
		for s, def := range sc.Stages {
			if def.Kind == pipeline.KindTokens {
				continue
			}
			m := sized(New(sc, pipeline.Stage(s)), 80, 24)
			if inspectorShown(m) {
				if name == "long" {
					t.Errorf("%s %s: the inspector fits beside a %d-row matrix at 80×24?", name, def.Name, len(sc.Tokens))
				}
				continue
			}
			if name == "book" {
				t.Errorf("%s %s: no inspector at 80×24 for the 6-token sentence:\n%s", name, def.Name, ansi.Strip(m.Render()))
			}
			if out := ansi.Strip(m.Render()); !strings.Contains(out, "i inspector") {
				t.Errorf("%s %s: the inspector is hidden and the screen does not name i:\n%s", name, def.Name, out)
			}
			m = send(m, keyMsg("i"))
			if !inspectorShown(m) {
				t.Errorf("%s %s: i did not show the inspector:\n%s", name, def.Name, ansi.Strip(m.Render()))
			}
			m = send(m, keyMsg("down"), keyMsg("right"))
			if r, c := m.sel.row, m.sel.col; r != 1 || (c != 1 && len(m.view.panels) > 0 && m.view.panels[0].m.Cols > 1) {
				t.Errorf("%s %s: arrows with the inspector in place moved the cursor to %d,%d", name, def.Name, r, c)
			}
			m = send(m, keyMsg("i"))
			if inspectorShown(m) || !strings.Contains(ansi.Strip(m.Render()), m.view.panels[0].name) {
				t.Errorf("%s %s: i did not bring the matrix back:\n%s", name, def.Name, ansi.Strip(m.Render()))
			}
		}
	}
}

// ] brings each of the stage's matrices into the main place, at any size,
// and after the last one the first is back; the screen names ] while
// some are out of view.
func TestSwapBringsEveryMatrix(t *testing.T) {
	sc := bookScene(t)
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		for s, def := range sc.Stages {
			m := sized(New(sc, pipeline.Stage(s)), sz[0], sz[1])
			n := len(m.view.panels)
			for k := 0; k < n; k++ {
				lay := m.layout()
				lines := strings.Split(ansi.Strip(m.Render()), "\n")
				if want := m.view.panels[k].name; !strings.HasPrefix(lines[lay.panelsTop], want) {
					t.Errorf("%dx%d %s: after %d × ] the main place shows %q, want %q", sz[0], sz[1], def.Name, k, lines[lay.panelsTop], want)
				}
				if shown, _ := arrange(m.view.hms, lay.panelW, lay.panelH, nil); shown < n && !strings.Contains(strings.Join(lines, "\n"), "] shows") {
					t.Errorf("%dx%d %s: %d of %d matrices shown and ] not named", sz[0], sz[1], def.Name, shown, n)
				}
				m = send(m, keyMsg("]"))
			}
			if n > 0 && m.mainPanel() != 0 {
				t.Errorf("%dx%d %s: %d × ] did not come back to the first matrix", sz[0], sz[1], def.Name, n)
			}
			if n > 1 {
				if m = send(m, keyMsg("[")); m.mainPanel() != n-1 {
					t.Errorf("%dx%d %s: [ from the first brought %d, want the last", sz[0], sz[1], def.Name, m.mainPanel())
				}
			}
		}
	}
}

// A matrix of another shape in the main place does not take the cursor:
// the cursor stays on the stage's first matrix, which the inspector
// explains, and the arrows still move it.
func TestSwapKeepsTheCursorMatrix(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageQKV), 80, 24)
	for m.sameShape(m.mainPanel()) && m.mainPanel() < len(m.view.panels)-1 {
		m = send(m, keyMsg("]")) // on to W_query: 3×2
	}
	if m.sameShape(m.mainPanel()) {
		t.Fatalf("%s has the shape of %s", m.view.panels[m.mainPanel()].name, m.view.panels[0].name)
	}
	m = send(m, keyMsg("down"), keyMsg("down"), keyMsg("down"), keyMsg("down"))
	if m.sel.row != 4 {
		t.Errorf("four ↓ with W_query in the main place: row %d, want 4 (of Q's 6)", m.sel.row)
	}
	if !strings.Contains(ansi.Strip(m.insp.View()), "token 5") {
		t.Errorf("the inspector does not follow the cursor:\n%s", ansi.Strip(m.insp.View()))
	}
}

// The tokens stage has its narration: whole when the short table leaves
// the room (80×24), else paged with N.
func TestTokensNarration(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageTokens), 80, 24)
	out := strings.Join(strings.Fields(ansi.Strip(m.Render())), " ")
	if n := m.view.narr; n.Formula == "" || !strings.Contains(out, n.Formula) || !strings.Contains(out, strings.Join(strings.Fields(n.Text), " ")) {
		t.Fatalf("the tokens narration is not whole at 80×24:\n%s", ansi.Strip(m.Render()))
	}
	m = sized(m, 80, 16)
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "more: N") || !strings.Contains(out, "␣step") {
		t.Fatalf("at 80×16 the narration is cut without naming N, or the table is gone:\n%s", out)
	}
	m = send(m, keyMsg("N"))
	if m.view.narrView.Offset() == 0 {
		t.Errorf("N did not page the tokens narration")
	}
}

// In book mode the settings panel shows the configuration of the stage on
// screen, the one the badge names.
func TestBookSettingsAgreeWithBadge(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageCausal), 120, 40)
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "--seed 789") {
		t.Fatalf("badge does not say --seed 789:\n%s", out)
	}
	m = send(m, keyMsg("s"))
	cfg, _ := m.settings.Draft()
	if cfg.Seed != 789 {
		t.Errorf("settings show seed %d at the causal stage, the badge --seed 789", cfg.Seed)
	}
	m = send(m, keyMsg("esc"), keyMsg("p"), keyMsg("p"), keyMsg("p"), keyMsg("s")) // the scaled stage: --init rand --seed 123
	if cfg, _ := m.settings.Draft(); cfg.Seed != 123 {
		t.Errorf("settings show seed %d at %s, the badge %q", cfg.Seed, m.view.def.Name, m.scene.ConfigLabel(m.sel.stage))
	}
}

// c and t say on the status line which colormap and theme are now in
// force; the next key clears it.
func TestColormapAndThemeAreNamed(t *testing.T) {
	m := sized(New(bookScene(t), pipeline.StageSoftmax, WithTheme(themes.Dark())), 80, 24)
	status := func(m Model) string {
		lines := strings.Split(ansi.Strip(m.Render()), "\n")
		return lines[len(lines)-2]
	}
	m = send(m, keyMsg("c"))
	if want := "colormap: " + m.look.theme.Map.Name; !strings.Contains(status(m), want) {
		t.Errorf("after c the status line is %q, want %q", status(m), want)
	}
	m = send(m, keyMsg("t"))
	if want := "theme: " + m.look.theme.Name; m.look.theme.Name != "light" || !strings.Contains(status(m), want) {
		t.Errorf("after t the status line is %q, want %q (light)", status(m), want)
	}
	if m = send(m, keyMsg("l")); strings.Contains(status(m), "theme:") {
		t.Errorf("the next key left %q", status(m))
	}
}

// At 200×60 the matrices grow into the screen: no stage with a matrix
// leaves more than a handful of body rows empty.
func TestBigScreenFilled(t *testing.T) {
	sc := bookScene(t)
	for s, def := range sc.Stages {
		if def.Kind == pipeline.KindTokens {
			continue
		}
		for _, grid := range []bool{false, true} {
			m := sized(New(sc, pipeline.Stage(s)), 200, 60)
			if grid {
				if def.Grid == "" {
					continue
				}
				m = send(m, keyMsg("g"))
			}
			lines := strings.Split(m.Render(), "\n") // a coloured cell's blank lines are not empty
			empty := 0
			for _, l := range lines[headerLines : len(lines)-footerLines] {
				if strings.TrimSpace(l) == "" {
					empty++
				}
			}
			if empty > 15 {
				t.Errorf("%s (grid %v) at 200×60: %d empty rows:\n%s", def.Name, grid, empty, ansi.Strip(strings.Join(lines, "\n")))
			}
		}
	}
}
