package hub_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attnscope/attnscope/checkpoint/hub"
	"github.com/attnscope/attnscope/checkpoint/hub/hubtest"
)

const repo = "openai-community/gpt2"

var (
	config  = []byte(`{"model_type": "gpt2", "n_embd": 8, "n_head": 2, "n_layer": 1}` + "\n")
	weights = func() []byte {
		b := make([]byte, 3<<20+17) // several reads, an odd length
		for i := range b {
			b[i] = byte(i*7 + i>>9)
		}
		return b
	}()
)

// fakeHub starts the servers with the two default files and points the
// environment at them and at an empty cache.
func fakeHub(t *testing.T) (*hubtest.Server, string) {
	t.Helper()
	s := hubtest.New(t, repo,
		hubtest.File{Name: "config.json", Data: config},
		hubtest.File{Name: "model.safetensors", Data: weights, LFS: true})
	cache := t.TempDir()
	t.Setenv("HF_HUB_CACHE", cache)
	t.Setenv("HF_ENDPOINT", s.Hub.URL)
	t.Setenv("HF_TOKEN", "")
	t.Setenv("HUGGING_FACE_HUB_TOKEN", "")
	t.Setenv("HF_TOKEN_PATH", filepath.Join(cache, "no-token"))
	t.Setenv("HF_HUB_OFFLINE", "")
	return s, cache
}

func pull(t *testing.T, o hub.Options) (string, error) {
	t.Helper()
	if o.Repo == "" {
		o.Repo = repo
	}
	return hub.Pull(context.Background(), o)
}

// tree lists every path under root with what it is: "d" for a folder,
// "-> target" for a symlink, "N bytes" for a file.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+" -> "+target)
		case fi.IsDir():
			out = append(out, rel+"/")
		default:
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestPullLaysOutTheCacheAsHuggingFaceHubDoes(t *testing.T) {
	s, cache := fakeHub(t)
	dir, err := pull(t, hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rd := filepath.Join(cache, "models--openai-community--gpt2")
	if want := filepath.Join(rd, "snapshots", s.Commit); dir != want {
		t.Fatalf("snapshot %s, want %s", dir, want)
	}
	sha, gitID := hubtest.SHA256(weights), hubtest.GitBlobID(config)
	want := []string{
		"blobs/",
		"blobs/" + gitID,
		"blobs/" + sha,
		"refs/",
		"refs/main",
		"snapshots/",
		"snapshots/" + s.Commit + "/",
		"snapshots/" + s.Commit + "/config.json -> ../../blobs/" + gitID,
		"snapshots/" + s.Commit + "/model.safetensors -> ../../blobs/" + sha,
	}
	slices.Sort(want)
	if got := tree(t, rd); !slices.Equal(got, want) {
		t.Errorf("layout:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b, _ := os.ReadFile(filepath.Join(rd, "refs", "main")); string(b) != s.Commit {
		t.Errorf("refs/main holds %q, want the bare commit %q", b, s.Commit)
	}
	for name, data := range map[string][]byte{"config.json": config, "model.safetensors": weights} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(b, data) {
			t.Errorf("%s through its link: %d bytes, err %v", name, len(b), err)
		}
	}
	if _, err := os.Stat(filepath.Join(cache, ".locks", "models--openai-community--gpt2", sha+".lock")); err != nil {
		t.Errorf("no huggingface_hub lock file: %v", err)
	}
	if found, tried := hub.Find(repo); found != dir {
		t.Errorf("Find(%q) = %q (tried %v), want %q", repo, found, tried, dir)
	}
	// the commit-pinned second request and the HEAD-then-GET order
	var got []string
	for _, r := range s.Requests() {
		got = append(got, r.Server+" "+r.Method+" "+r.Path)
	}
	wantReqs := []string{
		"hub HEAD /" + repo + "/resolve/main/config.json",
		"hub GET /" + repo + "/resolve/main/config.json",
		"hub HEAD /" + repo + "/resolve/" + s.Commit + "/model.safetensors",
		"hub GET /" + repo + "/resolve/" + s.Commit + "/model.safetensors",
		"storage GET /blobs/" + sha,
	}
	if !slices.Equal(got, wantReqs) {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantReqs, "\n"))
	}
}

