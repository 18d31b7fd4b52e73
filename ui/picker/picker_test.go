package picker

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/themes"
)

var (
	keyUp    = tea.KeyPressMsg{Code: tea.KeyUp}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
)

func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// fixture is a fixed list, so that the tests do not change when samples
// are added.
var fixture = []samples.Sample{
	{Name: "book", About: "the chapter's example sentence", Text: samples.Book},
	{Name: "long", About: "a long paragraph", Text: strings.Repeat("the quick brown fox jumps over the lazy dog ", 12)},
	{Name: "controls", About: "control bytes\x1b[31m", Text: "bell\a esc\x1b[2J tab\tnl\nrtl\u202eevil \xff end"},
	{Name: "cjk", About: "wide characters", Text: "注意力机制是变换器的核心。注意力机制是变换器的核心。"},
}

func newPicker() Model {
	m := New(themes.Default)
	m.SetSamples(fixture)
	m.SetSize(60, 12)
	m.Focus()
	return m
}

func send(t *testing.T, m Model, msgs ...tea.Msg) (Model, tea.Msg) {
	t.Helper()
	var cmd tea.Cmd
	for _, msg := range msgs {
		m, cmd = m.Update(msg)
	}
	if cmd == nil {
		return m, nil
	}
	return m, cmd()
}

func plain(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.NoTTY}
	if _, err := io.WriteString(w, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestPick(t *testing.T) {
	tests := []struct {
		keys []tea.Msg
		want string
	}{
		{[]tea.Msg{keyEnter}, "book"},
		{[]tea.Msg{keyDown, keyEnter}, "long"},
		{[]tea.Msg{char('j'), char('j'), keyEnter}, "controls"},
		{[]tea.Msg{keyUp, keyEnter}, "cjk"}, // wraps
		{[]tea.Msg{char('G'), char('k'), keyEnter}, "controls"},
		{[]tea.Msg{keyDown, keyDown, char('g'), keyEnter}, "book"},
	}
	for _, tt := range tests {
		m, msg := send(t, newPicker(), tt.keys...)
		pm, ok := msg.(PickedMsg)
		if !ok {
			t.Errorf("%v: got %#v, want PickedMsg", tt.keys, msg)
			continue
		}
		if pm.Sample.Name != tt.want {
			t.Errorf("%v: picked %q, want %q", tt.keys, pm.Sample.Name, tt.want)
		}
		for _, s := range fixture {
			if s.Name == tt.want && pm.Sample != s {
				t.Errorf("%v: picked %+v, want %+v", tt.keys, pm.Sample, s)
			}
		}
		if m.Focused() {
			t.Errorf("%v: still focused after picking", tt.keys)
		}
	}
}

func TestCancel(t *testing.T) {
	m, msg := send(t, newPicker(), keyDown, keyEsc)
	if msg != (ClosedMsg{}) {
		t.Fatalf("esc gave %#v, want ClosedMsg", msg)
	}
	if m.Focused() {
		t.Error("still focused after esc")
	}
	if s, _ := m.Highlighted(); s.Name != "long" {
		t.Errorf("highlight moved to %q on cancel", s.Name)
	}
	// Moving sends nothing; a blurred picker ignores keys.
	if _, msg := send(t, newPicker(), keyDown, keyUp); msg != nil {
		t.Errorf("moving sent %#v", msg)
	}
	if _, msg := send(t, m, keyEnter); msg != nil {
		t.Errorf("blurred picker answered enter with %#v", msg)
	}
}

func TestEmptyList(t *testing.T) {
	m := newPicker()
	m.SetSamples(nil)
	if _, msg := send(t, m, keyDown, keyEnter); msg != nil {
		t.Errorf("enter on an empty list sent %#v", msg)
	}
	if v := plain(t, m.View()); !strings.Contains(v, "no samples") {
		t.Errorf("empty view %q", v)
	}
}

func TestDefaultSamples(t *testing.T) {
	m := New(themes.Default)
	s, ok := m.Highlighted()
	if !ok || s.Name != "book" {
		t.Errorf("New highlights %q, want the book's sample first", s.Name)
	}
	if !m.Select("book") || m.Select("no such sample") {
		t.Error("Select does not report presence")
	}
}

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Your journey", "Your journey"},
		{"a\nb\tc", "a⏎b⇥c"},
		{"\x1b[2J\a\x7f", `\x1b[2J\x07\x7f`},
		{"\u0085", `\x85`},
		{"x\u202ey\u2066", `x\u202ey\u2066`},
		{"bad \xff\xfe", "bad \uFFFD\uFFFD"},
		{"ok \uFFFD", "ok \uFFFD"},
		{"注意 ✓", "注意 ✓"},
	}
	for _, tt := range tests {
		if got := Safe(tt.in); got != tt.want {
			t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestViewHasNoRawControls(t *testing.T) {
	m, _ := send(t, newPicker(), keyDown, keyDown) // the controls sample
	v := plain(t, m.View())
	for _, r := range v {
		if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x202e) {
			t.Fatalf("raw control %U in view:\n%q", r, v)
		}
	}
	if !strings.Contains(v, `esc\x1b[2J`) {
		t.Errorf("escape not shown escaped:\n%s", v)
	}
}

func checkFits(t *testing.T, v string, w, h int) {
	t.Helper()
	if v == "" {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, want at most %d:\n%s", len(lines), h, v)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d wide, want at most %d: %q", i, lw, w, l)
		}
	}
}

func TestViewTinySizes(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {10, 3}, {1, 1}, {2, 2}, {3, 20}, {200, 1}, {-1, 4}} {
		for i := range fixture {
			m := newPicker()
			m.SetSize(sz[0], sz[1])
			m.cursor = i
			v := plain(t, m.View())
			checkFits(t, v, max(0, sz[0]), max(0, sz[1]))
			if sz[0] > 0 && sz[1] > 0 && v == "" {
				t.Errorf("%dx%d: empty view", sz[0], sz[1])
			}
		}
	}
}

func TestViewGolden(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		keys []tea.Msg
	}{
		{"book_60x12", 60, 12, nil},
		{"long_60x12", 60, 12, []tea.Msg{keyDown}},
		{"controls_60x12", 60, 12, []tea.Msg{keyDown, keyDown}},
		{"cjk_30x10", 30, 10, []tea.Msg{keyUp}},
		{"tiny_20x5", 20, 5, []tea.Msg{keyDown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPicker()
			m.SetSize(tt.w, tt.h)
			m, _ = send(t, m, tt.keys...)
			got := plain(t, m.View())
			checkFits(t, got, tt.w, tt.h)
			golden.RequireEqual(t, got)
		})
	}
}

// TestHelpListsEveryBinding checks that the generated full help names
// every key of the KeyMap.
func TestHelpListsEveryBinding(t *testing.T) {
	km := DefaultKeyMap()
	listed := map[string]bool{}
	for _, col := range km.FullHelp() {
		for _, b := range col {
			for _, k := range b.Keys() {
				listed[k] = true
			}
		}
	}
	for name, b := range map[string]key.Binding{"Up": km.Up, "Down": km.Down, "Top": km.Top,
		"Bottom": km.Bottom, "Pick": km.Pick, "Cancel": km.Cancel} {
		for _, k := range b.Keys() {
			if !listed[k] {
				t.Errorf("%s key %q missing from FullHelp", name, k)
			}
		}
	}
}
