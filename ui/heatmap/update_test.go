package heatmap

import (
	"math"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func press(code rune, text string) tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: code, Text: text}
}

func TestUpdateMovesCursor(t *testing.T) {
	m := New(WithData(FromMatrix("", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24))
	steps := []struct {
		msg          tea.KeyPressMsg
		row, col     int
		wantMovedMsg bool
	}{
		{press(tea.KeyDown, ""), 1, 0, true},
		{press('j', "j"), 2, 0, true},
		{press(tea.KeyRight, ""), 2, 1, true},
		{press('l', "l"), 2, 2, true},
		{press('k', "k"), 1, 2, true},
		{press(tea.KeyLeft, ""), 1, 1, true},
		{press('h', "h"), 1, 0, true},
		{press('h', "h"), 1, 0, false}, // clamps at the left edge, no message
		{press(tea.KeyUp, ""), 0, 0, true},
		{press(tea.KeyUp, ""), 0, 0, false},
		{press(tea.KeyEnd, ""), 0, 5, true},
		{press(tea.KeyRight, ""), 0, 5, false},
		{press('G', "G"), 5, 5, true},
		{press(tea.KeyDown, ""), 5, 5, false},
		{press(tea.KeyHome, ""), 5, 0, true},
		{press('g', "g"), 0, 0, true},
		{press('x', "x"), 0, 0, false}, // not ours
	}
	for i, s := range steps {
		var cmd tea.Cmd
		m, cmd = m.Update(s.msg)
		if r, c := m.Cursor(); r != s.row || c != s.col {
			t.Fatalf("step %d (%s): cursor (%d,%d), want (%d,%d)", i, s.msg, r, c, s.row, s.col)
		}
		if (cmd != nil) != s.wantMovedMsg {
			t.Fatalf("step %d (%s): command %v, want message %v", i, s.msg, cmd != nil, s.wantMovedMsg)
		}
		if cmd != nil {
			if got := cmd(); got != (CursorMovedMsg{Row: s.row, Col: s.col}) {
				t.Fatalf("step %d: message %#v", i, got)
			}
		}
	}
	if v, ok := m.Value(); !ok || math.Abs(float64(v)-0.2098) > 1e-4 {
		t.Errorf("Value at (0,0) = %v, %v; want the book's 0.2098", v, ok)
	}
}

func TestUpdateIgnoredWhenBlurred(t *testing.T) {
	m := New(WithData(FromMatrix("", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24))
	m.Blur()
	if m.Focused() {
		t.Fatal("Blur left the model focused")
	}
	m, cmd := m.Update(press(tea.KeyDown, ""))
	if r, _ := m.Cursor(); r != 0 || cmd != nil {
		t.Errorf("blurred model moved to row %d", r)
	}
	m.Focus()
	m, _ = m.Update(press(tea.KeyDown, ""))
	if r, _ := m.Cursor(); r != 1 {
		t.Errorf("focused model did not move")
	}
	// Other messages are ignored.
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 10, Height: 10}); cmd != nil {
		t.Error("WindowSizeMsg produced a command")
	}
}

