package hub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// maxRedirects bounds a chain of redirects, as net/http does.
const maxRedirects = 10

// StatusError is an HTTP answer that is not a success. Code is the hub's
// X-Error-Code (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo…)
// when it sent one.
type StatusError struct {
	Status  int
	Code    string
	Message string // the hub's X-Error-Message, cut to one short line
}

func (e *StatusError) Error() string {
	var why string
	switch {
	case e.Code == "GatedRepo":
		why = "a gated model: accept its terms on the hub, then set HF_TOKEN to a token of that account"
	case e.Code == "RepoNotFound":
		why = "no such repository (a private one also answers so without a token: set HF_TOKEN)"
	case e.Code == "RevisionNotFound":
		why = "no such revision in the repository"
	case e.Code == "EntryNotFound":
		why = "no such file in the repository at this revision"
	case e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden:
		why = "access denied: the model may be gated or private, and a token may be needed (set HF_TOKEN)"
	case e.Status == http.StatusNotFound:
		why = "the repository, the revision or the file was not found"
	case e.Status == http.StatusTooManyRequests:
		why = "too many requests: wait a while and run again (a partial download resumes)"
	case e.Status >= 500:
		why = "the server failed: run again later (a partial download resumes)"
	default:
		why = "unexpected answer"
	}
	s := fmt.Sprintf("%d %s: %s", e.Status, strings.ToLower(http.StatusText(e.Status)), why)
	if e.Message != "" {
		s += " (the hub says: " + e.Message + ")"
	}
	return s
}

func statusError(resp *http.Response) *StatusError {
	// the hub's own words, kept to one short printable line
	msg := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(resp.Header.Get("X-Error-Message"), "?"))
	if r := []rune(msg); len(r) > 200 {
		msg = string(r[:200]) + "…"
	}
	return &StatusError{Status: resp.StatusCode, Code: resp.Header.Get("X-Error-Code"), Message: msg}
}

// client makes the hub's requests: redirects are followed by hand so that
// the token goes only to the endpoint's own origin.
type client struct {
	hc     *http.Client
	origin *url.URL // the endpoint: the only origin that sees the token
	token  string
	agent  string
}

func newClient(o *Options) (*client, error) {
	u, err := url.Parse(o.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("endpoint %q: want an http or https URL", o.Endpoint)
	}
	hc := http.Client{}
	if o.HTTPClient != nil {
		hc = *o.HTTPClient
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &client{hc: &hc, origin: u, token: o.Token, agent: o.UserAgent}, nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

// do sends method to u with extra headers, following redirects while
// follow allows; it returns the last answer and the URL that gave it. The
// caller closes the body.
func (c *client) do(ctx context.Context, method string, u *url.URL, hdr http.Header, follow func(from, to *url.URL) bool) (*http.Response, *url.URL, error) {
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
		if err != nil {
			return nil, u, err
		}
		for k, v := range hdr {
			req.Header[k] = v
		}
		// identity: sizes, ranges and hashes are of the stored bytes
		req.Header.Set("Accept-Encoding", "identity")
		if c.agent != "" {
			req.Header.Set("User-Agent", c.agent)
		}
		if c.token != "" && sameOrigin(u, c.origin) {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			return nil, u, unwrapURLError(err)
		}
		loc := resp.Header.Get("Location")
		if !isRedirect(resp.StatusCode) || loc == "" {
			return resp, u, nil
		}
		next, err := u.Parse(loc)
		if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
			resp.Body.Close()
			return nil, u, fmt.Errorf("redirected to an unusable location %q", redact(loc))
		}
		if !follow(u, next) {
			return resp, u, nil
		}
		if hop+1 >= maxRedirects {
			resp.Body.Close()
			return nil, u, fmt.Errorf("more than %d redirects", maxRedirects)
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		u = next
	}
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// unwrapURLError drops net/http's `Get "URL":` prefix: callers name the URL
// themselves, without the query a signed redirect carries.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redact is a URL for a message: without its query (a signed storage URL
// carries its credentials there) and without user information.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if i := strings.IndexAny(raw, "?#"); i >= 0 {
			raw = raw[:i]
		}
		return raw
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}

// meta is what the HEAD of a file says.
type meta struct {
	commit string
	etag   string
	size   int64 // -1 when unknown
}

// head asks for a file's metadata as huggingface_hub does: a HEAD that
// follows redirects within the endpoint (a renamed repository) but stops at
// one to another host (the storage of a large file), whose headers already
// carry the commit and the etag.
func (c *client) head(ctx context.Context, u *url.URL) (meta, error) {
	ctx, cancel := context.WithTimeout(ctx, headTimeout)
	defer cancel()
	resp, _, err := c.do(ctx, http.MethodHead, u, nil, func(from, to *url.URL) bool { return sameOrigin(from, to) })
	if err != nil {
		return meta{}, err
	}
	resp.Body.Close()
	if resp.StatusCode >= 400 || resp.StatusCode < 200 {
		return meta{}, statusError(resp)
	}
	m := meta{commit: strings.TrimSpace(resp.Header.Get("X-Repo-Commit")), size: -1}
	m.etag = normalizeEtag(resp.Header.Get("X-Linked-Etag"))
	if m.etag == "" {
		m.etag = normalizeEtag(resp.Header.Get("ETag"))
	}
	if s := resp.Header.Get("X-Linked-Size"); s != "" {
		m.size = parseSize(s)
	} else if resp.StatusCode == http.StatusOK {
		m.size = resp.ContentLength
	}
	switch {
	case m.commit == "":
		return meta{}, errors.New("the answer has no X-Repo-Commit header: is the endpoint a Hugging Face hub?")
	case !isCommit(m.commit):
		return meta{}, fmt.Errorf("the answer names an invalid commit %q", cut(m.commit))
	case m.etag == "":
		return meta{}, errors.New("the answer has no ETag or X-Linked-Etag header: is the endpoint a Hugging Face hub?")
	case !validEtag(m.etag):
		return meta{}, fmt.Errorf("the answer names an invalid etag %q", cut(m.etag))
	}
	return m, nil
}

func parseSize(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// cut keeps a server-sent value short in a message.
func cut(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// contentRange parses "bytes START-END/TOTAL" (TOTAL may be "*").
func contentRange(s string) (start, total int64, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(s), "bytes ")
	if !found {
		return 0, 0, false
	}
	span, tot, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	a, _, found := strings.Cut(span, "-")
	if !found {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(a, 10, 64)
	if err != nil || start < 0 {
		return 0, 0, false
	}
	total = -1
	if tot != "*" {
		if total = parseSize(tot); total < 0 {
			return 0, 0, false
		}
	}
	return start, total, true
}
