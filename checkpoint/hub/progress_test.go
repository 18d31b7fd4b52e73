package hub

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressOneLinePerFileWithoutATerminal(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, false).Event
	p(Event{File: "config.json", State: Cached, Done: 665, Total: 665})
	p(Event{File: "model.safetensors", State: Started, Done: 1000, Total: 548_105_171})
	for d := int64(1000); d < 548_105_171; d += 50_000_000 {
		p(Event{File: "model.safetensors", State: Receiving, Done: d, Total: 548_105_171})
	}
	p(Event{File: "model.safetensors", State: Finished, Done: 548_105_171, Total: 548_105_171, SHA256: true})
	want := "config.json  665 B  already in the cache\n" +
		"model.safetensors  548.1 MB  downloaded (resumed at 1.0 kB), sha256 verified\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestProgressBarOnATerminal(t *testing.T) {
	var b bytes.Buffer
	clock := time.Unix(0, 0)
	p := &Progress{w: &b, tty: true, now: func() time.Time { return clock }}
	const total = 100_000_000
	p.Event(Event{File: "model.safetensors", State: Started, Total: total})
	for i := 1; i <= 100; i++ {
		clock = clock.Add(20 * time.Millisecond) // 50 events a second, 5 MB/s
		p.Event(Event{File: "model.safetensors", State: Receiving, Done: int64(i) * total / 100, Total: total})
	}
	p.Event(Event{File: "model.safetensors", State: Finished, Done: total, Total: total})
	out := b.String()
	if n := strings.Count(out, "\r"); n < 20 || n > 23 { // start, ten a second for 2 s, the end
		t.Errorf("%d redraws, want about 22", n)
	}
	last := out[strings.LastIndex(out, "\r"):]
	for _, want := range []string{"model.safetensors", "100%", "100.0 MB / 100.0 MB", "50.0 MB/s", "████████████████████████"} {
		if !strings.Contains(last, want) {
			t.Errorf("last frame %q lacks %q", last, want)
		}
	}
	if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 {
		t.Errorf("want one newline, at the end: %q", out)
	}
	p.Event(Event{File: "big", State: Started, Total: 10})
	p.End()
	if !strings.HasSuffix(b.String(), "0 B / 10 B\n") {
		t.Errorf("End after an open line: %q", b.String()[strings.LastIndex(b.String(), "\r"):])
	}
	n := b.Len()
	if p.End(); b.Len() != n {
		t.Error("End without an open line printed something")
	}
	p.Event(Event{File: "config.json", State: Cached, Done: 10, Total: 10})
	if !strings.HasSuffix(b.String(), "\nconfig.json  10 B  already in the cache\n") {
		t.Errorf("cached line: %q", b.String())
	}
}

func TestSizes(t *testing.T) {
	for n, want := range map[int64]string{-1: "?", 0: "0 B", 999: "999 B", 1000: "1.0 kB", 548_105_171: "548.1 MB", 6_431_829_964: "6.4 GB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}
