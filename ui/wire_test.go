package ui

import (
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/pipeline"
)

// countingWriter is a fake terminal: it counts what the renderer sends.
type countingWriter struct {
	mu sync.Mutex
	n  int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.n += len(p)
	w.mu.Unlock()
	return len(p), nil
}

func (w *countingWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// settle waits until the writer has been quiet for a few frames.
func (w *countingWriter) settle() int {
	last := -1
	for {
		time.Sleep(40 * time.Millisecond)
		if n := w.count(); n == last {
			return n
		} else {
			last = n
		}
	}
}

// BenchmarkBytesOnWire measures what the real bubbletea renderer writes to
// a 120×40 truecolor terminal for one key press on the book example
// (targets: a cursor move ≤ 2 KB, a stage step ≤ one full frame). The
// metrics are bytes/key; ns/op is dominated by waiting for frames.
func BenchmarkBytesOnWire(b *testing.B) {
	for _, c := range []struct {
		name string
		keys []string
	}{
		{"cursor-move", []string{"l", "j", "h", "k"}},
		{"stage-step", []string{"n", "p"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			w := &countingWriter{}
			p := tea.NewProgram(New(bookScene(b), pipeline.StageScores),
				tea.WithInput(nil), tea.WithOutput(w), tea.WithWindowSize(120, 40),
				tea.WithColorProfile(colorprofile.TrueColor), tea.WithoutSignals())
			done := make(chan struct{})
			go func() { p.Run(); close(done) }()
			full := w.settle()
			var sent, bytes int
			for i := 0; b.Loop(); i++ {
				before := w.count()
				p.Send(keyMsg(c.keys[i%len(c.keys)]))
				bytes += w.settle() - before
				sent++
			}
			p.Quit()
			<-done
			b.ReportMetric(float64(bytes)/float64(sent), "bytes/key")
			b.ReportMetric(float64(full), "bytes/first-frame")
		})
	}
}
