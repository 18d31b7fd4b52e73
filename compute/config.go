package compute

import (
	"fmt"
	"math"
)

// Init selects how the single-head module draws W_query, W_key and W_value.
type Init int

const (
	// InitLinear draws each weight as nn.Linear(d_in, d_out) does
	// (SelfAttention_v2, CausalAttention).
	InitLinear Init = iota
	// InitRand draws each weight as torch.rand(d_in, d_out) (SelfAttention_v1).
	InitRand
)

func (i Init) String() string {
	if i == InitRand {
		return "rand"
	}
	return "linear"
}

// DropoutRNG selects which PyTorch CPU Bernoulli path dropout masks follow.
type DropoutRNG int

const (
	// RNGTorch is the non-MKL path (two 32-bit draws per element); the
	// notebook's printed masks follow it.
	RNGTorch DropoutRNG = iota
	// RNGMKL is the legacy MKL path of Intel/Linux builds (the masks
	// rasbt/LLMs-from-scratch#57 reports).
	RNGMKL
)

func (r DropoutRNG) String() string {
	if r == RNGMKL {
		return "mkl"
	}
	return "torch"
}

// Limits on sizes, so that a typo cannot ask for terabytes.
const (
	MaxDIn   = 4096
	MaxDOut  = 4096
	MaxHeads = 256
)

// Config is one coherent configuration of every module (one flag each on
// the command line: attnscope --help).
type Config struct {
	DIn, DOut, Heads int
	Init             Init
	QKVBias          bool
	Seed             uint64 // PyTorch truncates seeds to 32 bits; so do we
	Dropout          float64
	DropoutSeed      *uint64 // reseed just before the dropout draws; nil = unset
	DropoutRNG       DropoutRNG
}

// DefaultConfig is the default configuration: the book's sizes (d_in 3,
// d_out 2, 2 heads), linear init, seed 123, no dropout.
func DefaultConfig() Config {
	return Config{DIn: 3, DOut: 2, Heads: 2, Init: InitLinear, Seed: 123}
}

// ConfigError names the setting that is out of range.
type ConfigError struct {
	Setting string // the flag's name without dashes, e.g. "d-out"
	Msg     string
}

func (e *ConfigError) Error() string { return fmt.Sprintf("--%s: %s", e.Setting, e.Msg) }

// Validate reports the first setting that is out of range.
func (c Config) Validate() error {
	switch {
	case c.DIn < 1 || c.DIn > MaxDIn:
		return &ConfigError{"d-in", fmt.Sprintf("must be between 1 and %d, got %d", MaxDIn, c.DIn)}
	case c.DOut < 1 || c.DOut > MaxDOut:
		return &ConfigError{"d-out", fmt.Sprintf("must be between 1 and %d, got %d", MaxDOut, c.DOut)}
	case c.Heads < 1 || c.Heads > MaxHeads:
		return &ConfigError{"heads", fmt.Sprintf("must be between 1 and %d, got %d", MaxHeads, c.Heads)}
	case c.DOut%c.Heads != 0:
		return &ConfigError{"heads", fmt.Sprintf("must divide --d-out (%d), got %d", c.DOut, c.Heads)}
	case math.IsNaN(c.Dropout) || c.Dropout < 0 || c.Dropout >= 1:
		return &ConfigError{"dropout", fmt.Sprintf("must be in [0, 1), got %v", c.Dropout)}
	case c.Init != InitLinear && c.Init != InitRand:
		return &ConfigError{"init", "must be rand or linear"}
	case c.DropoutRNG != RNGTorch && c.DropoutRNG != RNGMKL:
		return &ConfigError{"dropout-rng", "must be torch or mkl"}
	}
	return nil
}
