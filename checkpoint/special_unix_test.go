//go:build unix

package checkpoint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A checkpoint argument that is a named pipe or a device (directly or
// through a symbolic link) is refused at once, never read: opening a pipe
// blocks, and reading /dev/zero never ends.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	var specs []string
	for _, n := range []string{"pipe.safetensors", "pipe.pth", "model.safetensors.index.json"} {
		p := filepath.Join(dir, n)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		specs = append(specs, p)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		sub := filepath.Join(dir, "zero")
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"zero.safetensors", "model.safetensors.index.json"} {
			p := filepath.Join(sub, n)
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
			specs = append(specs, p)
		}
	}
	for _, spec := range specs {
		done := make(chan error, 1)
		go func() {
			m, err := Open(spec, Options{Heads: 1})
			if err == nil {
				m.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("%s: %v, want an input error saying it is not a regular file", spec, err)
			}
		case <-time.After(10 * time.Second): // a hang guard, not a speed target
			t.Fatalf("%s: Open has not returned after 10 s", spec)
		}
	}
}
