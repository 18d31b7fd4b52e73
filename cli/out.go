package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// output writes data to standard output, or to the file at path (see
// writeFile).
func output(e *env, path string, data []byte) error {
	return outputTo(e, path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// outputTo is output for a writer function (a large export is streamed,
// never held whole). Once e's context ends (a signal), writes fail and
// nothing is left behind.
func outputTo(e *env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		if err := write(ctxWriter{e.ctx, e.stdout}); err != nil {
			return fmt.Errorf("write standard output: %w", err)
		}
		return nil
	}
	return writeFile(e.ctx, path, write)
}

// ctxWriter fails every write once ctx has ended.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// writeFile writes to path so that it never holds a partial file:
//   - a symbolic link is followed, and its target written;
//   - a target that exists and is not a regular file (a device, a pipe)
//     is opened and written through, never replaced;
//   - otherwise the data goes to a temporary file in the target's
//     directory, renamed over the target once complete. A new file gets
//     0666 less the umask; an existing one keeps its mode.
//
// On any error or once ctx ends, the temporary file is removed.
func writeFile(ctx context.Context, path string, write func(io.Writer) error) error {
	target, err := resolveLinks(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return writeThrough(ctx, target, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := createTemp(target)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if testHookTempCreated != nil {
		testHookTempCreated(ctx)
	}
	err = write(ctxWriter{ctx, tmp})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && fi != nil {
		err = os.Chmod(tmp.Name(), fi.Mode().Perm())
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// testHookTempCreated, when set by a test, runs once the temporary file
// exists.
var testHookTempCreated func(context.Context)

// writeThrough writes into an existing file that is not a regular one.
func writeThrough(ctx context.Context, path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	err = write(ctxWriter{ctx, f})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// createTemp creates ".NAME.tmpNNNN" beside path with mode 0666 less the
// umask (os.CreateTemp would make it 0600).
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(rand.Uint64()%1e9, 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, errors.New("cannot create a temporary file beside it")
}

// resolveLinks follows path while it is a symbolic link and returns what
// it names at last (which may not exist yet).
func resolveLinks(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}
