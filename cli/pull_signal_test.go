//go:build unix

package cli

import (
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/attnscope/attnscope/checkpoint/hub/hubtest"
)

// TestSignalDuringPullKeepsAResumableFile: an interrupt mid-download
// exits 130 and leaves the partial blob for the next pull to resume.
func TestSignalDuringPullKeepsAResumableFile(t *testing.T) {
	safety := make(chan os.Signal, 4)
	signal.Notify(safety, exitSignals...)
	defer signal.Stop(safety)
	s, cache := pullEnv(t)
	s.Stall = true
	go func() {
		select {
		case <-s.Stalled:
			time.Sleep(50 * time.Millisecond)
			syscall.Kill(os.Getpid(), syscall.SIGINT)
		case <-time.After(10 * time.Second):
		}
	}()
	code, _, stderr := run(t, "", "pull", "openai-community/gpt2")
	if code != 130 || !strings.HasSuffix(stderr, "attnscope: interrupted\n") {
		t.Fatalf("exit %d, stderr %q; want 130 and interrupted", code, stderr)
	}
	blob := hubtest.SHA256(s.Files["model.safetensors"].Data)
	part := filepath.Join(cache, "models--openai-community--gpt2", "blobs", blob+".incomplete")
	if fi, err := os.Stat(part); err != nil || fi.Size() == 0 {
		t.Errorf("no resumable %s: %v", part, err)
	}
	s.Stall = false
	if code, _, stderr := run(t, "", "pull", "openai-community/gpt2"); code != 0 {
		t.Errorf("resume: exit %d, %s", code, stderr)
	}
}