func TestPullResumesAnIncompleteBlob(t *testing.T) {
	for _, ignoreRange := range []bool{false, true} {
		s, cache := fakeHub(t)
		s.IgnoreRange = ignoreRange
		blobs := filepath.Join(cache, "models--openai-community--gpt2", "blobs")
		os.MkdirAll(blobs, 0o755)
		sha := hubtest.SHA256(weights)
		part := filepath.Join(blobs, sha+".incomplete")
		if err := os.WriteFile(part, weights[:1234567], 0o644); err != nil {
			t.Fatal(err)
		}
		dir, err := pull(t, hub.Options{})
		if err != nil {
			t.Fatalf("ignoreRange %v: %v", ignoreRange, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "model.safetensors")); !bytes.Equal(b, weights) {
			t.Errorf("ignoreRange %v: resumed file differs (%d bytes)", ignoreRange, len(b))
		}
		if _, err := os.Stat(part); !os.IsNotExist(err) {
			t.Errorf("ignoreRange %v: .incomplete left: %v", ignoreRange, err)
		}
		var ranges []string
		for _, r := range s.Requests() {
			if r.Server == "storage" {
				ranges = append(ranges, r.Range)
			}
		}
		if !slices.Equal(ranges, []string{"bytes=1234567-"}) {
			t.Errorf("ignoreRange %v: storage saw ranges %q", ignoreRange, ranges)
		}
	}
}

func TestPullChecksumMismatchKeepsNothing(t *testing.T) {
	s, cache := fakeHub(t)
	s.Corrupt = true
	_, err := pull(t, hub.Options{})
	if !errors.Is(err, hub.ErrChecksum) || !strings.Contains(err.Error(), "model.safetensors") {
		t.Fatalf("err %v, want a checksum error naming the file", err)
	}
	rd := filepath.Join(cache, "models--openai-community--gpt2")
	for _, p := range tree(t, rd) {
		if strings.Contains(p, hubtest.SHA256(weights)) || strings.HasPrefix(p, "refs/main") {
			t.Errorf("kept after a mismatch: %s", p)
		}
	}
	if d, _ := hub.Find(repo); d != "" {
		t.Errorf("Find found %s after a failed pull", d)
	}
}