func TestSetCursorClampsAndSurvivesSetData(t *testing.T) {
	m := New(WithData(FromMatrix("", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24))
	m.SetCursor(99, -4)
	if r, c := m.Cursor(); r != 5 || c != 0 {
		t.Errorf("SetCursor(99,-4) → (%d,%d), want (5,0)", r, c)
	}
	m.SetCursor(3, 4)
	small := Data{Rows: 2, Cols: 2, Values: []float32{1, 2, 3, 4}}
	m.SetData(small)
	if r, c := m.Cursor(); r != 1 || c != 1 {
		t.Errorf("after shrinking data cursor (%d,%d), want (1,1)", r, c)
	}
	m.SetData(Data{})
	if r, c := m.Cursor(); r != 0 || c != 0 {
		t.Errorf("empty data cursor (%d,%d)", r, c)
	}
	if _, ok := m.Value(); ok {
		t.Error("Value on empty data reports a value")
	}
	m.SetData(Data{Title: "nothing", Rows: 0, Cols: 3})
	if v := ansi.Strip(m.View()); v != "nothing (empty)" {
		t.Errorf("empty view = %q", v)
	}
}

// With more tokens than fit, moving the cursor pans and the header shows
// which way there is more.
func TestPanning(t *testing.T) {
	n := 40
	d := Data{Rows: n, Cols: n, Values: make([]float32, n*n), Scale: Unit}
	labels := make([]string, n)
	for i := range labels {
		labels[i] = "tok" + string(rune('A'+i%26))
		for j := 0; j <= i; j++ {
			d.Values[i*n+j] = 1 / float32(i+1)
		}
	}
	d.RowLabels, d.ColLabels = labels, labels
	m := New(WithData(d), WithSize(40, 12), WithNoColor(true))
	v := m.View()
	if !strings.Contains(v, "▸") || strings.Contains(v, "◂") {
		t.Errorf("at the origin: want only the ▸ indicator:\n%s", v)
	}
	if !strings.Contains(v, "rows 1–") || !strings.Contains(v, "/40") {
		t.Errorf("no offset shown:\n%s", v)
	}
	for i := 0; i < n; i++ {
		m, _ = m.Update(press(tea.KeyRight, ""))
		m, _ = m.Update(press(tea.KeyDown, ""))
	}
	r, c := m.Cursor()
	if r != n-1 || c != n-1 {
		t.Fatalf("cursor (%d,%d)", r, c)
	}
	or, oc := m.Offset()
	if or == 0 || oc == 0 {
		t.Fatalf("did not pan: offset (%d,%d)", or, oc)
	}
	v = m.View()
	if !strings.Contains(v, "◂") || !strings.Contains(v, "▴") {
		t.Errorf("panned to the end: want ◂ and ▴:\n%s", v)
	}
	if !strings.Contains(v, "tokN▸") { // row 39 is tokN (39 % 26 = 13)
		t.Errorf("cursor row label not visible:\n%s", v)
	}
	checkBounds(t, v, 40, 12)
}

func TestWideLabels(t *testing.T) {
	labels := []string{"日本語のトークン", "é", "🙂🙂🙂", "a", "とても長いラベルです", "x"}
	d := FromMatrix("幅の広い", bookWeights(), labels, labels, Unit)
	for _, sz := range [][2]int{{80, 24}, {40, 12}, {25, 10}, {9, 4}} {
		for _, plain := range []bool{true, false} {
			m := New(WithData(d), WithSize(sz[0], sz[1]), WithNoColor(plain))
			checkBounds(t, m.View(), sz[0], sz[1])
		}
	}
}

func TestCompact(t *testing.T) {
	d := FromMatrix("head 1", bookWeights(), bookLabels, bookLabels, Unit)
	m := New(WithData(d), WithSize(12, 7), WithCompact(true), WithNoColor(true))
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 7 || lines[0] != "head 1" {
		t.Fatalf("compact view:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines[1:] {
		if w := ansi.StringWidth(l); w != 12 {
			t.Errorf("compact row %q is %d wide, want 12 (2 per value)", l, w)
		}
	}
	// A 256×256 matrix in 40×20 is subsampled, never overflowing.
	n := 256
	big := Data{Rows: n, Cols: n, Values: make([]float32, n*n), Scale: Auto}
	for i := range big.Values {
		big.Values[i] = float32(i % 97)
	}
	m = New(WithData(big), WithSize(40, 20), WithCompact(true))
	checkBounds(t, m.View(), 40, 20)
	if r, c, ok := m.CellAt(39, 19); !ok || r < 240 || c < 240 {
		t.Errorf("CellAt bottom-right of subsampled view = (%d,%d,%v)", r, c, ok)
	}
	if got := RenderCompact(d, m.Theme(), 12, 7, true); got != m2(d).View() {
		t.Errorf("RenderCompact differs from a compact model:\n%s", got)
	}
}

func m2(d Data) Model {
	m := New(WithData(d), WithSize(12, 7), WithCompact(true), WithNoColor(true))
	m.SetCursorVisible(false)
	return m
}
