package inspector

import (
	"bytes"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// TestGolden freezes View at 60×24 where the layout does most (wrapped
// sums, masked and dropped cells, two modules): plain (the profile pinned
// to no colour), and one in 256 colours. The numbers of every stage are
// checked by TestStages. go test -update rewrites them.
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
		{"causal", pipeline.StageCausal, "linear789", 0, 2, 1, colorprofile.NoTTY},
		{"dropout", pipeline.StageDropout, "drop", 0, 2, 0, colorprofile.NoTTY},
		{"heads", pipeline.StageHeads, "linear123", 1, 3, 2, colorprofile.NoTTY},
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
			golden.RequireEqual(t, buf.Bytes())
			if tc.profile == colorprofile.NoTTY && bytes.ContainsAny(buf.Bytes(), "\x1b") {
				t.Error("escape bytes in the plain view")
			}
		})
	}
}
