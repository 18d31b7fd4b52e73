package settings

import (
	"bytes"
	"io"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/themes"
)

// downsample writes s through a colour profile, as the terminal would get it.
func downsample(t *testing.T, s string, p colorprofile.Profile) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: p}
	if _, err := io.WriteString(w, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// plain is s with colour pinned off: no escape sequences at all.
func plain(t *testing.T, s string) string { return downsample(t, s, colorprofile.NoTTY) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestViewGolden(t *testing.T) {
	changed := compute.Config{DIn: 8, DOut: 6, Heads: 3, Init: compute.InitRand, QKVBias: true,
		Seed: 1 << 40, Dropout: 0.5, DropoutSeed: seed(123), DropoutRNG: compute.RNGMKL}
	tests := []struct {
		name string
		w, h int
		cfg  compute.Config
		enc  string
		keys []tea.Msg
	}{
		{"default_80x16", 80, 16, compute.DefaultConfig(), "gpt2", nil},
		{"invalid_heads_80x16", 80, 16, compute.DefaultConfig(), "gpt2", []tea.Msg{keyDown, keyDown, keyDown, keyRight}},
		{"typing_seed_80x16", 80, 16, compute.DefaultConfig(), "gpt2", append([]tea.Msg{keyUp, keyUp, keyUp, keyUp}, typed("4242")...)},
		{"refused_din_80x16", 80, 16, compute.DefaultConfig(), "gpt2", append([]tea.Msg{keyDown}, append(typed("5000"), keyEnter)...)},
		{"changed_80x16", 80, 16, changed, "cl100k_base", []tea.Msg{keyDown, keyDown, keyDown, keyDown, keyDown}},
		{"small_40x12", 40, 12, compute.DefaultConfig(), "gpt2", []tea.Msg{keyUp, keyUp, keyUp}},
		{"tiny_30x6", 30, 6, compute.DefaultConfig(), "gpt2", []tea.Msg{keyUp, keyUp, keyUp, keyRight}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(tt.cfg, tt.enc, themes.Default)
			m.Focus()
			m.SetSize(tt.w, tt.h)
			m, _ = send(t, m, tt.keys...)
			v := m.View()
			got := plain(t, v)
			if strings.ContainsAny(got, "\x1b") {
				t.Fatalf("plain view has an escape byte: %q", got)
			}
			checkFits(t, got, tt.w, tt.h)
			golden.RequireEqual(t, got)
		})
	}
}

// TestViewGoldenANSI pins the 16-colour rendering of one state, so that a
// style that stops using the theme's roles shows up.
func TestViewGoldenANSI(t *testing.T) {
	m, _ := send(t, newFocused(), keyDown, keyDown, keyDown, keyRight)
	golden.RequireEqual(t, downsample(t, m.View(), colorprofile.ANSI))
}

func checkFits(t *testing.T, v string, w, h int) {
	t.Helper()
	if v == "" {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, want at most %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d wide, want at most %d: %q", i, lw, w, l)
		}
	}
}

func TestViewTinySizes(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {10, 3}, {1, 1}, {3, 10}, {200, 1}, {-5, -5}} {
		m := newFocused()
		m.SetSize(sz[0], sz[1])
		m, _ = send(t, m, keyDown, keyDown, keyDown, keyRight) // with an error showing
		v := plain(t, m.View())
		checkFits(t, v, max(0, sz[0]), max(0, sz[1]))
		if sz[0] > 0 && sz[1] > 0 && v == "" {
			t.Errorf("%dx%d: empty view", sz[0], sz[1])
		}
		if sz[1] >= 1 && sz[0] >= 10 && !contains(v, "heads") {
			t.Errorf("%dx%d: focused row not shown:\n%s", sz[0], sz[1], v)
		}
	}
}

func TestViewShowsFocusedRowWhenScrolled(t *testing.T) {
	m := newFocused()
	m.SetSize(60, 4)
	for f := Field(0); f < numFields; f++ {
		if v := plain(t, m.View()); !contains(v, "› "+f.String()) && !contains(v, "›") {
			t.Errorf("field %v: no cursor in\n%s", f, v)
		} else if !contains(v, f.String()) {
			t.Errorf("field %v not on screen:\n%s", f, v)
		}
		m, _ = send(t, m, keyDown)
	}
}
