package export

import (
	"bytes"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// The streaming writers (a tensor is never held as text or bytes, stacked
// heads are never copied) write exactly the bytes in the golden files: the
// export of the book example and of "The cat sat on the mat." with d_out
// 6, 3 heads, a bias and dropout 0.3, whose tensors were checked against a
// whole-buffer encoder. After a deliberate change to a format, go test
// ./export -run Golden -update rewrites them (check that the tensors did
// not change).
func TestStreamedOutputMatchesGolden(t *testing.T) {
	if k := compute.Kernel(); k != "avx2" && k != "avx512" {
		// The goldens hold the FMA kernels' bits (both give the same);
		// the portable path rounds differently in the last place.
		t.Skipf("the goldens are the FMA kernels' output; this run uses %s", k)
	}
	cat := pipeline.DefaultRequest()
	cat.Text, cat.Book = "The cat sat on the mat.", false
	cat.Config.DOut, cat.Config.Heads, cat.Config.QKVBias, cat.Config.Dropout = 6, 3, true, 0.3
	for name, req := range map[string]pipeline.Request{"book": pipeline.DefaultRequest(), "cat": cat} {
		sc, err := pipeline.Build(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range Formats {
			t.Run(name+"."+format, func(t *testing.T) {
				var got bytes.Buffer
				if err := Write(&got, format, FromScene(sc)); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, got.Bytes())
			})
		}
	}
}

// BenchmarkExportJSON writes the JSON export of T = 1024 tokens under the
// default configuration (173 MB of text) to a discarding writer; B/op is
// what streaming allocates per export.
func BenchmarkExportJSON(b *testing.B) {
	x := compute.NewMatrix(1024, 3)
	for i := range x.Data {
		x.Data[i] = float32(i%7) / 7
	}
	r, err := compute.Run(x, compute.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	d := New(r, "gpt2", "bench", nil)
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(discard{}, d); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
