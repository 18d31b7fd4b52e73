package compute

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
)

// embeddingFixtures is testdata/embedding_fixtures.json, written by
// testdata/gen_embedding.py with Debian's torch 1.13.1 (AVX2 kernel):
// torch.manual_seed(seed); nn.Embedding(n_vocab, d_in).weight[ids] as
// float32 bit patterns.
type embeddingFixtures struct {
	Torch         string `json:"torch"`
	CPUCapability string `json:"cpu_capability"`
	Cases         []struct {
		Name   string  `json:"name"`
		Seed   uint64  `json:"seed"`
		NVocab int     `json:"n_vocab"`
		DIn    int     `json:"d_in"`
		IDs    []int   `json:"ids"`
		Bits   []int32 `json:"bits"`
	} `json:"cases"`
}

func loadEmbeddingFixtures(t testing.TB) *embeddingFixtures {
	t.Helper()
	b, err := os.ReadFile("testdata/embedding_fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var f embeddingFixtures
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) == 0 {
		t.Fatal("no embedding fixture cases")
	}
	return &f
}

// Every fixture row must match PyTorch bit for bit: the inputs are drawn, not
// computed, so no tolerance is allowed.
func TestEmbeddingRowsMatchesTorch(t *testing.T) {
	f := loadEmbeddingFixtures(t)
	if f.CPUCapability != "AVX2" {
		t.Fatalf("fixtures come from the %q kernel, want AVX2", f.CPUCapability)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			m, err := EmbeddingRows(c.Seed, c.NVocab, c.DIn, c.IDs)
			if err != nil {
				t.Fatal(err)
			}
			if m.Rows != len(c.IDs) || m.Cols != c.DIn {
				t.Fatalf("shape %dx%d, want %dx%d", m.Rows, m.Cols, len(c.IDs), c.DIn)
			}
			if len(c.Bits) != len(m.Data) {
				t.Fatalf("fixture has %d values, want %d", len(c.Bits), len(m.Data))
			}
			bad := 0
			for k, v := range m.Data {
				if int32(math.Float32bits(v)) != c.Bits[k] {
					if bad < 5 {
						want := math.Float32frombits(uint32(c.Bits[k]))
						t.Errorf("id %d col %d: got %v (%#08x), want %v (%#08x)",
							c.IDs[k/c.DIn], k%c.DIn, v, math.Float32bits(v), want, uint32(c.Bits[k]))
					}
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d values differ", bad, len(m.Data))
			}
		})
	}
}

// A row must not depend on which other rows are asked for, nor on their
// order or repetition.
func TestEmbeddingRowsIndependentOfRequest(t *testing.T) {
	const nVocab, dIn = 50257, 3
	all := []int{50256, 7120, 0, 7120, 50251, 17, 50250}
	m, err := EmbeddingRows(123, nVocab, dIn, all)
	if err != nil {
		t.Fatal(err)
	}
	for r, id := range all {
		one, err := EmbeddingRows(123, nVocab, dIn, []int{id})
		if err != nil {
			t.Fatal(err)
		}
		for c := 0; c < dIn; c++ {
			if math.Float32bits(one.At(0, c)) != math.Float32bits(m.At(r, c)) {
				t.Errorf("id %d col %d: alone %v, among others %v", id, c, one.At(0, c), m.At(r, c))
			}
		}
	}
}

func TestEmbeddingRowsEmptyIDs(t *testing.T) {
	m, err := EmbeddingRows(123, 50257, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != 0 || m.Cols != 3 {
		t.Fatalf("shape %dx%d, want 0x3", m.Rows, m.Cols)
	}
}

func TestEmbeddingRowsErrors(t *testing.T) {
	tests := []struct {
		name          string
		nVocab, dIn   int
		ids           []int
		wantSubstring string
	}{
		{"zero vocabulary", 0, 3, []int{0}, "vocabulary size"},
		{"negative vocabulary", -5, 3, []int{0}, "vocabulary size"},
		{"zero d_in", 50257, 0, []int{0}, "d_in"},
		{"negative d_in", 50257, -1, []int{0}, "d_in"},
		{"negative id", 50257, 3, []int{1, -1}, "id -1"},
		{"id = n_vocab", 50257, 3, []int{50257}, "id 50257"},
		{"table below 16 values", 5, 3, []int{0}, "smaller than 16"},
		{"table too large", math.MaxInt32, 4096, []int{0}, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := EmbeddingRows(123, tt.nVocab, tt.dIn, tt.ids)
			if err == nil {
				t.Fatalf("no error; got %v", m)
			}
			if !strings.Contains(err.Error(), tt.wantSubstring) {
				t.Fatalf("error %q does not mention %q", err, tt.wantSubstring)
			}
		})
	}
}

func resetCheckpoints() {
	checkpoints.mu.Lock()
	checkpoints.seed, checkpoints.states = 0, nil
	checkpoints.mu.Unlock()
}