func TestPullDoesNotRefetchAPresentBlob(t *testing.T) {
	s, _ := fakeHub(t)
	first, err := pull(t, hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := s.Count("", "GET")
	var events []hub.Event
	second, err := pull(t, hub.Options{Progress: func(e hub.Event) { events = append(events, e) }})
	if err != nil || second != first {
		t.Fatalf("second pull: %q, %v", second, err)
	}
	if n := s.Count("", "GET") - before; n != 0 {
		t.Errorf("%d GETs on the second pull, want none", n)
	}
	if len(events) != 2 || events[0].State != hub.Cached || events[1].State != hub.Cached || events[1].Total != int64(len(weights)) {
		t.Errorf("events %+v, want two Cached", events)
	}
}

func TestPullSendsTheTokenToTheHubOnly(t *testing.T) {
	s, _ := fakeHub(t)
	s.Token = "hf_secret"
	t.Setenv("HF_TOKEN", "hf_secret")
	if _, err := pull(t, hub.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Requests() {
		want := map[string]string{"hub": "Bearer hf_secret", "storage": ""}[r.Server]
		if r.Auth != want {
			t.Errorf("%s %s %s: Authorization %q, want %q", r.Server, r.Method, r.Path, r.Auth, want)
		}
	}
	if s.Count("storage", "GET") != 1 {
		t.Errorf("storage saw %d GETs", s.Count("storage", "GET"))
	}
}

func TestPullHTTPErrors(t *testing.T) {
	s, _ := fakeHub(t)
	_, err := pull(t, hub.Options{Repo: "nobody/nothing"})
	msg := err.Error()
	t.Log(msg)
	if !strings.Contains(msg, "404") || !strings.Contains(msg, "no such repository") || !strings.Contains(msg, s.Hub.URL+"/nobody/nothing/resolve/main/config.json") {
		t.Errorf("404: %v", err)
	}
	_, err = pull(t, hub.Options{Files: []string{"config.json", "pytorch_model.bin"}})
	if err == nil || !strings.Contains(err.Error(), "pytorch_model.bin") || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	_, err = pull(t, hub.Options{Revision: "v9"})
	if err == nil || !strings.Contains(err.Error(), "no such revision") {
		t.Errorf("missing revision: %v", err)
	}
	s.Token = "hf_secret"
	t.Setenv("HF_TOKEN", "hf_wrong")
	_, err = pull(t, hub.Options{})
	t.Log(err)
	var se *hub.StatusError
	if !errors.As(err, &se) || se.Status != 401 || !strings.Contains(err.Error(), "token may be needed") || strings.Contains(err.Error(), "hf_wrong") {
		t.Errorf("401: %v", err)
	}
	s.DenyCode = "GatedRepo"
	if _, err = pull(t, hub.Options{}); err == nil || !strings.Contains(err.Error(), "gated") {
		t.Errorf("gated: %v", err)
	}
}

func TestPullOffline(t *testing.T) {
	s, _ := fakeHub(t)
	t.Setenv("HF_HUB_OFFLINE", "1")
	_, err := pull(t, hub.Options{})
	if !errors.Is(err, hub.ErrOffline) || !strings.Contains(err.Error(), "HF_HUB_OFFLINE") {
		t.Fatalf("offline: %v", err)
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests while offline", n)
	}
	t.Setenv("HF_HUB_OFFLINE", "")
	dir, err := pull(t, hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("HF_HUB_OFFLINE", "true")
	if got, err := pull(t, hub.Options{}); err != nil || got != dir {
		t.Errorf("offline with everything cached: %q, %v; want %q", got, err, dir)
	}
}

func TestPullRejectsHostileNames(t *testing.T) {
	s, _ := fakeHub(t)
	for _, name := range []string{"", "../x", "/abs", "a/b/c", "a/../b", "a//b", "-x", "x.", "a--b", `a\b`, "x.git", "a b", strings.Repeat("a", 97)} {
		if _, err := hub.Pull(context.Background(), hub.Options{Repo: name}); !errors.Is(err, hub.ErrInvalid) {
			t.Errorf("repo %q: %v", name, err)
		}
	}
	for _, rev := range []string{"../main", "/etc", "a/../../b", "a\\b", "x y"} {
		if _, err := pull(t, hub.Options{Revision: rev}); !errors.Is(err, hub.ErrInvalid) {
			t.Errorf("revision %q: %v", rev, err)
		}
	}
	if _, err := pull(t, hub.Options{Files: []string{"../../../evil"}}); !errors.Is(err, hub.ErrInvalid) {
		t.Errorf("file ../../../evil: %v", err)
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests for invalid names", n)
	}
}

func TestPullRejectsHostileServerValues(t *testing.T) {
	for _, c := range []struct{ commit, etag string }{
		{commit: "../x"}, {commit: "/abs"}, {commit: "../../../../tmp/x"}, {commit: "0123456789abcdef0123456789abcdef0123456/"},
		{etag: `"../x"`}, {etag: `"/abs"`}, {etag: `"..\\x"`}, {etag: `"a.incomplete"`}, {etag: `""`},
	} {
		s, cache := fakeHub(t)
		s.CommitHeader = c.commit
		if c.etag != "" {
			s.EtagHeader = map[string]string{"config.json": c.etag}
		}
		_, err := pull(t, hub.Options{})
		if err == nil || !strings.Contains(err.Error(), "config.json") {
			t.Errorf("%+v: %v, want an error naming the file", c, err)
		}
		if got := tree(t, cache); len(got) != 0 {
			t.Errorf("%+v: files written: %v", c, got)
		}
	}
}

func TestPullInterruptedLeavesAResumableIncomplete(t *testing.T) {
	s, cache := fakeHub(t)
	s.Stall = true
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		select {
		case <-s.Stalled:
		case <-time.After(10 * time.Second):
		}
		time.Sleep(50 * time.Millisecond) // let the half reach the file
		cancel()
	}()
	_, err := hub.Pull(ctx, hub.Options{Repo: repo})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	rd := filepath.Join(cache, "models--openai-community--gpt2")
	sha := hubtest.SHA256(weights)
	part, err := os.ReadFile(filepath.Join(rd, "blobs", sha+".incomplete"))
	if err != nil || len(part) == 0 || !bytes.Equal(part, weights[:len(part)]) {
		t.Fatalf(".incomplete: %d bytes, %v; want a prefix of the file", len(part), err)
	}
	for _, p := range tree(t, rd) {
		if strings.HasPrefix(p, "refs/main") || p == "blobs/"+sha || strings.HasSuffix(p, "model.safetensors -> ../../blobs/"+sha) {
			t.Errorf("kept after an interrupt: %s", p)
		}
	}
	s.Stall = false
	dir, err := pull(t, hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "model.safetensors")); !bytes.Equal(b, weights) {
		t.Error("the resumed file differs")
	}
	rs := s.Requests()
	if last := rs[len(rs)-1]; last.Server != "storage" || last.Range != "bytes="+strconv.Itoa(len(part))+"-" {
		t.Errorf("resume request %+v, want Range from %d", last, len(part))
	}
}

func TestPullFollowsARenameOnTheHub(t *testing.T) {
	s, cache := fakeHub(t)
	s.Aliases = []string{"gpt2"}
	s.Token = "hf_secret"
	t.Setenv("HF_TOKEN", "hf_secret")
	dir, err := pull(t, hub.Options{Repo: "gpt2"})
	if err != nil {
		t.Fatal(err)
	}
	// stored under the name asked for, as huggingface_hub stores it
	if want := filepath.Join(cache, "models--gpt2", "snapshots", s.Commit); dir != want {
		t.Errorf("snapshot %s, want %s", dir, want)
	}
	if found, _ := hub.Find("gpt2"); found != dir {
		t.Errorf("Find(gpt2) = %q, want %q", found, dir)
	}
}

func TestPullGivesUpOnAStalledDownload(t *testing.T) {
	s, cache := fakeHub(t)
	s.Stall = true
	t.Cleanup(hub.SetStallTimeout(300 * time.Millisecond))
	_, err := pull(t, hub.Options{})
	if err == nil || !strings.Contains(err.Error(), "no data received") || !strings.Contains(err.Error(), "model.safetensors") {
		t.Fatalf("err %v, want a stall naming the file", err)
	}
	part := filepath.Join(cache, "models--openai-community--gpt2", "blobs", hubtest.SHA256(weights)+".incomplete")
	if fi, err := os.Stat(part); err != nil || fi.Size() == 0 {
		t.Errorf("no resumable .incomplete after a stall: %v", err)
	}
}

func TestPullReadsTheLoginTokenFile(t *testing.T) {
	s, _ := fakeHub(t)
	s.Token = "hf_fromfile"
	path := filepath.Join(t.TempDir(), "token")
	os.WriteFile(path, []byte("hf_fromfile\n"), 0o600)
	t.Setenv("HF_TOKEN_PATH", path)
	if _, err := pull(t, hub.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HF_TOKEN", "hf_bad\r\nX-Injected: 1")
	_, err := pull(t, hub.Options{Repo: "x/y"})
	if err == nil || strings.Contains(err.Error(), "hf_bad") || strings.Contains(err.Error(), "Injected") {
		t.Errorf("a token with a line break: %v", err)
	}
}
