package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// ErrChecksum is a downloaded large file whose sha256 is not its etag.
var ErrChecksum = errors.New("sha256 mismatch")

// errStalled cancels a download that received nothing for stallTimeout.
var errStalled = errors.New("no data received for a minute")

var stallTimeout = time.Minute

// headTimeout bounds a file's HEAD request and its redirects.
const headTimeout = 30 * time.Second

// fetch is one blob's download into blobs/<etag>.incomplete, then renamed
// to blobs/<etag>.
type fetch struct {
	c        *client
	file     string   // the name in the repository, for messages and progress
	u        *url.URL // the resolve URL
	m        meta
	blob     string // blobs/<etag>
	progress func(Event)
}

// run downloads the blob, resuming a partial .incomplete. On a checksum or
// size mismatch nothing is kept; on any other failure (a broken connection,
// an interrupt) the .incomplete stays for the next run to resume.
func (f *fetch) run(ctx context.Context) error {
	tmp := f.blob + ".incomplete"
	out, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	var h hash.Hash
	if isSHA256(f.m.etag) {
		h = sha256.New()
	}
	have, err := f.resume(out, h)
	if err != nil {
		return err
	}
	n, err := f.get(ctx, out, h, have, true)
	if err != nil {
		return err
	}
	if f.m.size >= 0 && n != f.m.size {
		if n > f.m.size {
			os.Remove(tmp)
		}
		return fmt.Errorf("received %d bytes, the hub announced %d", n, f.m.size)
	}
	if h != nil {
		if sum := hex.EncodeToString(h.Sum(nil)); !strings.EqualFold(sum, f.m.etag) {
			out.Close()
			os.Remove(tmp)
			return fmt.Errorf("%w: the file hashes to %s, the hub names it %s; nothing was kept", ErrChecksum, sum, f.m.etag)
		}
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, f.blob)
}

// resume hashes what a previous run left in out and returns its length.
func (f *fetch) resume(out *os.File, h hash.Hash) (int64, error) {
	fi, err := out.Stat()
	if err != nil {
		return 0, err
	}
	have := fi.Size()
	if f.m.size >= 0 && have > f.m.size {
		have = 0 // longer than the file: not a prefix of it
	}
	if have == 0 {
		return 0, out.Truncate(0)
	}
	if h != nil {
		if _, err := io.Copy(h, io.NewSectionReader(out, 0, have)); err != nil {
			return 0, err
		}
	}
	return have, nil
}

// get fetches the bytes from have on and appends them to out; a server that
// ignores the range (200) restarts the file, one that refuses it (416)
// restarts the request once without one. It returns the file's length.
func (f *fetch) get(ctx context.Context, out *os.File, h hash.Hash, have int64, retry bool) (int64, error) {
	hdr := http.Header{}
	if have > 0 {
		hdr.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stall := time.AfterFunc(stallTimeout, func() { cancel(errStalled) })
	defer stall.Stop()
	resp, _, err := f.c.do(ctx, http.MethodGet, f.u, hdr, func(_, _ *url.URL) bool { return true })
	if err != nil {
		if c := context.Cause(ctx); errors.Is(c, errStalled) {
			err = c
		}
		return have, err
	}
	defer resp.Body.Close()
	total := f.m.size
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		start, t, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			return have, fmt.Errorf("asked for bytes from %d, got Content-Range %q", have, cut(resp.Header.Get("Content-Range")))
		}
		if t >= 0 {
			total = t
		}
	case resp.StatusCode == http.StatusOK:
		if have > 0 {
			if have, err = restart(out, h); err != nil {
				return 0, err
			}
		}
		if total < 0 {
			total = resp.ContentLength
		}
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0 && retry:
		resp.Body.Close()
		if have, err = restart(out, h); err != nil {
			return 0, err
		}
		return f.get(ctx, out, h, have, false)
	default:
		return have, statusError(resp)
	}
	if _, err := out.Seek(have, io.SeekStart); err != nil {
		return have, err
	}
	f.progress(Event{File: f.file, State: Started, Done: have, Total: total})
	n, err := f.copy(ctx, stall, out, h, resp.Body, have, total)
	if err != nil {
		if c := context.Cause(ctx); errors.Is(c, errStalled) {
			err = c
		}
		return n, err
	}
	return n, nil
}

func restart(out *os.File, h hash.Hash) (int64, error) {
	if h != nil {
		h.Reset()
	}
	return 0, out.Truncate(0)
}

// copy moves the body into out (and h), reporting progress and pushing
// back the stall timer, which cancels the request when nothing arrives for
// stallTimeout.
func (f *fetch) copy(ctx context.Context, stall *time.Timer, out io.Writer, h hash.Hash, body io.Reader, done, total int64) (int64, error) {
	w := out
	if h != nil {
		w = io.MultiWriter(out, h)
	}
	buf := make([]byte, 256<<10)
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			stall.Reset(stallTimeout)
			if _, err := w.Write(buf[:n]); err != nil {
				return done, err
			}
			done += int64(n)
			f.progress(Event{File: f.file, State: Receiving, Done: done, Total: total})
		}
		if rerr == io.EOF {
			return done, nil
		}
		if rerr != nil {
			if err := ctx.Err(); err != nil && !errors.Is(context.Cause(ctx), errStalled) {
				return done, err
			}
			return done, rerr
		}
	}
}
