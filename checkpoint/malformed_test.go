package checkpoint

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// stFile is a safetensors file taken apart: its header and data region.
type stFile struct {
	header map[string]any
	data   []byte
}

func readST(t *testing.T, path string) *stFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := binary.LittleEndian.Uint64(b)
	f := &stFile{data: b[8+n:]}
	if err := json.Unmarshal(b[8:8+n], &f.header); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *stFile) bytes() []byte {
	h, _ := json.Marshal(f.header)
	out := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
	return append(append(out, h...), f.data...)
}

func (f *stFile) entry(name string) map[string]any { return f.header[name].(map[string]any) }

// offsets returns a tensor's data_offsets.
func (f *stFile) offsets(name string) (int, int) {
	o := f.entry(name)["data_offsets"].([]any)
	return int(o[0].(float64)), int(o[1].(float64))
}

// remove drops a tensor and its bytes, shifting the offsets after it.
func (f *stFile) remove(name string) {
	b, e := f.offsets(name)
	delete(f.header, name)
	f.data = append(f.data[:b:b], f.data[e:]...)
	for k, v := range f.header {
		if k == "__metadata__" {
			continue
		}
		o := v.(map[string]any)["data_offsets"].([]any)
		if int(o[0].(float64)) >= e {
			o[0], o[1] = o[0].(float64)-float64(e-b), o[1].(float64)-float64(e-b)
		}
	}
}

// malformedCase writes a broken checkpoint into dir and returns the model
// argument and the options to open it with.
type malformedCase struct {
	name string
	make func(t *testing.T, dir string) string
	want string // a substring of the error
}

func stCase(name, want string, mutate func(f *stFile) []byte) malformedCase {
	return malformedCase{name: name, want: want, make: func(t *testing.T, dir string) string {
		f := readST(t, "testdata/hf_f32/model.safetensors")
		b := mutate(f)
		if b == nil {
			b = f.bytes()
		}
		p := filepath.Join(dir, "model.safetensors")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}}
}

func rawCase(name, file, want string, content func(t *testing.T) []byte) malformedCase {
	return malformedCase{name: name, want: want, make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, file)
		if err := os.WriteFile(p, content(t), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}}
}

func fileBytes(path string, cut int) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if cut > 0 {
			b = b[:len(b)*cut/100]
		}
		return b
	}
}

func configCase(name, want, cfg string) malformedCase {
	return malformedCase{name: name, want: want, make: func(t *testing.T, dir string) string {
		b, _ := os.ReadFile("testdata/hf_f32/model.safetensors")
		os.WriteFile(filepath.Join(dir, "model.safetensors"), b, 0o644)
		os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o644)
		return dir
	}}
}

// shardedCase copies the sharded checkpoint with its index rewritten.
func shardedCase(name, want string, edit func(wm map[string]any)) malformedCase {
	return malformedCase{name: name, want: want, make: func(t *testing.T, dir string) string {
		for _, f := range []string{"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "config.json"} {
			b, _ := os.ReadFile(filepath.Join("testdata/sharded", f))
			os.WriteFile(filepath.Join(dir, f), b, 0o644)
		}
		var ix map[string]any
		b, _ := os.ReadFile("testdata/sharded/model.safetensors.index.json")
		json.Unmarshal(b, &ix)
		edit(ix["weight_map"].(map[string]any))
		b, _ = json.Marshal(ix)
		p := filepath.Join(dir, "model.safetensors.index.json")
		os.WriteFile(p, b, 0o644)
		return p
	}}
}

func setShape(f *stFile, name string, shape ...any) { f.entry(name)["shape"] = shape }

func setOffsets(f *stFile, name string, b, e int) {
	f.entry(name)["data_offsets"] = []any{float64(b), float64(e)}
}

