package hub

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// State is where a file's download stands in an Event.
type State int

const (
	// Cached: the blob was already in the cache; nothing is fetched.
	Cached State = iota
	// Started: the request for the bytes was answered; Done is where the
	// download resumes (0 for a fresh one).
	Started
	// Receiving: Done bytes of Total are on disk.
	Receiving
	// Finished: the file is complete, verified and linked.
	Finished
)

// Event reports a file's progress. Total is -1 when unknown.
type Event struct {
	File        string
	State       State
	Done, Total int64
	// SHA256 is set on Finished when the file was checked against the
	// sha256 the hub names it by (a large, LFS file).
	SHA256 bool
}

// Progress prints a Pull's Events: on a terminal one line per file
// redrawn in place (a bar, bytes, percent and rate, at most ten times a
// second); otherwise one line per file when it is done. Pass its Event
// method as Options.Progress.
type Progress struct {
	w     io.Writer
	tty   bool
	now   func() time.Time
	start time.Time // when the current file's bytes began
	from  int64     // bytes already on disk then (a resumed download)
	drawn time.Time // the last redraw
	live  bool      // a line is on screen without its newline
}

// NewProgress returns a Progress writing to w; terminal says whether w is
// one.
func NewProgress(w io.Writer, terminal bool) *Progress {
	return &Progress{w: w, tty: terminal, now: time.Now}
}

// End finishes a line left open by an interrupted or failed download, so
// that what is printed next starts on a line of its own.
func (p *Progress) End() {
	if p.live {
		fmt.Fprint(p.w, "\n")
		p.live = false
	}
}

// Event prints e.
func (p *Progress) Event(e Event) {
	switch e.State {
	case Cached:
		p.line(fmt.Sprintf("%s  %s  already in the cache", e.File, size(e.Total)))
	case Started:
		p.start, p.from, p.drawn = p.now(), e.Done, time.Time{}
		if p.tty {
			p.redraw(e)
		}
	case Receiving:
		if p.tty && p.now().Sub(p.drawn) >= 100*time.Millisecond {
			p.redraw(e)
		}
	case Finished:
		if p.tty {
			p.redraw(e)
			fmt.Fprint(p.w, "\n")
			p.live = false
			return
		}
		msg := fmt.Sprintf("%s  %s  downloaded", e.File, size(e.Done))
		if p.from > 0 {
			msg += fmt.Sprintf(" (resumed at %s)", size(p.from))
		}
		if e.SHA256 {
			msg += ", sha256 verified"
		}
		p.line(msg)
	}
}

func (p *Progress) line(s string) {
	p.End()
	fmt.Fprintln(p.w, s)
}

func (p *Progress) redraw(e Event) {
	now := p.now()
	p.drawn = now
	const width = 24
	bar, pct := strings.Repeat("·", width), "   ?%"
	if e.Total > 0 {
		fill := int(min(e.Done, e.Total) * width / e.Total)
		bar = strings.Repeat("█", fill) + strings.Repeat("·", width-fill)
		pct = fmt.Sprintf("%4d%%", min(e.Done, e.Total)*100/e.Total)
	}
	rate := ""
	if secs := now.Sub(p.start).Seconds(); secs > 0.2 {
		rate = "  " + size(int64(float64(e.Done-p.from)/secs)) + "/s"
	}
	name := e.File
	if len(name) > 28 {
		name = "…" + name[len(name)-27:]
	}
	fmt.Fprintf(p.w, "\r\x1b[K%-28s %s %s  %s / %s%s", name, bar, pct, size(e.Done), size(e.Total), rate)
	p.live = true
}

// size is a byte count for people: 665 B, 1.2 kB, 548.1 MB.
func size(n int64) string {
	if n < 0 {
		return "?"
	}
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	f, units := float64(n), []string{"kB", "MB", "GB", "TB"}
	for i, u := range units {
		f /= 1000
		if f < 1000 || i == len(units)-1 {
			return fmt.Sprintf("%.1f %s", f, u)
		}
	}
	return ""
}
