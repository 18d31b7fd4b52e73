//go:build unix

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOutWritesThroughNonRegularFiles(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	code, _, stderr := run(t, "", "export", "--out", "/dev/full")
	if code != 1 || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("/dev/full: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "", "export", "--out", "/dev/null"); code != 0 {
		t.Errorf("/dev/null: exit %d, %q", code, stderr)
	}
	fi, err := os.Stat("/dev/null")
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", fi, err)
	}
	dir := t.TempDir() // a fifo is written through, not replaced
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	got := make(chan []byte)
	go func() { b, _ := os.ReadFile(fifo); got <- b }()
	if code, _, stderr := run(t, "", "export", "--out", fifo); code != 0 {
		t.Fatalf("fifo: exit %d, %q", code, stderr)
	}
	if b := <-got; !json.Valid(b) {
		t.Errorf("fifo got %d bytes of invalid JSON", len(b))
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("fifo replaced: %v %v", fi, err)
	}
}

func TestOutFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(sub, "real.json")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("sub/real.json", link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "export", "--out", link); code != 0 {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if b, _ := os.ReadFile(target); !json.Valid(b) {
		t.Errorf("the target holds %q", b)
	}
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink("sub/new.json", dangling)
	if code, _, stderr := run(t, "", "export", "--out", dangling); code != 0 {
		t.Fatalf("dangling: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(sub, "new.json")); !json.Valid(b) {
		t.Errorf("the dangling link's target holds %q", b)
	}
}

func TestOutModes(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.json")
	if code, _, stderr := run(t, "", "export", "--out", fresh); code != 0 {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o600 {
		t.Errorf("new file under umask 077: %v, want 0600", fi.Mode().Perm())
	}
	syscall.Umask(0o022)
	kept := filepath.Join(dir, "kept.json")
	os.WriteFile(kept, nil, 0o600)
	os.Chmod(kept, 0o640)
	if code, _, stderr := run(t, "", "export", "--out", kept); code != 0 {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o640 {
		t.Errorf("overwritten 0640 file: %v", fi.Mode().Perm())
	}
	fresh2 := filepath.Join(dir, "new2.json")
	run(t, "", "export", "--out", fresh2)
	if fi, _ := os.Stat(fresh2); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file under umask 022: %v, want 0644", fi.Mode().Perm())
	}
}

// TestSignalDuringExportCleansUp: a signal while --out is being written
// cancels the write, removes the temporary file, then exits 128+N.
func TestSignalDuringExportCleansUp(t *testing.T) {
	safety := make(chan os.Signal, 4) // the test process must survive a signal Main has stopped catching
	signal.Notify(safety, exitSignals...)
	defer signal.Stop(safety)
	defer func() { testHookTempCreated = nil }()
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		msg  string
	}{{syscall.SIGINT, 130, "interrupted"}, {syscall.SIGTERM, 143, "terminated"}, {syscall.SIGHUP, 129, "hung up"}} {
		testHookTempCreated = func(ctx context.Context) {
			syscall.Kill(os.Getpid(), c.sig)
			select {
			case <-ctx.Done():
			case <-time.After(10 * time.Second):
			}
		}
		dir := t.TempDir()
		code, _, stderr := run(t, "", "export", "--out", filepath.Join(dir, "x.json"))
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d", c.sig, code, stderr, c.code)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v: left behind %v", c.sig, entries)
		}
	}
}

func TestClosedStdoutIsAnError(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(sh, "-c", `exec "$0" export >&-`, os.Args[0])
	cmd.Env = append(os.Environ(), "ATTNSCOPE_CLI_MAIN=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "standard output is closed") {
		t.Errorf("export >&-: %v, %q", err, out)
	}
	cmd = exec.Command(sh, "-c", `exec "$0" samples >/dev/null`, os.Args[0])
	cmd.Env = append(os.Environ(), "ATTNSCOPE_CLI_MAIN=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("samples >/dev/null: %v, %q", err, out)
	}
}

// TestSignalWhileReadingStdin: a command blocked reading --text - stops
// at a signal with its status.
func TestSignalWhileReadingStdin(t *testing.T) {
	safety := make(chan os.Signal, 4)
	signal.Notify(safety, exitSignals...)
	defer signal.Stop(safety)
	pr, pw := io.Pipe() // never written: the read blocks
	defer pw.Close()
	go func() {
		time.Sleep(200 * time.Millisecond)
		syscall.Kill(os.Getpid(), syscall.SIGINT)
	}()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main([]string{"export", "--text", "-"}, pr, &out, &errb) }()
	select {
	case code := <-done:
		if code != 130 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("exit %d, %q", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still blocked on standard input after SIGINT")
	}
}