var malformedCases = []malformedCase{
	rawCase("truncated safetensors", "model.safetensors", "exceeds", fileBytes("testdata/hf_f32/model.safetensors", 3)),
	rawCase("truncated data", "model.safetensors", "outside the 9374 data bytes", fileBytes("testdata/hf_f32/model.safetensors", 90)),
	rawCase("empty safetensors", "model.safetensors", "no header length", func(*testing.T) []byte { return nil }),
	stCase("header length 2^63", "header length 9223372036854775808", func(f *stFile) []byte {
		b := f.bytes()
		binary.LittleEndian.PutUint64(b, 1<<63)
		return b
	}),
	stCase("header longer than the file", "exceeds", func(f *stFile) []byte {
		b := f.bytes()
		binary.LittleEndian.PutUint64(b, uint64(len(b)))
		return b
	}),
	stCase("header not json", "header", func(f *stFile) []byte {
		return append(binary.LittleEndian.AppendUint64(nil, 4), "{{{{"...)
	}),
	stCase("header a json array", "not a json object", func(f *stFile) []byte {
		return append(binary.LittleEndian.AppendUint64(nil, 2), "[]"...)
	}),
	stCase("offsets past the end", `"wte.weight"`, func(f *stFile) []byte {
		b, _ := f.offsets("wte.weight")
		setOffsets(f, "wte.weight", b+len(f.data), b+len(f.data)+3104)
		return nil
	}),
	stCase("overlapping offsets", "overlap", func(f *stFile) []byte {
		b, e := f.offsets("ln_f.bias")
		setOffsets(f, "ln_f.weight", b, e)
		return nil
	}),
	stCase("gap between tensors", "gap", func(f *stFile) []byte {
		f.data = append(f.data, make([]byte, 32)...)
		b, e := f.offsets("wte.weight")
		setOffsets(f, "wte.weight", b+32, e+32)
		return nil
	}),
	stCase("trailing bytes", "cover", func(f *stFile) []byte {
		f.data = append(f.data, 0, 0, 0, 0)
		return nil
	}),
	stCase("shape product overflow", `"wte.weight"`, func(f *stFile) []byte {
		setShape(f, "wte.weight", 4294967296.0, 4294967296.0, 16.0)
		return nil
	}),
	stCase("negative dimension", "negative", func(f *stFile) []byte {
		setShape(f, "wte.weight", -97.0, -8.0)
		return nil
	}),
	stCase("shape disagrees with offsets", "span", func(f *stFile) []byte {
		setShape(f, "ln_f.bias", 9.0)
		return nil
	}),
	stCase("unknown dtype", `unknown dtype "F12"`, func(f *stFile) []byte {
		f.entry("wpe.weight")["dtype"] = "F12"
		return nil
	}),
	stCase("integer dtype", `"wpe.weight": dtype I32`, func(f *stFile) []byte {
		f.entry("wpe.weight")["dtype"] = "I32"
		return nil
	}),
	stCase("missing tensor", `"h.1.mlp.c_fc.bias": missing`, func(f *stFile) []byte {
		f.remove("h.1.mlp.c_fc.bias")
		return nil
	}),
	stCase("wrong shape", `"h.0.ln_1.weight": shape [2 4], want [8]`, func(f *stFile) []byte {
		setShape(f, "h.0.ln_1.weight", 2.0, 4.0)
		return nil
	}),
	stCase("no embedding", "no GPT-2 token embedding", func(f *stFile) []byte {
		f.remove("wte.weight")
		return nil
	}),
	shardedCase("index names the wrong shard", `"wte.weight": not found in shard model-00001-of-00002.safetensors`, func(wm map[string]any) {
		wm["wte.weight"] = "model-00001-of-00002.safetensors"
	}),
	shardedCase("shard outside the folder", "is not a file name beside the index", func(wm map[string]any) {
		wm["wte.weight"] = "../model.safetensors"
	}),
	shardedCase("two shards outside the folder: the first name in order", `tensor "h.0.attn.bias": shard "../a"`, func(wm map[string]any) {
		wm["wte.weight"], wm["h.0.attn.bias"] = "../b", "../a"
	}),
	shardedCase("missing shard", "model-00003-of-00002.safetensors: open: no such file", func(wm map[string]any) {
		wm["zzz"] = "model-00003-of-00002.safetensors"
	}),
	rawCase("random bytes as .pth", "model.pth", "not a torch.save file", func(*testing.T) []byte {
		r := rand.New(rand.NewPCG(1, 2))
		b := make([]byte, 4096)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}),
	rawCase("random pickle as .pth", "model.pth", "not a torch.save file: pickle opcode 0x58 at byte 2: argument of 2147483647 bytes runs past the end", func(*testing.T) []byte {
		return []byte{0x80, 0x02, 'X', 0xff, 0xff, 0xff, 0x7f, 'a'}
	}),
	rawCase("pickle stack bomb", "model.pth", "stack deeper than 65536", func(*testing.T) []byte {
		return append([]byte{0x80, 2}, strings.Repeat("N", 1<<20)...)
	}),
	rawCase("pickle memo bomb", "model.pth", "more than 131072 memo entries", func(*testing.T) []byte {
		return append([]byte{0x80, 2, 'N'}, strings.Repeat("r\x01\x02\x03\x04", 200000)...)
	}),
	rawCase("pickle over 1 MB", "model.pth", "ends without STOP after 1048576 bytes", func(*testing.T) []byte {
		return append([]byte{0x80, 2, 'N'}, strings.Repeat("0N", 1<<20)...)
	}),
	rawCase("truncated zip .pth", "model.pth", "not a readable torch.save zip", fileBytes("testdata/book_pth/model.pth", 50)),
	rawCase("truncated legacy .pth", "model.pth", "bytes left in the file", fileBytes("testdata/book_legacy/model.pth", 90)),
	configCase("unsupported activation", `activation_function "gelu"`, `{"activation_function": "gelu", "n_head": 2}`),
	configCase("scaled by layer index", "scale_attn_by_inverse_layer_idx", `{"scale_attn_by_inverse_layer_idx": true}`),
	configCase("reorder and upcast", "reorder_and_upcast_attn", `{"reorder_and_upcast_attn": true, "n_head": 2}`),
	configCase("another model type", `model_type "llama"`, `{"model_type": "llama"}`),
	configCase("config disagrees with weights", "n_embd is 16", `{"n_embd": 16, "n_head": 2}`),
	configCase("config not json", "config.json", `{"n_embd": `),
	configCase("heads do not divide d", "multiple of 3 heads", `{"n_head": 3}`),
	configCase("no heads", "pass --heads", `{}`),
	configCase("zero heads", "n_head 0 is not positive", `{"n_head": 0}`),
	configCase("two bad values: the first in order", "n_embd -1 is not positive", `{"n_head": -2, "n_embd": -1}`),
	configCase("zero context", "context 0 is not positive", `{"n_head": 2, "n_positions": 0}`),
}

