package settings

import (
	"fmt"
	"math"
	"strconv"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/tokenizer"
)

// Field names one row of the panel.
type Field int

// The panel's rows, top to bottom.
const (
	FieldEncoding Field = iota
	FieldDIn
	FieldDOut
	FieldHeads
	FieldInit
	FieldQKVBias
	FieldSeed
	FieldDropout
	FieldDropoutSeed
	FieldDropoutRNG
	numFields
)

// Bounds the panel enforces (tighter than compute's, so that a stray key
// cannot ask for a matrix the screen could never show).
const (
	MaxDIn   = 1024
	MaxDOut  = 1024
	MaxHeads = 64
)

// Encodings are the encodings the panel cycles through.
var Encodings = []string{"gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"}

// DefaultEncoding is the default encoding.
const DefaultEncoding = "gpt2"

// dropoutSteps are the values ←/→ step the dropout rate through.
var dropoutSteps = []float64{0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99}

var fieldLabels = [numFields]string{
	FieldEncoding:    "encoding",
	FieldDIn:         "d_in",
	FieldDOut:        "d_out",
	FieldHeads:       "heads",
	FieldInit:        "init",
	FieldQKVBias:     "qkv-bias",
	FieldSeed:        "seed",
	FieldDropout:     "dropout p",
	FieldDropoutSeed: "dropout seed",
	FieldDropoutRNG:  "dropout RNG",
}

var fieldAbout = [numFields]string{
	FieldEncoding:    "BPE vocabulary of the tokenizer",
	FieldDIn:         fmt.Sprintf("embedding width, 1…%d", MaxDIn),
	FieldDOut:        fmt.Sprintf("attention output width, 1…%d", MaxDOut),
	FieldHeads:       fmt.Sprintf("must divide d_out, 1…%d", MaxHeads),
	FieldInit:        "W_q/W_k/W_v: torch.rand or nn.Linear",
	FieldQKVBias:     "Q/K/V bias; applies to linear init only",
	FieldSeed:        "0…2⁶⁴−1; PyTorch truncates to 32 bits",
	FieldDropout:     "rate on attention weights, 0 ≤ p < 1",
	FieldDropoutSeed: "reseed before dropout draws; x unsets",
	FieldDropoutRNG:  "PyTorch CPU Bernoulli path of the masks",
}

// String returns the row's label.
func (f Field) String() string {
	if f < 0 || f >= numFields {
		return "?"
	}
	return fieldLabels[f]
}

// numeric reports whether f takes typed input, and whether a '.' is allowed.
func (f Field) numeric() (ok, dot bool) {
	switch f {
	case FieldDIn, FieldDOut, FieldHeads, FieldSeed, FieldDropoutSeed:
		return true, false
	case FieldDropout:
		return true, true
	}
	return false, false
}

// fieldForSetting maps a compute.ConfigError setting to its row.
func fieldForSetting(s string) Field {
	switch s {
	case "d-in":
		return FieldDIn
	case "d-out":
		return FieldDOut
	case "heads":
		return FieldHeads
	case "init":
		return FieldInit
	case "dropout":
		return FieldDropout
	case "dropout-rng":
		return FieldDropoutRNG
	case "encoding":
		return FieldEncoding
	}
	return -1
}

// value formats the field's current value.
func value(f Field, c compute.Config, enc string) string {
	switch f {
	case FieldEncoding:
		return enc
	case FieldDIn:
		return strconv.Itoa(c.DIn)
	case FieldDOut:
		return strconv.Itoa(c.DOut)
	case FieldHeads:
		return strconv.Itoa(c.Heads)
	case FieldInit:
		return c.Init.String()
	case FieldQKVBias:
		if c.QKVBias {
			return "on"
		}
		return "off"
	case FieldSeed:
		return strconv.FormatUint(c.Seed, 10)
	case FieldDropout:
		return strconv.FormatFloat(c.Dropout, 'g', -1, 64)
	case FieldDropoutSeed:
		if c.DropoutSeed == nil {
			return "unset"
		}
		return strconv.FormatUint(*c.DropoutSeed, 10)
	case FieldDropoutRNG:
		return c.DropoutRNG.String()
	}
	return ""
}

// differs reports whether field f of (c, enc) differs from the book defaults.
func differs(f Field, c compute.Config, enc string) bool {
	d := compute.DefaultConfig()
	switch f {
	case FieldEncoding:
		a, errA := tokenizer.Canonical(enc)
		b, _ := tokenizer.Canonical(DefaultEncoding)
		return errA != nil || a != b
	case FieldDropoutSeed:
		return c.DropoutSeed != nil
	}
	return value(f, c, enc) != value(f, d, DefaultEncoding)
}

