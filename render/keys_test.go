package render

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestParseKey(t *testing.T) {
	tests := []struct {
		name string
		want tea.KeyPressMsg
		str  string // msg.String(), what the UI's key maps match
	}{
		{"n", tea.KeyPressMsg{Code: 'n', Text: "n"}, "n"},
		{"?", tea.KeyPressMsg{Code: '?', Text: "?"}, "?"},
		{"N", tea.KeyPressMsg{Code: 'n', ShiftedCode: 'N', Text: "N", Mod: tea.ModShift}, "N"},
		{"é", tea.KeyPressMsg{Code: 'é', Text: "é"}, "é"},
		{"+", tea.KeyPressMsg{Code: '+', Text: "+"}, "+"},
		{"tab", tea.KeyPressMsg{Code: tea.KeyTab}, "tab"},
		{"shift+tab", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, "shift+tab"},
		{"enter", tea.KeyPressMsg{Code: tea.KeyEnter}, "enter"},
		{"esc", tea.KeyPressMsg{Code: tea.KeyEscape}, "esc"},
		{"escape", tea.KeyPressMsg{Code: tea.KeyEscape}, "esc"},
		{"space", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, "space"},
		{"pgdown", tea.KeyPressMsg{Code: tea.KeyPgDown}, "pgdown"},
		{"pgup", tea.KeyPressMsg{Code: tea.KeyPgUp}, "pgup"},
		{"up", tea.KeyPressMsg{Code: tea.KeyUp}, "up"},
		{"left", tea.KeyPressMsg{Code: tea.KeyLeft}, "left"},
		{"backspace", tea.KeyPressMsg{Code: tea.KeyBackspace}, "backspace"},
		{"f5", tea.KeyPressMsg{Code: tea.KeyF5}, "f5"},
		{"ctrl+u", tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, "ctrl+u"},
		{"ctrl+c", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, "ctrl+c"},
		{"alt+x", tea.KeyPressMsg{Code: 'x', Mod: tea.ModAlt}, "alt+x"},
		{"ctrl+shift+left", tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModCtrl | tea.ModShift}, "ctrl+shift+left"},
		{"ctrl++", tea.KeyPressMsg{Code: '+', Mod: tea.ModCtrl}, "ctrl++"},
		{"shift+a", tea.KeyPressMsg{Code: 'a', ShiftedCode: 'A', Text: "A", Mod: tea.ModShift}, "A"},
	}
	for _, tt := range tests {
		got, err := ParseKey(tt.name)
		if err != nil {
			t.Errorf("ParseKey(%q): %v", tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseKey(%q) = %+v, want %+v", tt.name, got, tt.want)
		}
		if s := got.String(); s != tt.str {
			t.Errorf("ParseKey(%q).String() = %q, want %q", tt.name, s, tt.str)
		}
	}
}

func TestParseKeyErrors(t *testing.T) {
	for _, name := range []string{"", "nn", "foo", "ctrl+", "cmd+x", "hyperdrive+x", "\x1b", "\t", "ctrl+foo", "a+b"} {
		if k, err := ParseKey(name); err == nil {
			t.Errorf("ParseKey(%q) = %+v, want an error", name, k)
		}
	}
}

func TestParseKeys(t *testing.T) {
	keys, err := ParseKeys("  n n\tl  shift+tab ? ")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range keys {
		got = append(got, k.String())
	}
	want := []string{"n", "n", "l", "shift+tab", "?"}
	if len(got) != len(want) {
		t.Fatalf("ParseKeys = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ParseKeys = %q, want %q", got, want)
		}
	}
	if keys, err := ParseKeys(""); err != nil || len(keys) != 0 {
		t.Errorf(`ParseKeys("") = %v, %v; want none`, keys, err)
	}
	if _, err := ParseKeys("n bogus"); err == nil {
		t.Error(`ParseKeys("n bogus"): want an error`)
	}
}
