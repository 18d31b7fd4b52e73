package checkpoint

import (
	"errors"
	"fmt"
	"math"
	"os"
	"unsafe"
)

// arena owns the mapped files and converted tensors of one Model.
type arena struct {
	regions [][]byte
}

// open maps a whole file. The size comes from the file system, never from
// the file's contents.
func (a *arena) open(path string) ([]byte, error) {
	// Checked before opening too: opening a named pipe blocks until
	// something writes to it.
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fileErr(path, "not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(path, "%v", unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileErr(path, "%v", unwrapPath(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, fileErr(path, "not a regular file")
	}
	if fi.Size() > math.MaxInt {
		return nil, fileErr(path, "file of %d bytes is too large for this platform", fi.Size())
	}
	b, err := mapFile(f, int(fi.Size()))
	if err != nil {
		return nil, fileErr(path, "%v", err)
	}
	a.regions = append(a.regions, b)
	return b, nil
}

// floats returns n zeroed float32s outside the Go heap where possible.
func (a *arena) floats(n int) ([]float32, error) {
	if n < 0 || n > math.MaxInt/4 {
		return nil, fmt.Errorf("cannot allocate %d floats", n)
	}
	if n == 0 {
		return []float32{}, nil
	}
	b, err := anonBytes(4 * n)
	if err != nil {
		return nil, err
	}
	a.regions = append(a.regions, b)
	return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), n), nil
}

// release unmaps every region; the arena's slices must not be used after.
func (a *arena) release() error {
	var errs []error
	for _, r := range a.regions {
		if err := unmap(r); err != nil {
			errs = append(errs, err)
		}
	}
	a.regions = nil
	return errors.Join(errs...)
}

// unwrapPath drops the *os.PathError wrapper, whose path the Error already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
