package compute

import (
	"encoding/json"
	"os"
	"testing"
)

type rngFixtures struct {
	AVX2 struct {
		RandF32Seed123     []int32            `json:"rand_f32_seed123_1000"`
		RandF64Seed2024    []float64          `json:"rand_f64_seed2024_16"`
		Linear48x32Weight  []int32            `json:"linear_48_32_seed123_weight_bits"`
		Linear48x32Bias    []int32            `json:"linear_48_32_seed123_bias_bits"`
		Linear3x2Seed789   []int32            `json:"linear_3_2_seed789_weight_bits"`
		DropoutOnRand10x10 map[string][]int32 `json:"dropout_on_rand10x10_seed123_bits"`
	} `json:"avx2"`
}

func loadRNGFixtures(t testing.TB) *rngFixtures {
	t.Helper()
	b, err := os.ReadFile("testdata/torch_rng_fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var f rngFixtures
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

// Seed 123's first outputs, from torch_rng.md §1.
func TestGeneratorFirstOutputs(t *testing.T) {
	want := []uint32{0xb24bcdfe, 0xb6843d6d, 0x49406d7e, 0x6db04542, 0x3a12efdc, 0xb0ddd462}
	g := NewGenerator(123)
	for i, w := range want {
		if got := g.Uint32(); got != w {
			t.Fatalf("output %d = %#x, want %#x", i, got, w)
		}
	}
	// Seeds wider than 32 bits are truncated, as torch.manual_seed does.
	g2 := NewGenerator(123 + 1<<32)
	if got := g2.Uint32(); got != want[0] {
		t.Fatalf("seed 2^32+123: first output %#x, want %#x", got, want[0])
	}
}

func TestGeneratorRandFixture(t *testing.T) {
	f := loadRNGFixtures(t)
	g := NewGenerator(123)
	for i, w := range f.AVX2.RandF32Seed123 {
		if got := int32(f32bits(g.Float32())); got != w {
			t.Fatalf("rand[%d] bits %d, want %d", i, got, w)
		}
	}
	g.Seed(2024)
	for i, w := range f.AVX2.RandF64Seed2024 {
		if got := g.Float64(); got != w {
			t.Fatalf("rand f64[%d] = %v, want %v", i, got, w)
		}
	}
}
