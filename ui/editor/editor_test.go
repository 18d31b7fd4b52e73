package editor

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func kp(code rune, mod tea.KeyMod, text string) tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: code, Mod: mod, Text: text}
}

func typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, kp(r, 0, string(r)))
	}
	return out
}

func run(t *testing.T, m Model, msgs ...tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	var sent []tea.Msg
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		if cmd != nil {
			if out := cmd(); out != nil {
				sent = append(sent, out)
			}
		}
	}
	return m, sent
}

func focused() Model {
	m := New()
	m.Focus()
	m.SetSize(60, 3)
	return m
}

// A bracketed paste of code keeps its newlines (CRLF read as one).
func TestPasteKeepsNewlines(t *testing.T) {
	for _, paste := range []string{"def f(x):\n    return x", "def f(x):\r\n    return x"} {
		m, _ := run(t, focused(), tea.PasteMsg{Content: paste})
		if got := m.Value(); got != "def f(x):\n    return x" {
			t.Errorf("paste %q gave %q", paste, got)
		}
		v := ansi.Strip(m.View())
		if !strings.Contains(v, "› def f(x):") || !strings.Contains(v, "    return x") {
			t.Errorf("not drawn on two lines:\n%s", v)
		}
		m.SetHeight(1)
		if v := ansi.Strip(m.View()); !strings.Contains(v, "def f(x):↵    return x") {
			t.Errorf("one-line view without ↵: %q", v)
		}
	}
}

func TestKeys(t *testing.T) {
	m, sent := run(t, focused(), append(typed("ab"), kp(tea.KeyEnter, tea.ModAlt, ""), kp('j', tea.ModCtrl, ""), kp('c', 0, "c"))...)
	if m.Value() != "ab\n\nc" || len(sent) != 0 {
		t.Fatalf("alt+enter / ctrl+j: %q, sent %v", m.Value(), sent)
	}
	_, sent = run(t, m, kp(tea.KeyEnter, 0, ""))
	if len(sent) != 1 || sent[0] != (AppliedMsg{Text: "ab\n\nc"}) {
		t.Errorf("enter sent %#v", sent)
	}
	_, sent = run(t, m, kp(tea.KeyEscape, 0, ""))
	if len(sent) != 1 || sent[0] != (CancelledMsg{}) {
		t.Errorf("esc sent %#v", sent)
	}
	m, _ = run(t, m, kp('u', tea.ModCtrl, ""))
	if m.Value() != "" {
		t.Errorf("ctrl+u left %q", m.Value())
	}
	// Blurred, keys do nothing.
	b := New()
	b, sent = run(t, b, typed("x")...)
	if b.Value() != "" || len(sent) != 0 {
		t.Errorf("blurred editor took keys: %q %v", b.Value(), sent)
	}
}

func TestCharLimit(t *testing.T) {
	m := focused()
	m.CharLimit = 5
	m, _ = run(t, m, tea.PasteMsg{Content: "abcdefgh"})
	if m.Value() != "abcde" {
		t.Errorf("limit 5 kept %q", m.Value())
	}
}

// hostile are the invisible and bidi characters that must never reach the
// terminal raw: RLO, PDF, LRI…PDI, LRM, RLM, ALM, ZWSP, ZWNJ, ZWJ, WJ, BOM.
var hostile = []rune{0x202e, 0x202c, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff}

// The raw frame (View's string, before any terminal or cell grid sees it)
// holds none of the hostile code points, typed or pasted, at one line or
// several; the text keeps every one of them.
func TestRawFrameHasNoInvisibles(t *testing.T) {
	var text strings.Builder
	for _, r := range hostile {
		fmt.Fprintf(&text, "a%cb ", r)
	}
	for _, how := range []string{"typed", "pasted"} {
		for _, h := range []int{1, 4} {
			m := focused()
			m.SetSize(50, h)
			if how == "typed" {
				m, _ = run(t, m, typed(text.String())...)
			} else {
				m, _ = run(t, m, tea.PasteMsg{Content: text.String()})
			}
			if m.Value() != text.String() {
				t.Fatalf("%s: text lost characters: %+q", how, m.Value())
			}
			// Every cursor position, so that each character is drawn.
			for k := 0; k <= len(hostile)*5; k++ {
				frame := m.View()
				for _, r := range hostile {
					if strings.ContainsRune(frame, r) {
						t.Fatalf("%s, height %d: U+%04X reached the frame: %+q", how, h, r, frame)
					}
				}
				for _, r := range ansi.Strip(frame) {
					if r != '\n' && Invisible(r) {
						t.Fatalf("%s, height %d: U+%04X reached the frame", how, h, r)
					}
				}
				m, _ = run(t, m, kp(tea.KeyLeft, 0, ""))
			}
			if v := ansi.Strip(m.View()); !strings.Contains(v, "‹") {
				t.Errorf("%s: no escape shown: %q", how, v)
			}
		}
	}
	m, _ := run(t, focused(), tea.PasteMsg{Content: "x\u202ey"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "x‹RLO›y") {
		t.Errorf("RLO not shown as ‹RLO›: %q", v)
	}
}

// No line of View is wider than the width, and there are exactly Height
// lines, at every size from 1×1 to 400×120.
func TestViewBounds(t *testing.T) {
	texts := []string{"", "short", strings.Repeat("long words wrap ", 40), "def f(x):\n    return x\n\n\u202eend", "世界\u200d👩‍👩‍👧" + strings.Repeat("界", 100)}
	for _, text := range texts {
		for w := 1; w <= 400; w += 37 {
			for _, h := range []int{1, 2, 3, 7, 120} {
				m := focused()
				m.SetSize(w, h)
				m, _ = run(t, m, tea.PasteMsg{Content: text})
				for step := 0; step < 3; step++ {
					lines := strings.Split(m.View(), "\n")
					if len(lines) != h {
						t.Fatalf("%d×%d: %d lines", w, h, len(lines))
					}
					for _, l := range lines {
						if lw := ansi.StringWidth(l); lw > w {
							t.Fatalf("%d×%d: line %q is %d wide", w, h, ansi.Strip(l), lw)
						}
					}
					m, _ = run(t, m, kp(tea.KeyUp, 0, ""), kp(tea.KeyHome, 0, ""))
				}
			}
		}
	}
}
