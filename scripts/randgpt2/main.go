// Command randgpt2 writes a GPT-2-shaped checkpoint with seeded random
// weights — model.safetensors (Hugging Face names, F32) and config.json —
// for the model-mode gallery and for trying model mode without a download.
// Random weights show no trained behaviour: every picture made from them
// says so.
//
//	go run ./scripts/randgpt2 -out DIR [-d 64 -heads 4 -layers 4 -ctx 256 -seed 1]
package main

import (
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
)

// vocab is GPT-2's vocabulary: the tokenizer's ids index the embedding.
const vocab = 50257

type tensor struct {
	shape []int
	data  []float32
}

func main() {
	out := flag.String("out", "", "folder to write model.safetensors and config.json into")
	d := flag.Int("d", 64, "model width")
	heads := flag.Int("heads", 4, "attention heads (must divide d)")
	layers := flag.Int("layers", 4, "blocks")
	ctx := flag.Int("ctx", 256, "positions")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *d <= 0 || *heads <= 0 || *d%*heads != 0 || *layers <= 0 || *ctx <= 0 {
		fmt.Fprintln(os.Stderr, "randgpt2: need -out DIR and positive sizes with heads dividing d")
		os.Exit(2)
	}
	if err := write(*out, *d, *heads, *layers, *ctx, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "randgpt2:", err)
		os.Exit(1)
	}
}

func write(dir string, d, heads, layers, ctx int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b9))
	randn := func(scale float64, base float32, shape ...int) tensor {
		n := 1
		for _, s := range shape {
			n *= s
		}
		t := tensor{shape: shape, data: make([]float32, n)}
		for i := range t.data {
			t.data[i] = base + float32(r.NormFloat64()*scale)
		}
		return t
	}
	sd := map[string]tensor{"wte.weight": randn(0.5, 0, vocab, d), "wpe.weight": randn(0.2, 0, ctx, d)}
	s := 1 / math.Sqrt(float64(d))
	for i := range layers {
		p := fmt.Sprintf("h.%d.", i)
		sd[p+"ln_1.weight"], sd[p+"ln_1.bias"] = randn(0.1, 1, d), randn(0.1, 0, d)
		sd[p+"attn.c_attn.weight"], sd[p+"attn.c_attn.bias"] = randn(3*s, 0, d, 3*d), randn(0.2, 0, 3*d)
		sd[p+"attn.c_proj.weight"], sd[p+"attn.c_proj.bias"] = randn(s, 0, d, d), randn(0.1, 0, d)
		sd[p+"ln_2.weight"], sd[p+"ln_2.bias"] = randn(0.1, 1, d), randn(0.1, 0, d)
		sd[p+"mlp.c_fc.weight"], sd[p+"mlp.c_fc.bias"] = randn(s, 0, d, 4*d), randn(0.1, 0, 4*d)
		sd[p+"mlp.c_proj.weight"], sd[p+"mlp.c_proj.bias"] = randn(0.5*s, 0, 4*d, d), randn(0.1, 0, d)
	}
	sd["ln_f.weight"], sd["ln_f.bias"] = randn(0.1, 1, d), randn(0.1, 0, d)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeSafetensors(filepath.Join(dir, "model.safetensors"), sd); err != nil {
		return err
	}
	cfg := map[string]any{"model_type": "gpt2", "vocab_size": vocab, "n_embd": d, "n_head": heads, "n_layer": layers,
		"n_positions": ctx, "n_ctx": ctx, "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new",
		"_comment": "random weights (scripts/randgpt2): no trained behaviour"}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "config.json"), append(b, '\n'), 0o644)
}

func writeSafetensors(path string, sd map[string]tensor) error {
	names := make([]string, 0, len(sd))
	for k := range sd {
		names = append(names, k)
	}
	sort.Strings(names)
	hdr := map[string]any{"__metadata__": map[string]string{"format": "pt"}}
	off := 0
	for _, k := range names {
		n := 4 * len(sd[k].data)
		hdr[k] = map[string]any{"dtype": "F32", "shape": sd[k].shape, "data_offsets": []int{off, off + n}}
		off += n
	}
	h, err := json.Marshal(hdr)
	if err != nil {
		return err
	}
	for len(h)%8 != 0 {
		h = append(h, ' ')
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := binary.Write(f, binary.LittleEndian, uint64(len(h))); err != nil {
		return err
	}
	if _, err := f.Write(h); err != nil {
		return err
	}
	for _, k := range names {
		if err := binary.Write(f, binary.LittleEndian, sd[k].data); err != nil {
			return err
		}
	}
	return f.Close()
}
