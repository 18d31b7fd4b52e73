//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// ptyRun is the binary running in a pseudo-terminal, its output fed to a
// virtual terminal and kept raw.
type ptyRun struct {
	cmd  *exec.Cmd
	ptmx *os.File
	term *screen
	mu   sync.Mutex
	raw  bytes.Buffer
}

func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "attnscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startInPty(t *testing.T, cmd *exec.Cmd) *ptyRun {
	t.Helper()
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	ptmx, err := startWithTTY(cmd)
	if err != nil {
		t.Fatalf("start in a pty: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	r := &ptyRun{cmd: cmd, ptmx: ptmx, term: &screen{emu: vt.NewEmulator(100, 30)}}
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := r.term.emu.Read(buf)
			if n > 0 {
				ptmx.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				r.term.write(buf[:n])
				r.mu.Lock()
				r.raw.Write(buf[:n])
				r.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	return r
}

// startWithTTY starts cmd with a new pseudo-terminal as its controlling
// terminal, standard output and error; standard input is the terminal
// too unless cmd has its own.
func startWithTTY(cmd *exec.Cmd) (*os.File, error) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		return nil, err
	}
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 100, Rows: 30}); err != nil {
		ptmx.Close()
		return nil, err
	}
	if cmd.Stdin == nil {
		cmd.Stdin = tty
	}
	cmd.Stdout, cmd.Stderr = tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1}
	if err := cmd.Start(); err != nil {
		ptmx.Close()
		return nil, err
	}
	return ptmx, nil
}

// wait returns the process's exit status.
func (r *ptyRun) wait(t *testing.T) int {
	t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- r.cmd.Wait() }()
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatalf("wait: %v", err)
		}
		return 0
	case <-time.After(10 * time.Second):
		r.cmd.Process.Kill()
		t.Fatalf("did not exit\nscreen:\n%s", r.term.text())
	}
	return -1
}

// TestEndToEndStdinThenTTY: the text comes from a pipe, the keys from
// the terminal, as with less or fzf.
func TestEndToEndStdinThenTTY(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "--text", "-")
	cmd.Stdin = strings.NewReader("Piped sentences arrive\n")
	r := startInPty(t, cmd)
	r.term.waitFor(t, "Tokens")
	r.term.waitFor(t, "␣sentences") // a token of the piped text
	r.ptmx.Write([]byte("n"))
	r.term.waitFor(t, "Embeddings")
	r.ptmx.Write([]byte("q"))
	if code := r.wait(t); code != 0 {
		t.Fatalf("exit %d\nscreen:\n%s", code, r.term.text())
	}
}

// TestEndToEndSIGTERM: SIGTERM ends the TUI with status 143 after the
// terminal is restored (the alternate screen left).
func TestEndToEndSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	r := startInPty(t, exec.Command(bin))
	r.term.waitFor(t, "Tokens")
	r.mu.Lock()
	before := r.raw.Len()
	r.mu.Unlock()
	r.cmd.Process.Signal(syscall.SIGTERM)
	if code := r.wait(t); code != 143 {
		t.Fatalf("exit %d, want 143\nscreen:\n%s", code, r.term.text())
	}
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		after := r.raw.String()[before:]
		r.mu.Unlock()
		if strings.Contains(after, "\x1b[?1049l") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("the alternate screen was not left after SIGTERM")
}

// TestEndToEndColorFlag: --color forces the profile over what the
// environment says (COLORTERM=truecolor here): 256 colours, no 24-bit
// sequences.
func TestEndToEndColorFlag(t *testing.T) {
	bin := buildBinary(t)
	r := startInPty(t, exec.Command(bin, "--color", "256"))
	r.term.waitFor(t, "Tokens")
	r.ptmx.Write([]byte("nn"))
	r.term.waitFor(t, "Attention scores")
	r.term.waitFor(t, "0.9995")
	r.ptmx.Write([]byte("q"))
	if code := r.wait(t); code != 0 {
		t.Fatalf("exit %d", code)
	}
	r.mu.Lock()
	out := r.raw.String()
	r.mu.Unlock()
	if strings.Contains(out, "38;2;") || strings.Contains(out, "48;2;") {
		t.Error("24-bit colour sequences under --color 256")
	}
	if !strings.Contains(out, "38;5;") && !strings.Contains(out, "48;5;") {
		t.Error("no 256-colour sequences under --color 256")
	}
}
