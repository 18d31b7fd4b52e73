package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportFormats(t *testing.T) {
	code, out, stderr := run(t, "", "export", "--format", "csv", "--dropout", "0.5")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"# config\n", "dropout,0.5\n", "# tokens\n", "\n# single.masked_scores shape 6×6\n", "-Inf", "\n# mha.output shape 6×2\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("csv lacks %q", want)
		}
	}

	path := filepath.Join(t.TempDir(), "x.npz")
	if code, _, stderr := run(t, "", "export", "--format", "npz", "--out", path, "--heads", "1"); code != 0 {
		t.Fatalf("npz: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("npz is not a zip: %v", err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"config.npy", "token_ids.npy", "inputs.npy", "wrapper.head0.weights.npy", "mha.output.npy"} {
		if !names[want] {
			t.Errorf("npz lacks %s", want)
		}
	}

	if code, _, stderr := run(t, "", "export", "--format", "xml"); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "--format") {
		t.Errorf("--format xml: exit %d, stderr %q", code, stderr)
	}
}

// NPZ is binary: not to a terminal without --out.
func TestExportNPZRefusesTerminal(t *testing.T) {
	defer func(f func(io.Writer) bool) { stdoutIsTerminal = f }(stdoutIsTerminal)
	stdoutIsTerminal = func(io.Writer) bool { return true }
	code, out, stderr := run(t, "", "export", "--format", "npz")
	if code != exitUsage || out != "" || !strings.Contains(stderr, "--out") {
		t.Errorf("npz to a terminal: exit %d, %d bytes out, stderr %q; want exit 2 suggesting --out", code, len(out), stderr)
	}
	if code, _, stderr := run(t, "", "export"); code != 0 {
		t.Errorf("json to a terminal: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "export", "--format", "npz", "--out", filepath.Join(t.TempDir(), "x.npz")); code != 0 {
		t.Errorf("npz --out: exit %d: %s", code, stderr)
	}
}
