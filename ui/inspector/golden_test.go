package inspector

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden compares View at 60×24 with testdata/*.golden: plain (the
// profile pinned to no colour) for several stages, and one in 256 colours.
func TestGolden(t *testing.T) {
	rs := bookResults(t)
	for _, tc := range []struct {
		name    string
		stage   pipeline.Stage
		cfg     string
		head    int
		i, j    int
		profile colorprofile.Profile
	}{
		{"scores", pipeline.StageScores, "rand123", 0, 1, 0, colorprofile.NoTTY},
		{"softmax", pipeline.StageSoftmax, "rand123", 0, 1, 1, colorprofile.NoTTY},
		{"qkv", pipeline.StageQKV, "rand123", 0, 1, 0, colorprofile.NoTTY},
		{"causal", pipeline.StageCausal, "linear789", 0, 2, 1, colorprofile.NoTTY},
		{"causal_masked", pipeline.StageCausal, "linear789", 0, 1, 4, colorprofile.NoTTY},
		{"dropout", pipeline.StageDropout, "drop", 0, 2, 0, colorprofile.NoTTY},
		{"heads", pipeline.StageHeads, "linear123", 1, 3, 2, colorprofile.NoTTY},
		{"output", pipeline.StageOutput, "linear123", 0, 0, 0, colorprofile.NoTTY},
		{"causal_256", pipeline.StageCausal, "linear789", 0, 2, 1, colorprofile.ANSI256},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(themes.Default)
			m.SetSize(60, 24)
			m.SetCell(tc.stage.Def(), rs[tc.cfg], tc.head, tc.i, tc.j, bookLabels)
			var buf bytes.Buffer
			w := &colorprofile.Writer{Forward: &buf, Profile: tc.profile}
			if _, err := w.WriteString(m.View()); err != nil {
				t.Fatal(err)
			}
			buf.WriteByte('\n')
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("View differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, buf.Bytes(), want)
			}
			if tc.profile == colorprofile.NoTTY && bytes.ContainsAny(buf.Bytes(), "\x1b") {
				t.Error("escape bytes in the plain view")
			}
		})
	}
}
