package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/checkpoint/hub"
	"github.com/attnscope/attnscope/checkpoint/hub/hubtest"
)

// pullEnv points the hub at a fake one and the cache at a temporary folder,
// so that no test of pull reaches the network.
func pullEnv(t *testing.T) (*hubtest.Server, string) {
	t.Helper()
	s := hubtest.New(t, "openai-community/gpt2",
		hubtest.File{Name: "config.json", Data: []byte(`{"model_type": "gpt2"}`)},
		hubtest.File{Name: "model.safetensors", Data: []byte("not really safetensors, but 64 bytes of them......................"), LFS: true})
	cache := t.TempDir()
	t.Setenv("HF_HUB_CACHE", cache)
	t.Setenv("HF_ENDPOINT", s.Hub.URL)
	t.Setenv("HF_TOKEN", "")
	t.Setenv("HUGGING_FACE_HUB_TOKEN", "")
	t.Setenv("HF_TOKEN_PATH", filepath.Join(cache, "no-token"))
	t.Setenv("HF_HUB_OFFLINE", "")
	return s, cache
}

func TestPullCommand(t *testing.T) {
	s, cache := pullEnv(t)
	code, out, stderr := run(t, "", "pull", "openai-community/gpt2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("stdout:\n%s\nstderr:\n%s", out, stderr)
	snap := filepath.Join(cache, "models--openai-community--gpt2", "snapshots", s.Commit)
	if !strings.Contains(out, snap) || !strings.Contains(out, "attnscope --model openai-community/gpt2\n") {
		t.Errorf("stdout %q: want the snapshot folder and how to use it", out)
	}
	// not a terminal: one line per file, no carriage returns
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "config.json ") || !strings.HasPrefix(lines[1], "model.safetensors ") || strings.Contains(stderr, "\r") {
		t.Errorf("stderr %q: want one line per file", stderr)
	}
	if dir, _ := hub.Find("openai-community/gpt2"); dir != snap {
		t.Errorf("Find after pull: %q, want %q", dir, snap)
	}
	// a second pull finds both blobs in the cache
	code, _, stderr = run(t, "", "pull", "openai-community/gpt2")
	if code != 0 || strings.Count(stderr, "already in the cache") != 2 {
		t.Errorf("second pull: exit %d, stderr %q", code, stderr)
	}
}

func TestPullCommandOtherRevisionPointsAtTheFolder(t *testing.T) {
	s, _ := pullEnv(t)
	code, out, stderr := run(t, "", "pull", "openai-community/gpt2", "--revision", s.Commit)
	if code != 0 || !strings.Contains(out, "attnscope --model "+filepath.Join(os.Getenv("HF_HUB_CACHE"), "models--openai-community--gpt2", "snapshots", s.Commit)+"\n") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestPullCommandExitStatuses(t *testing.T) {
	s, _ := pullEnv(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"pull"}, 2, "one model name"},
		{[]string{"pull", "a", "b"}, 2, "one model name"},
		{[]string{"pull", "../x"}, 2, "../x"},
		{[]string{"pull", "/abs/path"}, 2, "/abs/path"},
		{[]string{"pull", "gpt2", "--revision", "../../x"}, 2, "revision"},
		{[]string{"pull", "gpt2", "--bogus"}, 2, "--bogus"},
		{[]string{"pull", "nobody/nothing"}, 1, s.Hub.URL + "/nobody/nothing/resolve/main/config.json"},
	} {
		code, _, stderr := run(t, "", c.args...)
		if code != c.code || strings.Count(strings.TrimSuffix(stderr, "\n"), "\n") != 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and one line naming %q", c.args, code, stderr, c.code, c.want)
		}
	}
	t.Setenv("HF_HUB_OFFLINE", "1")
	if code, _, stderr := run(t, "", "pull", "openai-community/gpt2"); code != 1 || !strings.Contains(stderr, "HF_HUB_OFFLINE") {
		t.Errorf("offline: exit %d, %q", code, stderr)
	}
}

// TestPullThenModel: the name pull prints is one --model opens.
func TestPullThenModel(t *testing.T) {
	cfg, err := os.ReadFile("../checkpoint/testdata/hf_f32/config.json")
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.ReadFile("../checkpoint/testdata/hf_f32/model.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	pullEnv(t)
	s := hubtest.New(t, "acme/tiny-gpt2",
		hubtest.File{Name: "config.json", Data: cfg},
		hubtest.File{Name: "model.safetensors", Data: st, LFS: true})
	t.Setenv("HF_ENDPOINT", s.Hub.URL)
	code, out, stderr := run(t, "", "pull", "acme/tiny-gpt2")
	if code != 0 || !strings.Contains(out, "attnscope --model acme/tiny-gpt2\n") {
		t.Fatalf("pull: exit %d, %q, %s", code, out, stderr)
	}
	code, out, stderr = run(t, "", "export", "--model", "acme/tiny-gpt2", "--text", "A")
	if code != 0 || !strings.Contains(out, `"model.layer0.weights"`) {
		t.Errorf("export --model after pull: exit %d, %s, out %.200s", code, stderr, out)
	}
}
