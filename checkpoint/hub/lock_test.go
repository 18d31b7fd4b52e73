//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package hub

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestLockExcludesWaitsAndHonoursTheContext(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".locks", "models--x", "etag.lock")
	unlock, err := lock(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := lock(ctx, p); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a held lock: %v, want the context's deadline", err)
	}
	go func() { time.Sleep(100 * time.Millisecond); unlock() }()
	again, err := lock(context.Background(), p)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}
