package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
)

// fuzzKeys are the keys FuzzView presses, indexed by input bytes.
var fuzzKeys = []string{"n", "p", "j", "k", "h", "l", "up", "down", "left", "right", "[", "]", ">", "<",
	"g", "i", "w", "c", "t", "?", "esc", "enter", "e", "s", "o", "x", "ctrl+u", "pgdown", "pgup", "tab", "space"}

// FuzzView drives the root model with arbitrary sizes and key sequences: it
// must never panic, and every frame must be exactly the terminal's height
// with no line wider than the terminal.
func FuzzView(f *testing.F) {
	sc := bookScene(f)
	f.Add(uint16(80), uint16(24), []byte{0, 0, 2, 5, 14, 0, 0, 0, 0, 0, 0, 0, 16})
	f.Add(uint16(40), uint16(12), []byte{22, 23, 24, 25, 21, 20, 19})
	f.Add(uint16(1), uint16(1), []byte{0, 1, 2})
	f.Add(uint16(400), uint16(120), []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 12, 12})
	f.Fuzz(func(t *testing.T, w, h uint16, ks []byte) {
		width, height := int(w%420), int(h%130)
		m := sized(New(sc, pipeline.StageScores), width, height)
		for i, b := range ks {
			if i > 64 {
				break
			}
			if b >= 0xf0 { // now and then, resize mid-way
				width, height = int(b&0x0f)*13+int(w%7), int(b&0x0f)*4+int(h%5)
				m = send(m, tea.WindowSizeMsg{Width: width, Height: height})
				continue
			}
			m = send(m, keyMsg(fuzzKeys[int(b)%len(fuzzKeys)]))
		}
		out := m.Render()
		if height == 0 {
			return
		}
		lines := strings.Split(out, "\n")
		if len(lines) != height {
			t.Fatalf("%dx%d: %d lines", width, height, len(lines))
		}
		for i, l := range lines {
			if cw := ansi.StringWidth(l); cw > width {
				t.Fatalf("%dx%d: line %d is %d cells wide: %q", width, height, i, cw, ansi.Strip(l))
			}
		}
		if strings.Contains(ansi.Strip(out), "NaN") {
			t.Fatalf("NaN on screen:\n%s", ansi.Strip(out))
		}
	})
}
