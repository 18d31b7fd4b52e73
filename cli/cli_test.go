package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrorsExit2WithOneLine(t *testing.T) {
	cases := []struct {
		args []string
		want string // in the message
	}{
		{[]string{"--bogus"}, "--bogus"},
		{[]string{"export", "--dropout", "1"}, "--dropout"},
		{[]string{"export", "--dropout", "-0.1"}, "--dropout"},
		{[]string{"export", "--dropout", "NaN"}, "--dropout"},
		{[]string{"export", "--d-out", "3"}, "--heads"},
		{[]string{"export", "--d-in", "0"}, "--d-in"},
		{[]string{"export", "--heads", "0"}, "--heads"},
		{[]string{"export", "--encoding", "gpt5"}, "--encoding"},
		{[]string{"export", "--init", "xavier"}, "--init"},
		{[]string{"export", "--dropout-rng", "cuda"}, "--dropout-rng"},
		{[]string{"export", "--sample", "nope"}, "--sample"},
		{[]string{"export", "--format", "xml"}, "--format"},
		{[]string{"export", "--max-tokens", "0"}, "--max-tokens"},
		{[]string{"export", "--seed", "-1"}, "--seed"},
		{[]string{"render", "--stage", "nope"}, "--stage"},
		{[]string{"render", "--color", "fancy"}, "--color"},
		{[]string{"render", "--theme", "pink"}, "--theme"},
		{[]string{"render", "--format", "png", "--width", "1000", "--height", "1000", "--scale", "8"}, "--scale"},
		{[]string{"present", "--auto", "10ms"}, "--auto"},
		{[]string{"export", "extra-arg"}, "extra-arg"},
		{[]string{"nosuchcommand"}, "nosuchcommand"},
		{[]string{"--text", "hi", "--sample", "book"}, "--text"},
		{[]string{"export", "--text", ""}, "--text"},
		{[]string{"export", "--d-in", "1e18"}, "--d-in: must be a whole number 1–4096"},
		{[]string{"export", "--heads", "x"}, "1–256"},
		{[]string{"export", "--dropout", "x"}, "[0, 1)"},
		{[]string{"render", "--width", "x"}, "--width"},
		{[]string{"export", "--max-tokens", "4096"}, "--max-tokens 4096: too large to compute"},
		{[]string{"export", "--max-tokens", "5000"}, "1–4096"},
		{[]string{"render", "--d-in", "4096", "--d-out", "256", "--heads", "256", "--stage", "tokens"}, "--d-in 4096, --d-out 256, --heads 256"},
		{[]string{"--color", "fancy", "--text", "x"}, "--color"},
		{[]string{"render", "--scale", "0"}, "--scale: must be between 1 and 8"},
		{[]string{"render", "--format", ""}, "--format"},
		{[]string{"render", "--keys", strings.Repeat("l ", 1001)}, "--keys: at most 1000"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, "", c.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", c.args, code, stderr)
		}
		if strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q, want one line naming %s", c.args, stderr, c.want)
		}
	}
}

func TestTUIRefusesWithoutATerminal(t *testing.T) {
	code, _, stderr := run(t, "")
	if code != 2 || !strings.Contains(stderr, "render") {
		t.Fatalf("exit %d, stderr %q: want 2 and a pointer at render", code, stderr)
	}
}

func TestVersionAndSamples(t *testing.T) {
	if code, out, _ := run(t, "", "--version"); code != 0 || !strings.Contains(out, Version) {
		t.Errorf("--version: %d %q", code, out)
	}
	code, out, _ := run(t, "", "samples")
	if code != 0 || !strings.HasPrefix(out, "book") {
		t.Errorf("samples: %d %q", code, out)
	}
}

func TestExportBookJSON(t *testing.T) {
	code, out, stderr := run(t, "", "export")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Tokens []struct {
			ID int `json:"id"`
		} `json:"tokens"`
		Tensors map[string]struct {
			Shape []int `json:"shape"`
		} `json:"tensors"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	ids := []int{7120, 7002, 4940, 351, 530, 2239}
	for i, tok := range doc.Tokens {
		if tok.ID != ids[i] {
			t.Errorf("token %d id %d, want %d", i, tok.ID, ids[i])
		}
	}
	for _, name := range []string{"inputs", "simple.attn_scores", "single.causal_weights", "mha.output", "wrapper.context"} {
		if _, ok := doc.Tensors[name]; !ok {
			t.Errorf("export lacks %s", name)
		}
	}
}

func TestTextFromStdin(t *testing.T) {
	code, out, stderr := run(t, "Hello world\n", "export", "--text", "-")
	if code != 0 || !strings.Contains(out, `"id":15496`) {
		t.Fatalf("exit %d, %s, out %.200s", code, stderr, out)
	}
}

func TestOutIsAtomicAndMissingDirIsAnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.json")
	if code, _, stderr := run(t, "", "export", "--out", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(path); err != nil || !json.Valid(b) {
		t.Fatalf("--out wrote %d bytes, err %v", len(b), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	code, _, stderr := run(t, "", "export", "--out", filepath.Join(dir, "missing", "x.json"))
	if code == 0 || !strings.Contains(stderr, "missing") {
		t.Errorf("missing directory: exit %d, %q", code, stderr)
	}
}

func TestErrorMessagesCarryNoControlCharacters(t *testing.T) {
	// the path is not quoted in the message, so only oneLine stands between
	// it and the terminal
	code, _, stderr := run(t, "", "export", "--out", "/nonexistent-\x1b]52;c;aGk=\x07\u202e\u200d\u0085y\n/x.json")
	if code != 1 || !strings.Contains(stderr, "nonexistent") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	for _, r := range strings.TrimSuffix(stderr, "\n") {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' || r == '\u200d' {
			t.Fatalf("control character %U in %q", r, stderr)
		}
	}
}
