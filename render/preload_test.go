package render

import (
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/tokenizer"
)

// A render of the book sentence never loads an encoder: the sentence's
// tokens are known, and warming the encoder for a later edit is the
// TUI's business, not a one-shot screen's. Run in a fresh process, where
// no other test has loaded one.
func TestRenderLeavesTheEncoderUnloaded(t *testing.T) {
	if os.Getenv("ATTNSCOPE_PRELOAD_CHILD") == "1" {
		sc, err := pipeline.Build(pipeline.DefaultRequest())
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(io.Discard, sc, Options{Stage: pipeline.StageSoftmax, Width: 100, Height: 30, Format: "ansi"}); err != nil {
			t.Fatal(err)
		}
		if tokenizer.Loaded("gpt2") {
			t.Fatal("the gpt2 encoder was loaded")
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestRenderLeavesTheEncoderUnloaded$")
	cmd.Env = append(os.Environ(), "ATTNSCOPE_PRELOAD_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}
