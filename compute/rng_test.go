package compute

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
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

func TestLinearFixtures(t *testing.T) {
	f := loadRNGFixtures(t)
	check := func(name string, got *Matrix, gotB []float32, wantW, wantB []int32, in, out int) {
		t.Helper()
		// Fixtures are nn.Linear's [out][in]; ours is transposed.
		for o := 0; o < out; o++ {
			for i := 0; i < in; i++ {
				if g, w := int32(f32bits(got.At(i, o))), wantW[o*in+i]; g != w {
					t.Fatalf("%s weight[%d][%d] bits %d, want %d", name, o, i, g, w)
				}
			}
		}
		for o, w := range wantB {
			if g := int32(f32bits(gotB[o])); g != w {
				t.Fatalf("%s bias[%d] bits %d, want %d", name, o, g, w)
			}
		}
	}
	w, b := NewGenerator(123).Linear(48, 32, true)
	check("Linear(48,32) seed 123", w, b, f.AVX2.Linear48x32Weight, f.AVX2.Linear48x32Bias, 48, 32)
	w, _ = NewGenerator(789).Linear(3, 2, false)
	check("Linear(3,2) seed 789", w, nil, f.AVX2.Linear3x2Seed789, nil, 3, 2)
}

// torch.manual_seed(123); x = torch.rand(10, 10); nn.Dropout(p)(x), on the
// non-MKL path (fixtures: dropout_on_rand10x10_seed123_bits).
func TestDropoutFixtures(t *testing.T) {
	f := loadRNGFixtures(t)
	if len(f.AVX2.DropoutOnRand10x10) != 6 {
		t.Fatalf("want 6 dropout fixtures, got %d", len(f.AVX2.DropoutOnRand10x10))
	}
	for ps, want := range f.AVX2.DropoutOnRand10x10 {
		var p float64
		if _, err := fmt.Sscan(ps, &p); err != nil {
			t.Fatal(err)
		}
		g := NewGenerator(123)
		x := g.Rand(10, 10)
		keep := g.DropoutKeep(100, p, RNGTorch)
		scale := DropoutScale(p)
		for i, w := range want {
			got := float32(0)
			if keep[i] == 1 {
				got = x.Data[i] * scale
			}
			if int32(f32bits(got)) != w {
				t.Fatalf("p=%s element %d: bits %d, want %d", ps, i, int32(f32bits(got)), w)
			}
		}
	}
}

// The two 6×6 masks of torch_rng.md §4 for torch.manual_seed(123);
// nn.Dropout(0.5)(torch.ones(6, 6)): the notebook's (non-MKL) and the one a
// Linux/Intel user reported in rasbt/LLMs-from-scratch#57 (legacy MKL).
func TestDropoutBookMasks(t *testing.T) {
	notebook := []float32{
		1, 1, 0, 1, 1, 0,
		0, 0, 0, 1, 0, 1,
		1, 1, 1, 1, 0, 1,
		0, 1, 1, 0, 0, 1,
		0, 1, 0, 1, 0, 1,
		0, 1, 1, 1, 1, 0,
	}
	issue57 := []float32{
		1, 1, 1, 1, 1, 1,
		0, 1, 0, 0, 0, 0,
		0, 0, 1, 0, 1, 0,
		1, 1, 0, 0, 0, 1,
		1, 0, 0, 0, 0, 1,
		0, 1, 0, 0, 0, 0,
	}
	for _, tc := range []struct {
		rng  DropoutRNG
		want []float32
	}{{RNGTorch, notebook}, {RNGMKL, issue57}} {
		got := NewGenerator(123).DropoutKeep(36, 0.5, tc.rng)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v mask:\n got %v\nwant %v", tc.rng, got, tc.want)
		}
		for k := range 36 {
			u := NewGenerator(123).dropoutUniform(k, tc.rng)
			if (u < 0.5) != (tc.want[k] == 1) {
				t.Errorf("%v: dropoutUniform(%d) = %v disagrees with the mask", tc.rng, k, u)
			}
		}
	}
	if s := DropoutScale(0.5); s != 2 {
		t.Errorf("DropoutScale(0.5) = %v, want 2", s)
	}
}

func TestDropoutZeroDrawsNothing(t *testing.T) {
	for _, rng := range []DropoutRNG{RNGTorch, RNGMKL} {
		g := NewGenerator(5)
		keep := g.DropoutKeep(49, 0, rng)
		if g.Draws != 0 {
			t.Errorf("%v: p=0 took %d draws", rng, g.Draws)
		}
		for i, k := range keep {
			if k != 1 {
				t.Fatalf("%v: p=0 element %d = %v, want 1", rng, i, k)
			}
		}
	}
}

func BenchmarkGeneratorUint32(b *testing.B) {
	g := NewGenerator(1)
	var s uint32
	for b.Loop() {
		s += g.Uint32()
	}
	_ = s
}

// fma32 is correctly rounded: compare with big.Float on random and
// adversarial operands.
func TestFMA32(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	check := func(a, b, c float32) {
		x := new(big.Float).SetPrec(200).SetFloat64(float64(a))
		x.Mul(x, new(big.Float).SetPrec(200).SetFloat64(float64(b)))
		x.Add(x, new(big.Float).SetPrec(200).SetFloat64(float64(c)))
		want, _ := x.Float32()
		if got := fma32(a, b, c); got != want && !(got == 0 && want == 0) {
			t.Fatalf("fma32(%v, %v, %v) = %v, want %v", a, b, c, got, want)
		}
	}
	for range 200000 {
		a := float32(r.Float64())
		b := float32((r.Float64() - 0.5) * 2)
		c := float32((r.Float64() - 0.5) * math.Pow(2, float64(r.IntN(60)-30)))
		check(a, b, c)
		check(a, b, -b*a) // cancellation
	}
	// A case where float64 double rounding would be wrong: the exact
	// result lies just above a float32 midpoint.
	check(1+0x1p-23, 1+0x1p-23, 0x1p-60)
	check(1, 1+0x1p-23, 0x1p-25+0x1p-60)
}

func BenchmarkLinearInit768(b *testing.B) {
	g := NewGenerator(1)
	for b.Loop() {
		g.Linear(768, 768, true)
	}
}
