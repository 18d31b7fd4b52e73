package checkpoint

import (
	"archive/zip"
	"io"
	"os"
	"testing"
	"time"
)

// fuzzBuild maps whatever tensors parsed into parameters, as Open does.
func fuzzBuild(t *testing.T, ts []*tensor) {
	m := map[string]*tensor{}
	for _, x := range ts {
		if x.data == nil && len(x.shape) > 0 {
			n, ok := numel(x.shape, dtypeSizes[x.dtype], 0)
			if !ok || n != 0 {
				t.Fatalf("%s: nil data for shape %v", x.name, x.shape)
			}
		}
		m[x.name] = x
	}
	a := &arena{}
	defer a.release()
	_, err := build(a, &location{paths: []string{"fuzz"}}, m, nil, Options{Heads: 1})
	_ = err
}

// slow fails an input that takes more than a few seconds (a malformed file
// must fail within one; the margin is for an instrumented, loaded machine).
func slow(t *testing.T, start time.Time) {
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
}

func addSeeds(f *testing.F, paths ...string) {
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
}

func FuzzSafetensorsHeader(f *testing.F) {
	addSeeds(f, "testdata/hf_f32/model.safetensors", "testdata/hf_f16/model.safetensors",
		"testdata/book_st/model.safetensors", "testdata/sharded/model-00001-of-00002.safetensors")
	f.Add([]byte("\x02\x00\x00\x00\x00\x00\x00\x00{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		defer slow(t, time.Now())
		ts, err := parseSafetensors("fuzz", b)
		if err != nil {
			return
		}
		var total int
		for _, x := range ts {
			total += len(x.data)
		}
		if total > len(b) {
			t.Fatalf("tensors cover %d bytes of a %d-byte file", total, len(b))
		}
		fuzzBuild(t, ts)
	})
}

// zipEntry is one entry of a zip file.
func zipEntry(f *testing.F, path, name string) []byte {
	z, err := zip.OpenReader(path)
	if err != nil {
		f.Fatal(err)
	}
	defer z.Close()
	r, err := z.Open(name)
	if err != nil {
		f.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func FuzzPth(f *testing.F) {
	addSeeds(f, "testdata/book_pth/model.pth", "testdata/book_legacy/model.pth", "testdata/hf_bin/pytorch_model.bin")
	f.Add([]byte{0x80, 0x02, 0x8a, 0x0a})
	f.Add(zipEntry(f, "testdata/book_pth/model.pth", "model/data.pkl"))
	f.Fuzz(func(t *testing.T, b []byte) {
		defer slow(t, time.Now())
		if v, err := unpickle(b, persistentStorage(map[string]*storageRef{})); err == nil {
			stateDict(v) // the pickle machine alone, past the zip's checksums
		}
		ts, err := parsePth("fuzz", b)
		if err != nil {
			return
		}
		fuzzBuild(t, ts)
	})
}
