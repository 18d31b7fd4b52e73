package heatmap

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFormatValue(t *testing.T) {
	inf := float32(math.Inf(1))
	tests := []struct {
		v     float32
		width int
		want  string
	}{
		// The book's softmax weight exp(1)/... ≈ 0.3679 at each width.
		{0.36788, 8, "0.3679"},
		{0.36788, 6, "0.3679"},
		{0.36788, 5, "0.368"},
		{0.36788, 4, "0.37"},
		{0.36788, 3, ".37"},
		{0.36788, 2, ".4"},
		{0.36788, 1, ""},
		{0.36788, 0, ""},
		// Negative numbers keep their sign and drop precision to fit.
		{-0.3679, 7, "-0.3679"},
		{-0.3679, 6, "-0.368"},
		{-0.3679, 4, "-.37"},
		{-0.3679, 3, "-.4"},
		{-0.3679, 2, ""},
		// Values of 1 and more cannot drop the leading digit.
		{1.4950, 6, "1.4950"},
		{1.4950, 3, "1.5"},
		{1.4950, 2, ""},
		{-12.5, 5, "-12.5"},
		{-12.5, 3, "-12"}, // no decimals: |v| >= 10 keeps its meaning ("-12" from -12.5, round half even)
		{123.456, 3, "123"},
		{123.456, 2, ""},
		// Whole numbers (masks) print without decimals.
		{1, 1, "1"},
		{0, 1, "0"},
		{0, 6, "0"},
		// Tiny negatives never print as "-0.0000".
		{-0.00001, 6, "0.0000"},
		// Specials.
		{-inf, 2, "-∞"},
		{-inf, 1, ""},
		{inf, 4, "+∞"},
		{float32(math.NaN()), 1, "?"},
		{float32(math.NaN()), 0, ""},
	}
	for _, tt := range tests {
		if got := FormatValue(tt.v, tt.width); got != tt.want {
			t.Errorf("FormatValue(%v, %d) = %q, want %q", tt.v, tt.width, got, tt.want)
		}
	}
}

// One format serves a whole matrix: the widest value decides.
func TestChooseFormatMatrix(t *testing.T) {
	tests := []struct {
		vals  []float32
		width int
		want  numFormat
	}{
		{[]float32{0.1, 0.2, 0.7}, 6, numFormat{ok: true, decimals: 4}},
		{[]float32{0.1, -0.2, 0.7}, 6, numFormat{ok: true, decimals: 3}},
		{[]float32{0.1, -0.2, 0.7}, 4, numFormat{ok: true, decimals: 2, stripZero: true}},
		{[]float32{0.1, -0.2, 0.7}, 5, numFormat{ok: true, decimals: 2}},
		{[]float32{0.1, 1.5, 0.7}, 4, numFormat{ok: true, decimals: 2}},
		{[]float32{0, 1, 1, 0}, 1, numFormat{ok: true}},
		{[]float32{float32(math.Inf(-1)), 0.5}, 6, numFormat{ok: true, decimals: 4}},
		{[]float32{float32(math.NaN())}, 3, numFormat{ok: true}},
		{[]float32{0.5}, 1, numFormat{}},
	}
	for _, tt := range tests {
		if got := chooseFormat(statsOf(tt.vals), tt.width); got != tt.want {
			t.Errorf("chooseFormat(%v, %d) = %+v, want %+v", tt.vals, tt.width, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		s    Scale
		r    Range
		v    float64
		want float64
	}{
		{Unit, Range{0, 1}, 0.25, 0.25},
		{Unit, Range{0, 1}, 1.5, 1},
		{Unit, Range{0, 1}, -0.5, 0},
		{Diverging, Range{-2, 2}, 0, 0.5},
		{Diverging, Range{-2, 2}, -2, 0},
		{Diverging, Range{-2, 2}, 1, 0.75},
		{Diverging, Range{0, 0}, 1, 0.5},
		{Auto, Range{2, 6}, 3, 0.25},
		{Auto, Range{3, 3}, 3, 0.5},
		{Auto, Range{2, 6}, math.Inf(-1), 0},
		{Mask, Range{0, 1}, 0, 0},
		{Mask, Range{0, 1}, 1, 1},
		{Mask, Range{0, 1}, -3, 1},
	}
	for _, tt := range tests {
		if got := Normalize(tt.s, tt.r, tt.v); got != tt.want {
			t.Errorf("Normalize(%v, %v, %v) = %v, want %v", tt.s, tt.r, tt.v, got, tt.want)
		}
	}
	if got := Normalize(Unit, Range{0, 1}, math.NaN()); !math.IsNaN(got) {
		t.Errorf("Normalize(NaN) = %v, want NaN", got)
	}
}

func TestRangeFor(t *testing.T) {
	st := statsOf([]float32{-0.5, 2, float32(math.Inf(-1))})
	tests := []struct {
		s    Scale
		want Range
	}{
		{Unit, Range{0, 1}},
		{Mask, Range{0, 1}},
		{Diverging, Range{-2, 2}},
		{Auto, Range{-0.5, 2}},
	}
	for _, tt := range tests {
		if got := rangeFor(tt.s, st); got != tt.want {
			t.Errorf("rangeFor(%v) = %v, want %v", tt.s, got, tt.want)
		}
	}
	if got := rangeFor(Diverging, statsOf(nil)); got != (Range{-1, 1}) {
		t.Errorf("rangeFor(Diverging, empty) = %v", got)
	}
}

func TestBucketAndShade(t *testing.T) {
	if bucket(0) != 0 || bucket(1) != buckets-1 || bucket(math.NaN()) != 0 || bucket(2) != buckets-1 {
		t.Error("bucket ends wrong")
	}
	if shade(0) != " " || shade(buckets-1) != "█" || shade(bucket(0.5)) != "▒" {
		t.Errorf("shades: %q %q %q", shade(0), shade(bucket(0.5)), shade(buckets-1))
	}
}

// Property: whatever the value, the text fits the width, and a printed
// number reads back as the value rounded to the digits shown.
func TestFormatValueProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 5000; k++ {
		v := float32(math.Pow(10, rng.Float64()*12-6) * (rng.Float64()*2 - 1))
		width := rng.IntN(12)
		s := FormatValue(v, width)
		if n := utf8.RuneCountInString(s); n > width {
			t.Fatalf("FormatValue(%v, %d) = %q, %d wide", v, width, s, n)
		}
		if s == "" {
			continue
		}
		got, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("FormatValue(%v, %d) = %q does not parse: %v", v, width, s, err)
		}
		decimals := 0
		if i := strings.IndexByte(s, '.'); i >= 0 {
			decimals = len(s) - i - 1
		}
		// Half a unit in the last place shown, plus float32 slack.
		tol := 0.5*math.Pow(10, -float64(decimals)) + 1e-6*math.Abs(float64(v))
		if math.Abs(got-float64(v)) > tol {
			t.Fatalf("FormatValue(%v, %d) = %q reads back %v, off by more than %g", v, width, s, got, tol)
		}
	}
}
