package cli

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyGPT2 writes a GPT-2-shaped safetensors with gpt2's vocabulary (so
// real token ids index it), d = 8, 2 heads, one block, 16 positions, and
// returns its folder.
func tinyGPT2(t *testing.T) string {
	t.Helper()
	const v, d, ctx = 50257, 8, 16
	shapes := map[string][]int{
		"wte.weight": {v, d}, "wpe.weight": {ctx, d},
		"h.0.ln_1.weight": {d}, "h.0.ln_1.bias": {d}, "h.0.attn.c_attn.weight": {d, 3 * d}, "h.0.attn.c_attn.bias": {3 * d},
		"h.0.attn.c_proj.weight": {d, d}, "h.0.attn.c_proj.bias": {d}, "h.0.ln_2.weight": {d}, "h.0.ln_2.bias": {d},
		"h.0.mlp.c_fc.weight": {d, 4 * d}, "h.0.mlp.c_fc.bias": {4 * d}, "h.0.mlp.c_proj.weight": {4 * d, d},
		"h.0.mlp.c_proj.bias": {d}, "ln_f.weight": {d}, "ln_f.bias": {d},
	}
	names := make([]string, 0, len(shapes))
	for k := range shapes {
		names = append(names, k)
	}
	hdr := map[string]any{}
	off := 0
	var data []float32
	for i, k := range names {
		n := 1
		for _, s := range shapes[k] {
			n *= s
		}
		for j := range n {
			x := float32(math.Sin(float64(i*7919+j))) * 0.3
			if strings.HasSuffix(k, "ln_1.weight") || strings.HasSuffix(k, "ln_2.weight") || k == "ln_f.weight" {
				x += 1
			}
			data = append(data, x)
		}
		hdr[k] = map[string]any{"dtype": "F32", "shape": shapes[k], "data_offsets": []int{off, off + 4*n}}
		off += 4 * n
	}
	h, err := json.Marshal(hdr)
	if err != nil {
		t.Fatal(err)
	}
	for len(h)%8 != 0 {
		h = append(h, ' ')
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "model.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_ = binary.Write(f, binary.LittleEndian, uint64(len(h)))
	_, _ = f.Write(h)
	if err := binary.Write(f, binary.LittleEndian, data); err != nil {
		t.Fatal(err)
	}
	cfg := `{"n_embd": 8, "n_head": 2, "n_layer": 1, "n_positions": 16, "vocab_size": 50257}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExportModel(t *testing.T) {
	dir := tinyGPT2(t)
	code, out, stderr := run(t, "", "export", "--model", dir, "--text", "The cat sat on the mat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Config  map[string]any             `json:"config"`
		Tokens  []map[string]any           `json:"tokens"`
		Tensors map[string]json.RawMessage `json:"tensors"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tokens) != 6 || doc.Config["heads"] != float64(2) || doc.Config["model"] != filepath.Base(dir) {
		t.Fatalf("tokens %d, config %v", len(doc.Tokens), doc.Config)
	}
	for _, name := range []string{"model.layer0.weights", "model.layer0.queries", "model.final", "model.next.ids",
		"model.next.probs", "model.metrics.induction", "model.metrics.entropy"} {
		if _, ok := doc.Tensors[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	// Longer than the context: cut to 16 tokens with a notice.
	code, out, stderr = run(t, "", "export", "--model", dir, "--text", strings.Repeat("one two ", 20))
	if code != 0 || !strings.Contains(stderr, "context of 16 tokens") || strings.Count(out, `"id":`) != 16 {
		t.Fatalf("exit %d, %d tokens, stderr %q", code, strings.Count(out, `"id":`), stderr)
	}
}

// Every bad model argument is one line on stderr naming the problem, exit
// status 2, never a panic.
func TestModelErrorsExit2(t *testing.T) {
	dir := tinyGPT2(t)
	bad := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(bad, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := make([]byte, 16)
	binary.LittleEndian.PutUint64(huge, 1<<63)
	whole, err := os.ReadFile(filepath.Join(dir, "model.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--model", filepath.Join(bad, "nothing-here")}, "attnscope pull"},
		{[]string{"--model", "no-such-model-anywhere"}, "attnscope pull"},
		{[]string{"--model", write("random.pth", []byte("\x00\x01garbage that is not a torch file"))}, "random.pth"},
		{[]string{"--model", write("huge.safetensors", huge)}, "huge.safetensors"},
		{[]string{"--model", write("cut.safetensors", whole[:len(whole)/2])}, "cut.safetensors"},
		{[]string{"--model", "../checkpoint/testdata/hf_f32", "--text", "The cat"}, "vocabulary"},
		{[]string{"--model", dir, "--d-in", "4"}, "--d-in"},
		{[]string{"--model", dir, "--layer", "3"}, "--layer"},
		{[]string{"--model", dir, "--head", "-1"}, "--layer and --head"},
		{[]string{"--model", ""}, "--model"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, "", append([]string{"export"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q (want one line naming %q)", c.args, code, stderr, c.want)
		}
	}
}
