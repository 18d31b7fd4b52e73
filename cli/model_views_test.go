package cli

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/internal/tinygpt"
	"github.com/attnscope/attnscope/pipeline"
)

// tinyCheckpoint writes a random 2-layer, 2-head GPT-2 of width 8.
func tinyCheckpoint(t *testing.T) string {
	t.Helper()
	dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 2, Heads: 2, D: 8, Context: 64, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRenderModelEveryView(t *testing.T) {
	ck := tinyCheckpoint(t)
	want := map[string]string{"tokens": "bytes", "overview": "H1", "head": "L1H0", "query": "each line is one head",
		"metrics": "previous_token", "next": "next token"}
	for _, v := range pipeline.ModelStageNames() {
		out, stderr, code := runRender(t, "--model", ck, "--sample", "induction", "--stage", v, "--layer", "1",
			"--format", "text", "--width", "120", "--height", "40")
		if code != 0 {
			t.Fatalf("render --stage %s: exit %d: %s", v, code, stderr)
		}
		if !strings.Contains(out, want[v]) || !strings.Contains(out, "MODEL") || !strings.Contains(out, "within 1e-4 of PyTorch") {
			t.Errorf("render --stage %s lacks %q or the header:\n%s", v, want[v], out)
		}
	}
}

func TestRenderModelPNG(t *testing.T) {
	ck := tinyCheckpoint(t)
	out := filepath.Join(t.TempDir(), "head.png")
	if _, stderr, code := runRender(t, "--model", ck, "--stage", "head", "--keys", "x z", "--format", "png", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
}

func TestModelViewsUsageErrors(t *testing.T) {
	ck := tinyCheckpoint(t)
	for _, args := range [][]string{
		{"render", "--model", ck, "--stage", "causal"},
		{"render", "--model", ck, "--panel", "1"},
		{"render", "--model", ck, "--layer", "2"},
		{"render", "--model", ck, "--head", "5"},
		{"render", "--model", filepath.Join(ck, "missing")},
		{"present", "--model", ck},
		{"--model", ck},
	} {
		if code, _, stderr := run(t, "", args...); code != exitUsage || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
	if code, out, _ := run(t, "", "render", "--model", ck, "--list-stages"); code != 0 || !strings.HasPrefix(out, "tokens\noverview\n") {
		t.Errorf("--list-stages with --model: exit %d, %q", code, out)
	}
}
