package hub_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attnscope/attnscope/checkpoint"
	"github.com/attnscope/attnscope/checkpoint/hub"
	"github.com/attnscope/attnscope/checkpoint/hub/hubtest"
)

// TestPulledModelOpens: what Pull lays out is what the model loader reads
// by name, through the snapshot's links.
func TestPulledModelOpens(t *testing.T) {
	cfg, err := os.ReadFile("../testdata/hf_f32/config.json")
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.ReadFile("../testdata/hf_f32/model.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	s := hubtest.New(t, "openai-community/tiny-gpt2",
		hubtest.File{Name: "config.json", Data: cfg},
		hubtest.File{Name: "model.safetensors", Data: st, LFS: true})
	cache := t.TempDir()
	t.Setenv("HF_HUB_CACHE", cache)
	t.Setenv("HF_TOKEN", "")
	t.Setenv("HUGGING_FACE_HUB_TOKEN", "")
	t.Setenv("HF_TOKEN_PATH", filepath.Join(cache, "no-token"))
	t.Setenv("HF_HUB_OFFLINE", "")
	if _, err := hub.Pull(context.Background(), hub.Options{Repo: "openai-community/tiny-gpt2", Endpoint: s.Hub.URL}); err != nil {
		t.Fatal(err)
	}
	m, err := checkpoint.Open("tiny-gpt2", checkpoint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Info.Bytes != int64(len(st)) || m.Info.ConfigPath == "" {
		t.Errorf("info %+v", m.Info)
	}
}

// A refs/main that is a named pipe or a device is not read (opening a
// pipe blocks; /dev/zero never ends): the name is not found.
func TestSnapshotRefNotRegular(t *testing.T) {
	repo := t.TempDir()
	if err := os.MkdirAll(filepath.Join(repo, "refs"), 0o755); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(repo, "refs", "main")
	if err := os.Symlink("/dev/zero", ref); err != nil {
		t.Skip(err)
	}
	if _, err := os.Stat(ref); err != nil {
		t.Skip("no /dev/zero here")
	}
	done := make(chan bool, 1)
	go func() { _, ok := hub.Snapshot(repo, "main"); done <- ok }()
	select {
	case ok := <-done:
		if ok {
			t.Fatal("a ref linked to /dev/zero named a snapshot")
		}
	case <-time.After(10 * time.Second): // a hang guard
		t.Fatal("Snapshot has not returned after 10 s")
	}
}
