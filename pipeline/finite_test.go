package pipeline

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/checkpoint"
	"github.com/attnscope/attnscope/internal/tinygpt"
)

// A checkpoint whose weights hold NaN or ±Inf is refused after its pass,
// as an input error naming the file, instead of drawing NaN (or panicking
// on a NaN probability).
func TestNonFiniteWeightsAreRefused(t *testing.T) {
	for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
		dir, err := tinygpt.Write(t.TempDir(), tinygpt.Shape{Layers: 1, Heads: 1, D: 4, Context: 8, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "model.safetensors")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		start := 8 + int(binary.LittleEndian.Uint64(b))
		for i := start; i+4 <= len(b); i += 4 {
			binary.LittleEndian.PutUint32(b[i:], math.Float32bits(bad))
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = BuildModel(context.Background(), NewModels(), ModelRequest{Spec: dir, Text: "a b"}, nil)
		if err == nil || !errors.Is(err, checkpoint.ErrInput) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "non-finite") {
			t.Errorf("weights all %v: err %v, want an input error naming %s", bad, err, p)
		}
	}
}
