package heatmap

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

func TestScaleKeyCycles(t *testing.T) {
	m := New(WithData(FromMatrix("α", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24))
	want := []struct {
		mode  ScaleMode
		tag   string
		lo    float64
		hi    float64
		lvlHi bool // some cell reaches the top of the map
	}{
		// fixed 0–1 is skipped: the weights are on it already
		{ScaleMatrix, "scale min–max", 0.0988, 0.2379, true},
		{ScaleRow, "scale per row", 0.0988, 0.2379, true},
		{ScaleAsData, "scale 0–1", 0, 1, false},
	}
	for i, w := range want {
		var cmd func() any
		mm, c := m.Update(press('v', "v"))
		m = mm
		if c == nil {
			t.Fatalf("step %d: no command", i)
		}
		cmd = func() any { return c() }
		if got := cmd(); got != (ScaleChangedMsg{Mode: w.mode}) {
			t.Fatalf("step %d: message %#v, want mode %v", i, got, w.mode)
		}
		if m.ScaleMode() != w.mode {
			t.Fatalf("step %d: mode %v, want %v", i, m.ScaleMode(), w.mode)
		}
		legend := ansi.Strip(m.Legend(80))
		if !strings.Contains(legend, w.tag+" (v)") {
			t.Errorf("step %d (%v): legend %q does not say %q", i, w.mode, legend, w.tag)
		}
		r := m.Range()
		if d := r.Lo - w.lo; d > 1e-4 || d < -1e-4 {
			t.Errorf("step %d (%v): range %v", i, w.mode, r)
		}
		top := false
		for _, l := range m.level {
			top = top || l == buckets-1
		}
		if top != w.lvlHi {
			t.Errorf("step %d (%v): top colour used = %v", i, w.mode, top)
		}
	}
}

// Per row: every row's own smallest value gets the bottom colour and its
// largest the top, even where the matrix-wide range would flatten them.
func TestScalePerRow(t *testing.T) {
	m := New(WithData(FromMatrix("α", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24), WithScaleMode(ScaleRow))
	for r := 0; r < 6; r++ {
		lo, hi := uint8(255), uint8(0)
		for c := 0; c < 6; c++ {
			lo, hi = min(lo, m.level[r*6+c]), max(hi, m.level[r*6+c])
		}
		if lo != 0 || hi != buckets-1 {
			t.Errorf("row %d spans levels %d–%d", r, lo, hi)
		}
	}
	if l := ansi.Strip(m.Legend(80)); !strings.HasPrefix(l, "row min ") || !strings.Contains(l, "row max") {
		t.Errorf("legend %q", l)
	}
}

// Mask matrices keep their two colours under every mode.
func TestScaleModeLeavesMasks(t *testing.T) {
	d := Data{Rows: 2, Cols: 2, Values: []float32{0, 1, 1, 0}, Scale: Mask}
	for mode := ScaleAsData; mode < numScaleModes; mode++ {
		m := New(WithData(d), WithSize(40, 10), WithScaleMode(mode))
		if m.level[0] != 0 || m.level[1] != buckets-1 {
			t.Errorf("%v: levels %v", mode, m.level)
		}
	}
}

// The cursor never puts a bracket against a neighbour: with colour it has
// none (reverse video marks it); without colour, squeezed cells mark it
// with the cursor glyph in its own margin.
func TestCursorHasNoCollidingBrackets(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {50, 14}, {80, 24}, {160, 48}} {
		for _, plain := range []bool{false, true} {
			for _, data := range []Data{
				FromMatrix("", bookWeights(), bookLabels, bookLabels, Unit),
				FromMatrix("", causalScores(), bookLabels, bookLabels, Diverging),
			} {
				m := New(WithData(data), WithSize(size[0], size[1]), WithNoColor(plain))
				m.SetCursor(1, 2)
				for _, line := range strings.Split(ansi.Strip(m.View()), "\n") {
					i := strings.Index(line, "[")
					if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "0 [") || strings.Contains(line, "] ") && strings.HasPrefix(line, "-") {
						continue
					}
					if !plain {
						t.Errorf("%v colour: bracket in %q", size, line)
						continue
					}
					before, _ := lastRune(line[:i])
					if before != ' ' {
						t.Errorf("%v plain: bracket glued to %q in %q", size, before, line)
					}
				}
			}
		}
	}
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

func TestIndexLabels(t *testing.T) {
	if got := strings.Join(IndexLabels("x", 3, 1), " "); got != "x1 x2 x3" {
		t.Errorf("1-based: %q", got)
	}
	if got := strings.Join(IndexLabels("L", 2, 0), " "); got != "L0 L1" {
		t.Errorf("0-based: %q", got)
	}
	// Missing labels are numbered from the base.
	d := Data{Rows: 2, Cols: 2, Values: []float32{1, 2, 3, 4}}
	for base, want := range map[int]string{0: "0", 1: "1"} {
		m := New(WithData(d), WithSize(40, 10), WithNoColor(true), WithIndexBase(base))
		first := strings.Fields(strings.Split(m.View(), "\n")[0])[0]
		if first != want {
			t.Errorf("base %d: first column label %q", base, first)
		}
	}
}

// On a large screen a small matrix grows: taller and wider cells, more
// than half of the room used in both directions.
func TestCellsGrowWithRoom(t *testing.T) {
	m := New(WithData(FromMatrix("α", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(120, 50))
	v := m.View()
	checkBounds(t, v, 120, 50)
	w, h := 0, len(strings.Split(v, "\n"))
	for _, l := range strings.Split(v, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	if w < 60 || h < 25 {
		t.Errorf("6×6 in 120×50 drawn %d×%d", w, h)
	}
}

// A tile of the all-heads grid has token labels and the cursor when it
// has room, and stays within its size at every size.
func TestRenderTile(t *testing.T) {
	d := FromMatrix("head 2", bookWeights(), bookLabels, bookLabels, Unit)
	v := ansi.Strip(RenderTile(d, themes.Default, 40, 20, true, 2, 3))
	if !strings.Contains(v, "starts▸") || !strings.Contains(v, "wit") || !strings.Contains(v, cursorGlyph) {
		t.Errorf("tile without labels or cursor:\n%s", v)
	}
	for w := 1; w <= 60; w += 3 {
		for h := 1; h <= 30; h += 2 {
			checkBounds(t, RenderTile(d, themes.Default, w, h, false, 5, 5), w, h)
		}
	}
}

// Scores (diverging) cycle through every mode: each colours them anew.
func TestScaleKeyOnScores(t *testing.T) {
	m := New(WithData(FromMatrix("ω", bookScores(), bookLabels, bookLabels, Diverging)), WithSize(80, 24))
	var got []ScaleMode
	for range 4 {
		m, _ = m.Update(press('v', "v"))
		got = append(got, m.ScaleMode())
	}
	if want := []ScaleMode{ScaleFixed, ScaleMatrix, ScaleRow, ScaleAsData}; !slices.Equal(got, want) {
		t.Errorf("modes %v, want %v", got, want)
	}
}

// The cursor's attributes (bold, underline, reverse) end with its cell: the
// next escape sequence after it is a reset, not another cell's colours.
func TestCursorAttributesDoNotLeak(t *testing.T) {
	m := New(WithData(FromMatrix("α", bookWeights(), bookLabels, bookLabels, Unit)), WithSize(80, 24))
	m.SetCursor(2, 3)
	v := m.View()
	pre := m.pal.cursor[m.level[2*6+3]]
	i := strings.Index(v, pre)
	if i < 0 {
		t.Fatal("no cursor cell")
	}
	rest := v[i+len(pre):]
	if j := strings.Index(rest, "\x1b["); j < 0 || !strings.HasPrefix(rest[j:], ansi.ResetStyle) {
		t.Errorf("after the cursor cell: %q", rest[:min(len(rest), 60)])
	}
}
