package modelview

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/internal/tinygpt"
	"github.com/attnscope/attnscope/pipeline"
)

// zeroWeights sets every weight of dir's model.safetensors to 0.
func zeroWeights(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, "model.safetensors")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	start := 8 + int(binary.LittleEndian.Uint64(b))
	clear(b[start:])
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// One layer, one head, T = 1, and a model whose weights are all zero (every
// head uniform, every next token equally likely): every view, after every
// key, at 1×1, 40×12 and 400×120, keeps its frame and shows no NaN or Inf.
func TestOddModelsAndSizes(t *testing.T) {
	for _, c := range []struct {
		name  string
		shape tinygpt.Shape
		zero  bool
		text  string
	}{
		{"T=1, one layer, one head", tinygpt.Shape{Layers: 1, Heads: 1, D: 4, Context: 8, Seed: 1}, false, "a"},
		{"all-zero weights", tinygpt.Shape{Layers: 2, Heads: 2, D: 8, Context: 16, Seed: 2}, true, "the cat sat on the mat"},
		{"all-zero weights, T=1", tinygpt.Shape{Layers: 1, Heads: 2, D: 8, Context: 16, Seed: 2}, true, "a"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, err := tinygpt.Write(t.TempDir(), c.shape)
			if err != nil {
				t.Fatal(err)
			}
			if c.zero {
				zeroWeights(t, dir)
			}
			sc, err := pipeline.BuildModel(context.Background(), pipeline.NewModels(), pipeline.ModelRequest{Spec: dir, Text: c.text}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, sz := range [][2]int{{1, 1}, {40, 12}, {400, 120}} {
				for s := range len(pipeline.ModelStages()) {
					m := New(WithScene(sc), WithSelection(pipeline.Stage(s), 0, 0))
					m.SetSize(sz[0], sz[1])
					m = drive(t, m, m.Init()())
					for _, k := range []tea.KeyPressMsg{{}, {Code: tea.KeyRight}, {Code: tea.KeyDown}, {Code: tea.KeyEnd},
						keyPress("x"), keyPress("z"), keyPress("m"), keyPress("s"), keyPress("]"), keyPress(">"),
						keyPress("["), keyPress("<"), keyPress("i"), {Code: tea.KeyHome}, {Code: tea.KeyEnter}} {
						if k.Code != 0 {
							m = drive(t, m, k)
						}
						out := m.Render()
						if n := strings.Count(out, "\n") + 1; n != sz[1] {
							t.Fatalf("%s at %v after %v: %d lines", m.Stage(), sz, k, n)
						}
						for i, l := range strings.Split(out, "\n") {
							if w := ansi.StringWidth(l); w > sz[0] {
								t.Fatalf("%s at %v after %v: line %d is %d cells", m.Stage(), sz, k, i, w)
							}
						}
						if p := ansi.Strip(out); strings.Contains(p, "NaN") || strings.Contains(p, "Inf") {
							t.Fatalf("%s at %v after %v:\n%s", m.Stage(), sz, k, p)
						}
					}
				}
			}
		})
	}
}

// A pass that fails after its views have opened (weights holding NaN,
// refused at the end) leaves no partial scene of NaN behind: the screen
// says why, and the views say nothing is loaded.
func TestFailedPassLeavesNoPartialScene(t *testing.T) {
	dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 2, Heads: 2, D: 8, Context: 16, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "model.safetensors")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := 8 + int(binary.LittleEndian.Uint64(b)); i+4 <= len(b); i += 4 {
		binary.LittleEndian.PutUint32(b[i:], 0x7fc00000) // NaN
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	m := New(WithRequest(pipeline.NewModels(), pipeline.ModelRequest{Spec: dir, Text: "the cat sat"}), WithSelection(1, 0, 0))
	m.SetSize(120, 40)
	m = drive(t, m, m.Init()())
	if m.Loading() || m.sc != nil || !strings.Contains(m.Message(), "non-finite") {
		t.Fatalf("loading %v, scene kept %v, message %q", m.Loading(), m.sc != nil, m.Message())
	}
	for st := range pipeline.ModelStages() {
		m.stage = st
		if s := ansi.Strip(m.Render()); strings.Contains(s, "NaN") || strings.Contains(s, "cancelled") {
			t.Fatalf("%s:\n%s", m.Stage(), s)
		}
	}
}
