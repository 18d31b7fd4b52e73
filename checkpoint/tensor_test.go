package checkpoint

import (
	"math"
	"testing"
)

// TestHalfToFloatEveryValue compares the conversion of all 65536 binary16
// patterns with the value computed from the definition.
func TestHalfToFloatEveryValue(t *testing.T) {
	for h := range 1 << 16 {
		sign := 1.0
		if h&0x8000 != 0 {
			sign = -1
		}
		exp, mant := (h>>10)&0x1f, h&0x3ff
		got := halfToFloat(uint16(h))
		var want float64
		switch {
		case exp == 0x1f && mant == 0:
			want = math.Inf(int(sign))
		case exp == 0x1f:
			if !math.IsNaN(float64(got)) {
				t.Fatalf("%#04x: %v, want NaN", h, got)
			}
			continue
		case exp == 0:
			want = sign * float64(mant) * math.Pow(2, -24)
		default:
			want = sign * float64(1024+mant) * math.Pow(2, float64(exp)-25)
		}
		if math.Float32bits(got) != math.Float32bits(float32(want)) {
			t.Fatalf("%#04x: %v, want %v", h, got, want)
		}
	}
}

func TestBfloatToFloat(t *testing.T) {
	for _, c := range []struct {
		h    uint16
		want float32
	}{{0x3f80, 1}, {0xc000, -2}, {0x0000, 0}, {0x7f80, float32(math.Inf(1))}, {0x3e80, 0.25}} {
		if got := bfloatToFloat(c.h); got != c.want {
			t.Errorf("%#04x: %v, want %v", c.h, got, c.want)
		}
	}
}

func TestNumel(t *testing.T) {
	for _, c := range []struct {
		shape []int
		elem  int
		limit int
		n     int
		ok    bool
	}{
		{[]int{97, 8}, 4, 1 << 20, 776, true},
		{[]int{}, 4, 4, 1, true},
		{[]int{0, math.MaxInt}, 4, 0, 0, true},
		{[]int{math.MaxInt / 8, math.MaxInt / 8, 16}, 4, math.MaxInt, 0, false},
		{[]int{-1, 4}, 4, 100, 0, false},
		{[]int{10, 10}, 4, 399, 0, false},
	} {
		n, ok := numel(c.shape, c.elem, c.limit)
		if n != c.n || ok != c.ok {
			t.Errorf("numel(%v, %d, %d) = %d, %v; want %d, %v", c.shape, c.elem, c.limit, n, ok, c.n, c.ok)
		}
	}
}
