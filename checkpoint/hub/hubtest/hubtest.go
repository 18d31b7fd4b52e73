// Package hubtest is a fake Hugging Face hub for tests: two local HTTP
// servers that answer as huggingface.co and its file storage do. The hub
// serves HEAD and GET on /{repo}/resolve/{rev}/{file} with X-Repo-Commit
// and an ETag (a small file's git blob id); a large (LFS) file answers with
// X-Linked-Etag (its sha256), X-Linked-Size and a 302 to the storage
// server, which serves the bytes and Range requests (206).
package hubtest

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// File is a file of the repository.
type File struct {
	Name string
	Data []byte
	LFS  bool // served through the storage server, named by its sha256
}

// Request is one request a server saw.
type Request struct {
	Server string // "hub" or "storage"
	Method string
	Path   string
	Range  string
	Auth   string // the Authorization header
}

// Server is the fake hub. Set its knobs before the first request.
type Server struct {
	Hub, Storage *httptest.Server
	Repo         string
	Commit       string // 40 hex digits; "main" resolves to it
	Files        map[string]File

	// Token, when set, is required: other requests get 401, with
	// DenyCode as X-Error-Code when set (GatedRepo, RepoNotFound).
	Token    string
	DenyCode string
	// Commit and etag headers sent instead of the real ones when set.
	CommitHeader string
	EtagHeader   map[string]string // by file name
	// Aliases are former names of the repository: the hub answers them
	// with a relative 307 to the current name, as for a renamed one.
	Aliases []string
	// Corrupt makes the storage serve other bytes than the sha256 names.
	Corrupt bool
	// IgnoreRange makes the storage answer 200 with the whole file.
	IgnoreRange bool
	// Stall makes the storage send half of the file, then wait until the
	// request is cancelled; Stalled is closed once the half is sent.
	Stall   bool
	Stalled chan struct{}

	mu   sync.Mutex
	reqs []Request
	once sync.Once
}

// New starts the servers for repo with files; they stop at the test's end.
func New(t testing.TB, repo string, files ...File) *Server {
	t.Helper()
	s := &Server{
		Repo:    repo,
		Commit:  "0123456789abcdef0123456789abcdef01234567",
		Files:   map[string]File{},
		Stalled: make(chan struct{}),
	}
	for _, f := range files {
		s.Files[f.Name] = f
	}
	s.Hub = httptest.NewServer(http.HandlerFunc(s.hub))
	s.Storage = httptest.NewServer(http.HandlerFunc(s.storage))
	t.Cleanup(s.Storage.Close)
	t.Cleanup(s.Hub.Close)
	return s
}

// Requests returns what the servers saw, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Count is how many requests matched server ("hub", "storage" or "") and
// method ("" for any).
func (s *Server) Count(server, method string) int {
	n := 0
	for _, r := range s.Requests() {
		if (server == "" || r.Server == server) && (method == "" || r.Method == method) {
			n++
		}
	}
	return n
}

func (s *Server) record(server string, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, Request{server, r.Method, r.URL.Path, r.Header.Get("Range"), r.Header.Get("Authorization")})
}

// SHA256 is the hex sha256 of data.
func SHA256(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// GitBlobID is git's id of data as a blob, the hub's ETag of a small file.
func GitBlobID(data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (s *Server) hub(w http.ResponseWriter, r *http.Request) {
	s.record("hub", r)
	fail := func(code int, errCode string) {
		if errCode != "" {
			w.Header().Set("X-Error-Code", errCode)
			w.Header().Set("X-Error-Message", errCode)
		}
		w.WriteHeader(code)
	}
	if s.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.Token {
		fail(http.StatusUnauthorized, s.DenyCode)
		return
	}
	for _, a := range s.Aliases {
		if rest, ok := strings.CutPrefix(r.URL.Path, "/"+a+"/resolve/"); ok {
			w.Header().Set("Location", "/"+s.Repo+"/resolve/"+rest)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+s.Repo+"/resolve/")
	if !ok {
		fail(http.StatusNotFound, "RepoNotFound")
		return
	}
	rev, name, _ := strings.Cut(rest, "/")
	if rev != "main" && rev != s.Commit {
		fail(http.StatusNotFound, "RevisionNotFound")
		return
	}
	f, ok := s.Files[name]
	if !ok {
		fail(http.StatusNotFound, "EntryNotFound")
		return
	}
	commit := s.Commit
	if s.CommitHeader != "" {
		commit = s.CommitHeader
	}
	w.Header().Set("X-Repo-Commit", commit)
	if !f.LFS {
		etag := `"` + GitBlobID(f.Data) + `"`
		if e, ok := s.EtagHeader[name]; ok {
			etag = e
		}
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.Data))
		return
	}
	etag := `"` + SHA256(f.Data) + `"`
	if e, ok := s.EtagHeader[name]; ok {
		etag = e
	}
	w.Header().Set("X-Linked-Etag", etag)
	w.Header().Set("X-Linked-Size", fmt.Sprint(len(f.Data)))
	w.Header().Set("ETag", `W/"not-the-blob-name"`)
	w.Header().Set("Location", s.Storage.URL+"/blobs/"+SHA256(f.Data)+"?X-Signature=secret")
	w.WriteHeader(http.StatusFound)
}

func (s *Server) storage(w http.ResponseWriter, r *http.Request) {
	s.record("storage", r)
	sum, _ := strings.CutPrefix(r.URL.Path, "/blobs/")
	var data []byte
	for _, f := range s.Files {
		if f.LFS && SHA256(f.Data) == sum {
			data = f.Data
		}
	}
	if data == nil || r.URL.Query().Get("X-Signature") != "secret" {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	if s.Corrupt {
		data = append([]byte(nil), data...)
		data[len(data)/2] ^= 1
	}
	switch {
	case s.Stall:
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.WriteHeader(http.StatusOK)
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		s.once.Do(func() { close(s.Stalled) })
		<-r.Context().Done()
	case s.IgnoreRange:
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.Write(data)
	default:
		http.ServeContent(w, r, sum, time.Time{}, bytes.NewReader(data))
	}
}