func TestMalformed(t *testing.T) {
	for _, c := range malformedCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			spec := c.make(t, dir)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			m, err := Open(spec, Options{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil {
				m.Close()
				t.Fatal("opened")
			}
			if !strings.HasPrefix(err.Error(), dir) {
				t.Errorf("error %q does not start with the file", err)
			}
			checkMessage(t, strings.TrimPrefix(err.Error(), dir), c.want)
			if !errors.Is(err, ErrInput) {
				t.Errorf("%q is not an input error", err)
			}
			// A hang guard, not a speed target: malformed files fail in
			// milliseconds (the slowest case took 15 ms), far from this
			// bound even under the race detector on a loaded machine.
			if took > 10*time.Second {
				t.Errorf("took %v", took)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 4<<20 {
				t.Errorf("allocated %d bytes", alloc)
			}
			t.Logf("%v, %d bytes allocated: %v", took, alloc, err)
		})
	}
}

// checkInputError: an input error, one line, naming want.
func checkInputError(t *testing.T, err error, want string) {
	t.Helper()
	if !errors.Is(err, ErrInput) {
		t.Errorf("%q is not an input error", err)
	}
	checkMessage(t, err.Error(), want)
}

func checkMessage(t *testing.T, msg, want string) {
	t.Helper()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, want) {
		t.Errorf("error %q, want one line containing %q", msg, want)
	}
}

func TestNotFound(t *testing.T) {
	t.Setenv("HF_HUB_CACHE", t.TempDir())
	t.Chdir(t.TempDir())
	_, err := Open("gpt2-medium", Options{})
	checkInputError(t, err, "models--openai-community--gpt2-medium")
	checkInputError(t, err, "`attnscope pull gpt2-medium`")
	checkInputError(t, err, "gpt2-medium (no such file or folder)")
	_, err = Open("./nowhere/model.safetensors", Options{})
	checkInputError(t, err, "attnscope pull NAME")
	_, err = Open(t.TempDir(), Options{})
	checkInputError(t, err, "folder holds no model.safetensors")
	os.Mkdir("gpt2", 0o755) // a folder of that name without weights falls through to the hub cache
	os.WriteFile("gpt2/model.ckpt.index", nil, 0o644)
	_, err = Open("gpt2", Options{})
	checkInputError(t, err, "gpt2 (a folder without weights), ")
	checkInputError(t, err, "models--gpt2")
	_, err = Open("./gpt2", Options{})
	checkInputError(t, err, "TensorFlow checkpoints")
}

func TestHeadsRule(t *testing.T) {
	_, err := Open("testdata/hf_f32", Options{Heads: 4})
	checkInputError(t, err, "n_head is 2 but --heads asks for 4")
	m, err := Open("testdata/hf_f32", Options{Heads: 2})
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	for d, h := range map[int]int{768: 12, 1024: 16, 1280: 20, 1600: 25} {
		if got, ok := DefaultHeads(d); !ok || got != h {
			t.Errorf("DefaultHeads(%d) = %d, %v", d, got, ok)
		}
	}
	if _, ok := DefaultHeads(8); ok {
		t.Error("DefaultHeads(8) ok")
	}
}

func TestCheckTokens(t *testing.T) {
	m, err := Open("testdata/book_pth/model.pth", Options{Heads: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.CheckTokens([]int{0, 5, 96}); err != nil {
		t.Fatal(err)
	}
	err = m.CheckTokens([]int{3, 97})
	checkInputError(t, err, `model.pth: tensor "tok_emb.weight": token id 97 (position 1) is outside the vocabulary of 97 tokens`)
}
