package modelview

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/internal/tinygpt"
	"github.com/attnscope/attnscope/pipeline"
)

// evil is what a hostile name or text carries: OSC 52 (clipboard), OSC 0
// (title), a CSI that clears the screen, BEL, DCS, a C1 CSI, a bidi
// override and zero-width characters.
const evil = "a\x1b]52;c;aGVsbG8=\x07b\x1b]0;title\x07c\x1b[2Jd\x1bP+q\x1b\\\x07\u009b\u202eevil\u200b\u200d\ufeff"

var sgrOnly = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// rawControl is the first character in s, SGR sequences aside, that would
// steer the terminal or hide text, or -1.
func rawControl(s string) rune {
	for _, r := range sgrOnly.ReplaceAllString(s, "") {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r >= 0x200b && r <= 0x200f, r == 0x2060, r == 0xfeff, r == 0x061c:
			return r
		}
	}
	return -1
}

// A checkpoint in a folder whose name carries escapes, and a text that
// carries them too: no view, at any size, draws them raw.
func TestHostileNamesNeverReachTheScreen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gpt"+evil)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skip("the file system refuses the name:", err)
	}
	if _, err := tinygpt.Write(dir, tinygpt.Shape{Layers: 1, Heads: 1, D: 8, Context: 64, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	models := pipeline.NewModels()
	req := pipeline.ModelRequest{Spec: dir, Text: "x" + evil + " y"}
	sc, err := pipeline.BuildModel(context.Background(), models, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, m Model) {
		t.Helper()
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			m.SetSize(sz[0], sz[1])
			for s := range len(m.stages) {
				m.stage = s
				if r := rawControl(m.Render()); r >= 0 {
					t.Fatalf("%s, view %s at %dx%d: %U reached the screen", what, m.Stage(), sz[0], sz[1], r)
				}
			}
		}
	}
	m := New(WithScene(sc))
	m = drive(t, m, m.Init()())
	check("a scene", m)

	// While loading: the spec is in the progress line and the header.
	l := New(WithRequest(models, req))
	check("loading", l)

	// A spec that does not exist: the error is on the status line.
	bad := New(WithRequest(models, pipeline.ModelRequest{Spec: filepath.Join(dir, "missing"+evil), Text: "hi"}))
	bad = drive(t, bad, bad.Init()())
	if bad.Message() == "" {
		t.Fatal("a missing checkpoint gave no message")
	}
	check("a failed load", bad)

	// A config.json with hostile values: refused, the message on screen.
	cfgDir := filepath.Join(t.TempDir(), "cfg"+evil)
	if err := os.Mkdir(cfgDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := tinygpt.Write(cfgDir, tinygpt.Shape{Layers: 1, Heads: 1, D: 8, Context: 64, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	odd := `{"model_type":"gpt2","activation_function":"\u001b]52;c;aGk=\u0007\u202e\u009b2J","n_head":1}`
	if err := os.WriteFile(filepath.Join(cfgDir, "config.json"), []byte(odd), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := New(WithRequest(models, pipeline.ModelRequest{Spec: cfgDir, Text: "hi"}))
	cfg = drive(t, cfg, cfg.Init()())
	if cfg.Message() == "" {
		t.Fatal("a hostile config.json gave no message")
	}
	check("a hostile config.json", cfg)

	// Presenter mode.
	p := New(WithScene(sc), WithPresent(true))
	p = drive(t, p, p.Init()())
	check("present", p)

	// The editor with the hostile text in it.
	e := New(WithScene(sc))
	e, _ = e.Update(tea.PasteMsg{Content: evil})
	check("editing", e)
}