// The cached generator states must not change any value: the fixture's
// largest-id cases must match cold (nothing cached), warm (everything
// cached) and after another seed has replaced the cache.
func TestEmbeddingRowsCheckpointCache(t *testing.T) {
	f := loadEmbeddingFixtures(t)
	check := func(when string, seed uint64, nVocab, dIn int, ids []int, bits []int32) {
		t.Helper()
		m, err := EmbeddingRows(seed, nVocab, dIn, ids)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range m.Data {
			if int32(math.Float32bits(v)) != bits[k] {
				t.Fatalf("%s: seed %d id %d col %d differs from PyTorch", when, seed, ids[k/dIn], k%dIn)
			}
		}
	}
	for _, name := range []string{"r50k_d768_seed123_book"} {
		found := false
		for _, c := range f.Cases {
			if c.Name != name {
				continue
			}
			found = true
			resetCheckpoints()
			check("cold", c.Seed, c.NVocab, c.DIn, c.IDs, c.Bits)
			checkpoints.mu.Lock()
			cached := len(checkpoints.states)
			checkpoints.mu.Unlock()
			if want := (c.IDs[len(c.IDs)-1]*c.DIn + 1) / checkpointEvery; cached < want-1 {
				t.Fatalf("%s: %d checkpoints cached, want about %d", name, cached, want)
			}
			check("warm", c.Seed, c.NVocab, c.DIn, c.IDs, c.Bits)
			// another seed, far enough (≈1.5 M draws) to replace the cache
			if _, err := EmbeddingRows(c.Seed+1, c.NVocab, c.DIn, []int{2000}); err != nil {
				t.Fatal(err)
			}
			check("after another seed", c.Seed, c.NVocab, c.DIn, c.IDs, c.Bits)
		}
		if !found {
			t.Fatalf("fixture case %s missing", name)
		}
	}
}

// Concurrent calls with different seeds share the cache safely (run with
// -race) and agree with sequential ones.
func TestEmbeddingRowsConcurrent(t *testing.T) {
	seeds := []uint64{1, 2, 1, 3, 2, 1}
	ids := []int{50256, 123, 40000}
	want := make([]*Matrix, len(seeds))
	for i, s := range seeds {
		resetCheckpoints()
		m, err := EmbeddingRows(s, 50257, 48, ids)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = m
	}
	got := make([]*Matrix, len(seeds))
	errs := make([]error, len(seeds))
	var wg sync.WaitGroup
	for i, s := range seeds {
		wg.Go(func() { got[i], errs[i] = EmbeddingRows(s, 50257, 48, ids) })
	}
	wg.Wait()
	for i := range seeds {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		for k := range want[i].Data {
			if math.Float32bits(got[i].Data[k]) != math.Float32bits(want[i].Data[k]) {
				t.Fatalf("seed %d: value %d differs between concurrent and sequential calls", seeds[i], k)
			}
		}
	}
}

// skipDraws must land exactly where the same number of Uint32 calls would,
// from any starting offset within the 624-word state.
func TestSkipDrawsMatchesDrawing(t *testing.T) {
	for _, start := range []int{0, 1, 623, 624, 625, 1000} {
		for _, skip := range []int{0, 1, 2, 623, 624, 625, 1247, 1248, 5000} {
			a, b := NewGenerator(7), NewGenerator(7)
			for i := 0; i < start; i++ {
				a.Uint32()
				b.Uint32()
			}
			for i := 0; i < skip; i++ {
				a.Uint32()
			}
			skipDraws(b, skip)
			if a.Draws != b.Draws {
				t.Fatalf("start %d skip %d: Draws %d vs %d", start, skip, a.Draws, b.Draws)
			}
			for i := 0; i < 3; i++ {
				if x, y := a.Uint32(), b.Uint32(); x != y {
					t.Fatalf("start %d skip %d: output %d is %#x, want %#x", start, skip, i, y, x)
				}
			}
		}
	}
}

// The book's token ids at d_in 3, seed 123 (the first row is from
// testdata/embedding_fixtures.json, case r50k_d3_seed123_book_and_tail).
func ExampleEmbeddingRows() {
	x, err := EmbeddingRows(123, 50257, 3, []int{7120, 7002})
	if err != nil {
		fmt.Println(err)
		return
	}
	for r := 0; r < x.Rows; r++ {
		fmt.Printf("%.4f\n", x.Row(r))
	}
	_, err = EmbeddingRows(123, 50257, 3, []int{50257})
	fmt.Println(err)
	// Output:
	// [0.6727 0.2474 -1.6642]
	// [1.0490 0.3580 -0.6994]
	// compute: embedding: token 0 has id 50257, outside [0, 50257)
}

func BenchmarkEmbeddingRows(b *testing.B) {
	book := []int{7120, 7002, 4940, 351, 530, 2239}
	cases := []struct {
		name        string
		nVocab, dIn int
		ids         []int
	}{
		{"book_r50k_d3", 50257, 3, book},
		{"book_r50k_d768", 50257, 768, book},
		{"largest_id_r50k_d768", 50257, 768, []int{50256}},
		{"tail_r50k_d3", 50257, 3, []int{50256}},
		{"tail_o200k_d5", 200019, 5, []int{200018}},
		{"last_o200k_d768", 200019, 768, []int{200018}},
		{"tail_o200k_d767", 200019, 767, []int{200018}},
	}
	for _, c := range cases {
		// cold: nothing cached, the whole stream up to the largest id is walked.
		b.Run(c.name+"/cold", func(b *testing.B) {
			for b.Loop() {
				resetCheckpoints()
				if _, err := EmbeddingRows(123, c.nVocab, c.dIn, c.ids); err != nil {
					b.Fatal(err)
				}
			}
		})
		// warm: the same seed again, as while a user edits the text.
		b.Run(c.name+"/warm", func(b *testing.B) {
			if _, err := EmbeddingRows(123, c.nVocab, c.dIn, c.ids); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := EmbeddingRows(123, c.nVocab, c.dIn, c.ids); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
