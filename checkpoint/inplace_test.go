package checkpoint

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"unsafe"
)

// inside reports whether v's data lies in region r.
func inside(v []float32, r []byte) bool {
	if len(v) == 0 || len(r) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(&v[0])), uintptr(unsafe.Pointer(&r[0]))
	return p >= lo && p+4*uintptr(len(v)) <= lo+uintptr(len(r))
}

func TestAlignedF32IsNotCopied(t *testing.T) {
	m, err := Open("testdata/hf_f32", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	mapping := m.arena.regions[0]
	p := m.Params
	for name, v := range map[string][]float32{"wte": p.TokenEmb.Data, "wpe": p.PosEmb.Data, "c_attn": p.Blocks[1].Attn.W.Data, "ln_f": p.LNFBias} {
		if !inside(v, mapping) {
			t.Errorf("%s was copied out of the mapped file", name)
		}
	}
	if len(m.arena.regions) != 1 {
		t.Errorf("%d regions, want the mapping alone", len(m.arena.regions))
	}
	if &p.Head.Data[0] != &p.TokenEmb.Data[0] {
		t.Error("the head is not tied to the token embedding")
	}
}

func TestMisalignedF32IsCopied(t *testing.T) {
	m, err := Open("testdata/hf_prefix", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if inside(m.Params.TokenEmb.Data, m.arena.regions[0]) {
		t.Error("a misaligned tensor is used in place")
	}
	if uintptr(unsafe.Pointer(&m.Params.TokenEmb.Data[0]))%4 != 0 {
		t.Error("the copy is misaligned")
	}
}

// writeSyntheticHF writes a zero-valued Hugging Face GPT-2 of the given
// shape as F32 safetensors with a padded header.
func writeSyntheticHF(t testing.TB, path string, V, P, d, L int) int64 {
	shapes := map[string][]int{"wte.weight": {V, d}, "wpe.weight": {P, d}, "ln_f.weight": {d}, "ln_f.bias": {d}}
	for i := range L {
		for n, s := range map[string][]int{
			"ln_1.weight": {d}, "ln_1.bias": {d}, "ln_2.weight": {d}, "ln_2.bias": {d},
			"attn.c_attn.weight": {d, 3 * d}, "attn.c_attn.bias": {3 * d},
			"attn.c_proj.weight": {d, d}, "attn.c_proj.bias": {d},
			"mlp.c_fc.weight": {d, 4 * d}, "mlp.c_fc.bias": {4 * d},
			"mlp.c_proj.weight": {4 * d, d}, "mlp.c_proj.bias": {d},
		} {
			shapes[fmt.Sprintf("h.%d.%s", i, n)] = s
		}
	}
	hdr, off := map[string]any{}, 0
	for n, s := range shapes {
		size := 4
		for _, x := range s {
			size *= x
		}
		hdr[n] = map[string]any{"dtype": "F32", "shape": s, "data_offsets": []int{off, off + size}}
		off += size
	}
	h, _ := json.Marshal(hdr)
	for len(h)%8 != 0 {
		h = append(h, ' ')
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(h))))
	f.Write(h)
	if err := f.Truncate(int64(8 + len(h) + off)); err != nil {
		t.Fatal(err)
	}
	return int64(8 + len(h) + off)
}

func TestOpenKeepsHeapSmall(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no memory mapping on this platform")
	}
	path := filepath.Join(t.TempDir(), "model.safetensors")
	size := writeSyntheticHF(t, path, 8192, 256, 256, 4) // 20 MB of weights
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := Open(path, Options{Heads: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("file %d bytes, Go heap allocated by Open %d bytes", size, alloc)
	if alloc > uint64(size)/20 {
		t.Errorf("Open allocated %d bytes on the Go heap for a %d-byte file", alloc, size)
	}
}

func TestPthZipF32IsNotCopied(t *testing.T) {
	m, err := Open("testdata/book_pth/model.pth", Options{Heads: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	p := m.Params
	for name, v := range map[string][]float32{"tok_emb": p.TokenEmb.Data, "out_head": p.Head.Data, "norm1.scale": p.Blocks[0].LN1Gain} {
		if !inside(v, m.arena.regions[0]) {
			t.Errorf("%s was copied out of the mapped zip entry", name)
		}
	}
	if inside(p.Blocks[0].Attn.W.Data, m.arena.regions[0]) {
		t.Error("the joined, transposed q|k|v weight lies in the file")
	}
}
