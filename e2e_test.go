package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// TestEndToEnd builds the real binary, runs it in a pseudo-terminal whose
// output feeds a virtual terminal emulator (which also answers the
// program's terminal queries), and drives it like a person: step through
// every stage, move the cursor, edit the sentence, resize, quit.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "attnscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatalf("start in a pty: %v", err)
	}
	defer ptmx.Close()

	term := &screen{emu: vt.NewEmulator(100, 30)}
	go func() { // the emulator's replies to queries go back to the program
		buf := make([]byte, 256)
		for {
			n, err := term.emu.Read(buf)
			if n > 0 {
				ptmx.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				term.write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()

	term.waitFor(t, "Tokens") // where the journey starts
	term.waitFor(t, "BOOK")
	ptmx.Write([]byte("nn"))
	term.waitFor(t, "Attention scores")
	term.waitFor(t, "0.9995") // ω₁₁ of the book's example

	titles := []string{"Softmax", "Context vectors", "Query, key, value", "Scaled scores",
		"Attention weights", "Causal mask", "Dropout", "Heads", "Output"}
	for _, title := range titles {
		ptmx.Write([]byte("n"))
		term.waitFor(t, title)
	}
	for range 11 {
		ptmx.Write([]byte("p"))
	}
	term.waitFor(t, "Tokens")
	ptmx.Write([]byte("nn")) // back to the scores
	term.waitFor(t, "Attention scores")
	ptmx.Write([]byte("jl\x1b[B\x1b[C")) // cursor: j l ↓ →

	ptmx.Write([]byte("e"))
	term.waitFor(t, "enter")
	ptmx.Write([]byte("\x15Your journey starts with one step\r")) // Ctrl-U, type, Enter
	term.waitFor(t, "Attention scores")

	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 120, Rows: 40}); err != nil {
		t.Fatalf("resize: %v", err)
	}
	term.resize(120, 40)
	term.waitFor(t, "0.9995")

	ptmx.Write([]byte("q"))
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit: %v\nscreen:\n%s", err, term.text())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("did not quit on q\nscreen:\n%s", term.text())
	}
}

// screen is a virtual terminal fed from the pty.
type screen struct {
	mu  sync.Mutex
	emu *vt.Emulator
}

func (s *screen) write(p []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.emu.Write(p)
}

func (s *screen) resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.emu.Resize(w, h)
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for y := 0; y < s.emu.Height(); y++ {
		for x := 0; x < s.emu.Width(); x++ {
			if c := s.emu.CellAt(x, y); c != nil && c.Content != "" {
				b.WriteString(c.Content)
			} else if c == nil || c.Width != 0 {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (s *screen) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.text(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("screen never showed %q; it shows:\n%s", want, s.text())
}

var _ io.Writer = (*vt.Emulator)(nil)
