//go:build !unix

package checkpoint

import (
	"fmt"
	"io"
	"os"
)

// mapFile reads size bytes of f (no memory mapping on this platform).
func mapFile(f *os.File, size int) ([]byte, error) {
	b := make([]byte, size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, fmt.Errorf("reading the file: %w", err)
	}
	return b, nil
}

// anonBytes returns n zeroed bytes (on the Go heap on this platform).
func anonBytes(n int) ([]byte, error) { return make([]byte, n), nil }

// unmap lets the garbage collector have b.
func unmap([]byte) error { return nil }
