package render

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/pipeline"
)

// goldenStages are the stages with golden text and SVG files: all of them.
// After a UI change, go generate ./render (or go test ./render -run Golden
// -update) rewrites them.
var goldenStages = func() []pipeline.Stage {
	out := make([]pipeline.Stage, pipeline.NumStages)
	for i := range out {
		out[i] = pipeline.Stage(i)
	}
	return out
}()

func bookScene(t testing.TB) *pipeline.Scene {
	t.Helper()
	sc, err := pipeline.Build(pipeline.DefaultRequest())
	if err != nil {
		t.Fatalf("pipeline.Build: %v", err)
	}
	return sc
}

func write(t testing.TB, sc *pipeline.Scene, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, sc, o); err != nil {
		t.Fatalf("Write(%+v): %v", o, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	sc := bookScene(t)
	for _, st := range goldenStages {
		for _, format := range []string{"text", "svg"} {
			t.Run(st.Name()+"."+format, func(t *testing.T) {
				golden.RequireEqual(t, write(t, sc, Options{Stage: st, Width: 100, Height: 30, Format: format, SVGText: "outline"}))
			})
		}
	}
}

func TestWriteDeterministic(t *testing.T) {
	sc := bookScene(t)
	for _, f := range Formats() {
		o := Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Format: f}
		if a, b := write(t, sc, o), write(t, sc, o); !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same screen differ", f)
		}
		// A fresh scene gives the same bytes too.
		if a, b := write(t, sc, o), write(t, bookScene(t), o); !bytes.Equal(a, b) {
			t.Errorf("%s: renders of two equal scenes differ", f)
		}
	}
}

var stageNumber = regexp.MustCompile(`\b(\d+)/12\b`)

// shownStage returns the "N/12" stage number in a text render's first lines.
func shownStage(t *testing.T, text string) string {
	t.Helper()
	head := strings.Join(strings.SplitN(text, "\n", 3)[:2], "\n")
	m := stageNumber.FindStringSubmatch(head)
	if m == nil {
		t.Fatalf("no stage number N/12 in the header:\n%s", head)
	}
	return m[1]
}

func TestKeysReachState(t *testing.T) {
	sc := bookScene(t)
	tests := []struct {
		keys string
		want string // stage number shown, starting from scores (3)
	}{
		{"", "3"},
		{"n", "4"},
		{"n n", "5"},
		{"pgdown", "4"},
		{"tab", "4"},
		{"p", "2"},
		{"shift+tab", "2"},
		{"n n p", "4"},
		{"q", "3"},   // quitting leaves the screen as it was
		{"q n", "4"}, // and a replay goes on past it
	}
	for _, tt := range tests {
		keys, err := ParseKeys(tt.keys)
		if err != nil {
			t.Fatal(err)
		}
		out := string(write(t, sc, Options{Stage: pipeline.StageScores, Width: 100, Height: 30, Format: "text", Keys: keys}))
		if got := shownStage(t, out); got != tt.want {
			t.Errorf("keys %q: stage %s shown, want %s", tt.keys, got, tt.want)
		}
	}
}

func TestScreenSize(t *testing.T) {
	sc := bookScene(t)
	for _, sz := range [][2]int{{100, 30}, {80, 24}, {40, 12}} {
		out := string(write(t, sc, Options{Stage: pipeline.StageWeights, Width: sz[0], Height: sz[1], Format: "text"}))
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != sz[1] {
			t.Errorf("%dx%d: %d lines, want %d", sz[0], sz[1], len(lines), sz[1])
		}
		checkClean(t, "text", out)
	}
	for _, sz := range [][2]int{{39, 30}, {100, 11}, {1, 1}} {
		err := Write(io.Discard, sc, Options{Stage: pipeline.StageWeights, Width: sz[0], Height: sz[1], Format: "text"})
		if err == nil || !strings.Contains(err.Error(), "40×12") {
			t.Errorf("%dx%d: error %v, want one naming the minimum 40×12", sz[0], sz[1], err)
		}
	}
}
