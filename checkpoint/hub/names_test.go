package hub

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestValidNames(t *testing.T) {
	for _, repo := range []string{"gpt2", "openai-community/gpt2", "EleutherAI/gpt-neo-125m", "a", "A_b.c-d/x_1"} {
		if err := ValidateRepo(repo); err != nil {
			t.Errorf("ValidateRepo(%q): %v", repo, err)
		}
	}
	for _, rev := range []string{"main", "v1.0", "refs/pr/1", "0123456789abcdef0123456789abcdef01234567"} {
		if err := ValidateRevision(rev); err != nil {
			t.Errorf("ValidateRevision(%q): %v", rev, err)
		}
	}
}

func TestContentRange(t *testing.T) {
	for in, want := range map[string][3]int64{
		"bytes 100-199/200": {100, 200, 1},
		"bytes 0-0/*":       {0, -1, 1},
		"bytes 5-9":         {0, 0, 0},
		"bytes -5-9/10":     {0, 0, 0},
		"items 0-1/2":       {0, 0, 0},
		"bytes 1-2/x":       {0, 0, 0},
		"":                  {0, 0, 0},
	} {
		s, tot, ok := contentRange(in)
		got := [3]int64{s, tot, 0}
		if ok {
			got[2] = 1
		}
		if got != want {
			t.Errorf("contentRange(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzNames: whatever a user or a server sends, a value that passes its
// check stays inside the folder it is joined to.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"gpt2", "a/b", "../x", "/abs", `W/"abc"`, "a/./b", "x\x00y", "refs/pr/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		const root = "/cache/models--x"
		inside := func(p string) bool {
			rel, err := filepath.Rel(root, filepath.Join(root, p))
			return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
		}
		if ValidateRepo(s) == nil && (!inside(strings.ReplaceAll(s, "/", "--")) || strings.Contains(s, "..")) {
			t.Errorf("repo %q escapes", s)
		}
		if ValidateRevision(s) == nil && !inside(filepath.Join("refs", s)) {
			t.Errorf("revision %q escapes", s)
		}
		if validateFile(s) == nil && filepath.Clean(s) != filepath.FromSlash(s) {
			t.Errorf("file %q is not clean", s)
		}
		if e := normalizeEtag(s); validEtag(e) && filepath.Base(e) != e {
			t.Errorf("etag %q is not a plain name", e)
		}
		contentRange(s)
	})
}

func TestResolveURLEscapesAsHuggingFaceHub(t *testing.T) {
	u, err := resolveURL("https://hub.example/mirror", "org/m", "refs/pr/1", "onnx/model v2.onnx")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.String(), "https://hub.example/mirror/org/m/resolve/refs%2Fpr%2F1/onnx/model%20v2.onnx"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
