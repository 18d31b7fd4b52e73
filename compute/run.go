package compute

import (
	"errors"
	"fmt"
	"math"
)

// MaxFloats bounds the number of float32 values one Run may hold
// (2 GiB), so that a large T with many heads is a returned error rather
// than an out-of-memory crash.
const MaxFloats = 1 << 29

// ErrTooLarge is returned (wrapped) by Run when the configuration and
// input would need more than MaxFloats values.
var ErrTooLarge = errors.New("too large to compute")

// Footprint estimates how many float32 values a Result of Run(x, cfg)
// holds for T tokens at most, once every tensor computed on demand has
// been asked for: T×T tensors (about 8 per single-head module, 4 per MHA
// head), weights and T-row activations. Run itself keeps far fewer.
func Footprint(t int, cfg Config) int64 {
	T, h := int64(t), int64(cfg.Heads)
	din, dout := int64(cfg.DIn), int64(cfg.DOut)
	tt := T * T * (8 + 8*h + 4*h + 2)
	w := din*dout*(6+3*h) + dout*dout
	act := T * (din*2 + dout*(10+6*h))
	return tt + w + act
}

// Run computes every tensor of the chapter's modules for input x (T ×
// d_in) under cfg: DrawParams(cfg), then Trace(x). Simplified attention,
// the single-head module, the wrapper and the MHA module are each built
// from their own generator seeded with cfg.Seed.
//
// Invalid configurations (a *ConfigError), an input that does not match
// cfg.DIn, an empty or non-finite input, and sizes beyond MaxFloats are
// returned errors; Run does not panic on them.
func Run(x *Matrix, cfg Config) (*Result, error) {
	p, err := DrawParams(cfg)
	if err != nil {
		return nil, err
	}
	return p.Trace(x)
}

func checkInput(x *Matrix, cfg Config) error {
	switch {
	case x == nil || x.Rows == 0:
		return errors.New("compute: no input tokens")
	case x.Rows < 0 || x.Cols < 0 || len(x.Data) != x.Rows*x.Cols:
		return fmt.Errorf("compute: input data of length %d does not match its shape %d×%d", len(x.Data), x.Rows, x.Cols)
	case x.Cols != cfg.DIn:
		return fmt.Errorf("compute: input has %d columns, --d-in is %d", x.Cols, cfg.DIn)
	}
	for _, v := range x.Data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return errors.New("compute: input contains a non-finite value")
		}
	}
	return nil
}
