// Package tinygpt writes small random GPT-2 checkpoints (Hugging Face
// names, float32 safetensors and a config.json) for tests: the full gpt2
// vocabulary, so any text tokenizes into it, at a width of a few numbers.
//
// Imports: the standard library only.
package tinygpt

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
)

// Shape is a checkpoint's size.
type Shape struct {
	Layers, Heads, D, Context int
	Seed                      uint64
}

// Vocab is GPT-2's vocabulary size.
const Vocab = 50257

// Write writes model.safetensors and config.json of a random GPT-2 of
// shape s into dir and returns dir.
func Write(dir string, s Shape) (string, error) {
	d := s.D
	shapes := map[string][]int{"wte.weight": {Vocab, d}, "wpe.weight": {s.Context, d}, "ln_f.weight": {d}, "ln_f.bias": {d}}
	for i := range s.Layers {
		for n, sh := range map[string][]int{
			"ln_1.weight": {d}, "ln_1.bias": {d}, "ln_2.weight": {d}, "ln_2.bias": {d},
			"attn.c_attn.weight": {d, 3 * d}, "attn.c_attn.bias": {3 * d},
			"attn.c_proj.weight": {d, d}, "attn.c_proj.bias": {d},
			"mlp.c_fc.weight": {d, 4 * d}, "mlp.c_fc.bias": {4 * d},
			"mlp.c_proj.weight": {4 * d, d}, "mlp.c_proj.bias": {d},
		} {
			shapes[fmt.Sprintf("h.%d.%s", i, n)] = sh
		}
	}
	names := make([]string, 0, len(shapes))
	for n := range shapes {
		names = append(names, n)
	}
	sort.Strings(names)
	hdr, off := map[string]any{}, 0
	for _, n := range names {
		size := 4
		for _, x := range shapes[n] {
			size *= x
		}
		hdr[n] = map[string]any{"dtype": "F32", "shape": shapes[n], "data_offsets": []int{off, off + size}}
		off += size
	}
	h, err := json.Marshal(hdr)
	if err != nil {
		return "", fmt.Errorf("tinygpt: header: %w", err)
	}
	for len(h)%8 != 0 {
		h = append(h, ' ')
	}
	buf := binary.LittleEndian.AppendUint64(make([]byte, 0, 8+len(h)+off), uint64(len(h)))
	buf = append(buf, h...)
	r := rand.New(rand.NewPCG(s.Seed, 7))
	for _, n := range names {
		count := 1
		for _, x := range shapes[n] {
			count *= x
		}
		gain := filepath.Ext(n) == ".weight" && len(shapes[n]) == 1
		for range count {
			v := float32(r.NormFloat64() * 0.5)
			if gain {
				v = 1 + v/5
			}
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "model.safetensors"), buf, 0o644); err != nil {
		return "", fmt.Errorf("tinygpt: %w", err)
	}
	cfg := fmt.Sprintf(`{"model_type":"gpt2","vocab_size":%d,"n_embd":%d,"n_head":%d,"n_layer":%d,"n_positions":%d,"layer_norm_epsilon":1e-05,"activation_function":"gelu_new"}`,
		Vocab, d, s.Heads, s.Layers, s.Context)
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o644); err != nil {
		return "", fmt.Errorf("tinygpt: %w", err)
	}
	return dir, nil
}
