package hub_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
