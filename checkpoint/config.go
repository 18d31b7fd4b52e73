package checkpoint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// maxConfig bounds config.json, hparams.json and shard indexes.
const maxConfig = 64 << 20

// fileConfig is what config.json (Hugging Face) or hparams.json (OpenAI's)
// says about a model; a zero field was absent.
type fileConfig struct {
	Path             string
	D, Heads, Layers int
	Vocab, Context   int
	Eps              float32
}

// rawConfig is the union of both files' keys that matter.
type rawConfig struct {
	NEmbd      *int     `json:"n_embd"`
	NHead      *int     `json:"n_head"`
	NLayer     *int     `json:"n_layer"`
	NPositions *int     `json:"n_positions"`
	NCtx       *int     `json:"n_ctx"`
	VocabSize  *int     `json:"vocab_size"`
	NVocab     *int     `json:"n_vocab"`
	Eps        *float64 `json:"layer_norm_epsilon"`
	Activation *string  `json:"activation_function"`
	ScaleInv   *bool    `json:"scale_attn_by_inverse_layer_idx"`
	Reorder    *bool    `json:"reorder_and_upcast_attn"`
	ScaleAttn  *bool    `json:"scale_attn_weights"`
	ModelType  *string  `json:"model_type"`
}

// findConfig returns the config.json or hparams.json in dir ("" if none).
func findConfig(dir string) string {
	for _, n := range []string{"config.json", "hparams.json"} {
		p := filepath.Join(dir, n)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// readSmall reads a JSON file after checking its size.
func readSmall(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileErr(path, "%v", unwrapPath(err))
	}
	if !fi.Mode().IsRegular() { // a pipe would block, a device never end
		return nil, fileErr(path, "not a regular file")
	}
	if fi.Size() > maxConfig {
		return nil, fileErr(path, "%d bytes is over the %d-byte limit for a json file", fi.Size(), maxConfig)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(path, "%v", unwrapPath(err))
	}
	return b, nil
}

// readConfig parses config.json or hparams.json and refuses what the
// forward pass does not implement.
func readConfig(path string) (*fileConfig, error) {
	b, err := readSmall(path)
	if err != nil {
		return nil, err
	}
	var r rawConfig
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fileErr(path, "%v", err)
	}
	unsupported := func(what string) error {
		return fileErr(path, "unsupported model: %s; attnscope runs GPT-2's architecture only", what)
	}
	switch {
	case r.ModelType != nil && *r.ModelType != "gpt2":
		return nil, unsupported(fmt.Sprintf("model_type %q", *r.ModelType))
	case r.Activation != nil && *r.Activation != "gelu_new" && *r.Activation != "gelu_pytorch_tanh":
		return nil, unsupported(fmt.Sprintf("activation_function %q, not gelu_new (gelu's tanh form)", *r.Activation))
	case r.ScaleInv != nil && *r.ScaleInv:
		return nil, unsupported("scale_attn_by_inverse_layer_idx")
	case r.Reorder != nil && *r.Reorder:
		return nil, unsupported("reorder_and_upcast_attn")
	case r.ScaleAttn != nil && !*r.ScaleAttn:
		return nil, unsupported("scale_attn_weights false")
	}
	c := &fileConfig{Path: path, Eps: 1e-5}
	first := func(ps ...*int) int {
		for _, p := range ps {
			if p != nil {
				return *p
			}
		}
		return 0
	}
	c.D, c.Heads, c.Layers = first(r.NEmbd), first(r.NHead), first(r.NLayer)
	c.Vocab, c.Context = first(r.VocabSize, r.NVocab), first(r.NPositions, r.NCtx)
	// In a fixed order, so that the message is the same on every run; a
	// value given must be positive (0 stands for "not given").
	for _, f := range []struct {
		name  string
		v     int
		given bool
	}{
		{"n_embd", c.D, r.NEmbd != nil}, {"n_head", c.Heads, r.NHead != nil}, {"n_layer", c.Layers, r.NLayer != nil},
		{"vocabulary", c.Vocab, r.VocabSize != nil || r.NVocab != nil}, {"context", c.Context, r.NPositions != nil || r.NCtx != nil},
	} {
		if f.given && f.v <= 0 {
			return nil, fileErr(path, "%s %d is not positive", f.name, f.v)
		}
	}
	if r.Eps != nil {
		if !(*r.Eps > 0 && *r.Eps < 1) {
			return nil, fileErr(path, "layer_norm_epsilon %v is not in (0, 1)", *r.Eps)
		}
		c.Eps = float32(*r.Eps)
	}
	return c, nil
}