// step moves field f of c one notch in direction dir (-1 or +1), clamped to
// the panel's bounds. The returned Config never shares the DropoutSeed
// pointer with c.
func step(f Field, c compute.Config, enc string, dir int) (compute.Config, string) {
	c.DropoutSeed = cloneSeed(c.DropoutSeed)
	switch f {
	case FieldEncoding:
		i := -1
		for k, e := range Encodings {
			if e == enc {
				i = k
			}
		}
		n := len(Encodings)
		if i < 0 {
			return c, Encodings[0]
		}
		return c, Encodings[((i+dir)%n+n)%n]
	case FieldDIn:
		c.DIn = clampInt(c.DIn+dir, 1, MaxDIn)
	case FieldDOut:
		c.DOut = clampInt(c.DOut+dir, 1, MaxDOut)
	case FieldHeads:
		c.Heads = clampInt(c.Heads+dir, 1, MaxHeads)
	case FieldInit:
		if c.Init == compute.InitRand {
			c.Init = compute.InitLinear
		} else {
			c.Init = compute.InitRand
		}
	case FieldQKVBias:
		c.QKVBias = !c.QKVBias
	case FieldSeed:
		c.Seed = stepUint(c.Seed, dir)
	case FieldDropout:
		c.Dropout = stepDropout(c.Dropout, dir)
	case FieldDropoutSeed:
		switch {
		case c.DropoutSeed == nil && dir > 0:
			c.DropoutSeed = new(uint64)
		case c.DropoutSeed == nil:
		case *c.DropoutSeed == 0 && dir < 0:
			c.DropoutSeed = nil
		default:
			v := stepUint(*c.DropoutSeed, dir)
			c.DropoutSeed = &v
		}
	case FieldDropoutRNG:
		if c.DropoutRNG == compute.RNGMKL {
			c.DropoutRNG = compute.RNGTorch
		} else {
			c.DropoutRNG = compute.RNGMKL
		}
	}
	return c, enc
}

// parse sets field f of c from typed text s, or says why it cannot.
func parse(f Field, c compute.Config, s string) (compute.Config, error) {
	c.DropoutSeed = cloneSeed(c.DropoutSeed)
	intField := func(dst *int, hi int) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > hi {
			return fmt.Errorf("must be a whole number 1…%d", hi)
		}
		*dst = n
		return nil
	}
	switch f {
	case FieldDIn:
		return c, intField(&c.DIn, MaxDIn)
	case FieldDOut:
		return c, intField(&c.DOut, MaxDOut)
	case FieldHeads:
		return c, intField(&c.Heads, MaxHeads)
	case FieldSeed:
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return c, fmt.Errorf("must be a whole number 0…%d", uint64(math.MaxUint64))
		}
		c.Seed = n
	case FieldDropout:
		p, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(p) || p < 0 || p >= 1 {
			return c, fmt.Errorf("must be a number in [0, 1)")
		}
		c.Dropout = p
	case FieldDropoutSeed:
		if s == "" {
			c.DropoutSeed = nil
			return c, nil
		}
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return c, fmt.Errorf("must be a whole number 0…%d", uint64(math.MaxUint64))
		}
		c.DropoutSeed = &n
	default:
		return c, fmt.Errorf("takes no typed value")
	}
	return c, nil
}

func stepDropout(p float64, dir int) float64 {
	if dir > 0 {
		for _, s := range dropoutSteps {
			if s > p {
				return s
			}
		}
		return p
	}
	for i := len(dropoutSteps) - 1; i >= 0; i-- {
		if dropoutSteps[i] < p {
			return dropoutSteps[i]
		}
	}
	return p
}

func stepUint(v uint64, dir int) uint64 {
	switch {
	case dir > 0 && v < math.MaxUint64:
		return v + 1
	case dir < 0 && v > 0:
		return v - 1
	}
	return v
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

func cloneSeed(p *uint64) *uint64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// equal reports whether two configurations are the same.
func equal(a, b compute.Config) bool {
	if (a.DropoutSeed == nil) != (b.DropoutSeed == nil) {
		return false
	}
	if a.DropoutSeed != nil && *a.DropoutSeed != *b.DropoutSeed {
		return false
	}
	a.DropoutSeed, b.DropoutSeed = nil, nil
	return a == b
}
