package modelview

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/ui/editor"
)

// hostile are the bidi controls and invisible characters that must never
// reach the terminal raw: RLO, PDF, LRI…PDI, LRM, RLM, ALM, ZWSP, ZWNJ,
// ZWJ, WJ, BOM.
const hostile = "\u202e\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"

// checkFrame fails if the raw frame (Render's string, not a cell grid,
// which would drop zero-width characters) holds an invisible character.
func checkFrame(t *testing.T, what, frame string) {
	t.Helper()
	for _, r := range hostile {
		if strings.ContainsRune(frame, r) {
			t.Fatalf("%s: U+%04X reached the frame", what, r)
		}
	}
	for _, r := range ansi.Strip(frame) {
		if r != '\n' && editor.Invisible(r) {
			t.Fatalf("%s: U+%04X reached the frame", what, r)
		}
	}
}

// Typed or pasted into model mode's editor, no bidi or invisible
// character reaches the frame: each shows as an escape while the text
// keeps it, and a pasted newline survives into the text the pass reads.
func TestEditorFrame(t *testing.T) {
	sc := tinyScene(t, "Hello world")
	for _, how := range []string{"typed", "pasted"} {
		m := New(WithScene(sc))
		m.SetSize(120, 40)
		m, _ = m.Update(keyPress("e"))
		m, _ = m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
		if how == "typed" {
			for _, r := range "def f(x):" + hostile {
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
			for _, r := range "    return x" {
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		} else {
			m, _ = m.Update(tea.PasteMsg{Content: "def f(x):" + hostile + "\n    return x"})
		}
		if !m.Editing() {
			t.Fatalf("%s: the editor closed", how)
		}
		for k := 0; k <= len([]rune(hostile))+30; k++ { // every cursor position
			checkFrame(t, how, m.Render())
			m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyLeft})
		}
		if s := ansi.Strip(m.Render()); !strings.Contains(s, "def f(x):‹RLO›‹PDF›") || !strings.Contains(s, "↵    return x") {
			t.Errorf("%s: the edit line does not show the escapes and the newline:\n%s", how, s)
		}
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		if want := "def f(x):" + hostile + "\n    return x"; m.req.Text != want {
			t.Errorf("%s: the text is %+q, want %+q", how, m.req.Text, want)
		}
		checkFrame(t, how+", applied", m.Render())
	}
}

// A paste outside the editor opens it with the paste; Esc leaves the text
// as it was.
func TestPasteOpensEditor(t *testing.T) {
	m := New(WithScene(tinyScene(t, "Hello world")))
	m.SetSize(80, 24)
	m, _ = m.Update(tea.PasteMsg{Content: "one\ntwo"})
	if !m.Editing() || m.input.Value() != "one\ntwo" {
		t.Fatalf("editing %v, value %q", m.Editing(), m.input.Value())
	}
	if s := ansi.Strip(m.Render()); !strings.Contains(s, "alt+enter/ctrl+j new line") {
		t.Errorf("the help line does not name the newline key:\n%s", s)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.Editing() || m.req.Text != "Hello world" {
		t.Errorf("esc: editing %v, text %q", m.Editing(), m.req.Text)
	}
}
