package pipeline

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/tokenizer"
)

// Kind is how a Field's value is written.
type Kind int

// The kinds of field.
const (
	KindChoice  Kind = iota // one of Field.Choices
	KindInt                 // a whole number in [Field.Min, Field.Max]
	KindUint                // a whole number 0…2⁶⁴−1
	KindOptUint             // KindUint, or unset
	KindFloat               // a number in [0, 1)
	KindBool                // on or off
)

// Field is one setting of a Request, described once: the command-line
// flag, the settings panel row, the export key and the badge all read it.
// docs/configuration.md lists every field.
type Field struct {
	Key     string   // export key: "d_in"
	Flag    string   // command-line flag without dashes: "d-in"
	Label   string   // settings panel row
	Help    string   // what it is, with its range
	Kind    Kind     // how it is written and stepped
	Min     int      // KindInt bounds
	Max     int      // KindInt bounds
	Choices []string // KindChoice values, in stepping order
	// Limit marks a bound on the work rather than part of the
	// configuration: it is not exported, not in the panel, and setting it
	// does not leave book mode.
	Limit bool

	get   func(Request) any
	set   func(*Request, any)
	badge func(Request) string // "" or nil: not on the badge
}

// Value returns f's value in r as export writes it: string, int, uint64,
// float64, bool, or nil for an unset seed.
func (f Field) Value(r Request) any { return f.get(r) }

// Format returns f's value in r as the panel and the flags show it.
func (f Field) Format(r Request) string {
	switch v := f.get(r).(type) {
	case nil:
		return "unset"
	case bool:
		if v {
			return "on"
		}
		return "off"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}

// Usage is f's flag help: what it is and its range.
func (f Field) Usage() string {
	if f.Kind == KindBool {
		return f.Help
	}
	return f.Help + " (" + f.Range() + ")"
}

// Range describes the values f takes, e.g. "1–4096" or "rand or linear".
func (f Field) Range() string {
	switch f.Kind {
	case KindChoice:
		return orList(f.Choices)
	case KindInt:
		return fmt.Sprintf("%d–%d", f.Min, f.Max)
	case KindUint:
		return fmt.Sprintf("0–%d", uint64(math.MaxUint64))
	case KindOptUint:
		return fmt.Sprintf("0–%d, or unset", uint64(math.MaxUint64))
	case KindFloat:
		return "0 ≤ P < 1"
	}
	return "on or off"
}

// Parse sets f in r from text s. The error says the valid range; r is
// unchanged on error.
func (f Field) Parse(r *Request, s string) error {
	var v any
	var ok bool
	switch f.Kind {
	case KindChoice:
		v, ok = s, slices.Contains(f.Choices, s)
		if !ok && f.Key == "encoding" {
			_, err := tokenizer.Canonical(s)
			ok = err == nil
		}
	case KindInt:
		n, err := strconv.Atoi(s)
		v, ok = n, err == nil && n >= f.Min && n <= f.Max
	case KindUint, KindOptUint:
		if s == "" && f.Kind == KindOptUint {
			v, ok = nil, true
			break
		}
		n, err := strconv.ParseUint(s, 10, 64)
		v, ok = n, err == nil
	case KindFloat:
		p, err := strconv.ParseFloat(s, 64)
		v, ok = p, err == nil && p >= 0 && p < 1
	case KindBool:
		b, err := parseBool(s)
		v, ok = b, err == nil
	}
	if !ok {
		return fmt.Errorf("must be %s", f.describe())
	}
	f.set(r, v)
	return nil
}

// describe is the range in a sentence: "a whole number 1–4096".
func (f Field) describe() string {
	switch f.Kind {
	case KindChoice:
		return orList(f.Choices)
	case KindInt, KindUint, KindOptUint:
		return "a whole number " + f.Range()
	case KindFloat:
		return "a number in [0, 1)"
	}
	return "on or off (true or false)"
}

// Step moves f in r one notch in direction dir (-1 or +1), clamped to
// its bounds; choices and switches wrap around.
func (f Field) Step(r *Request, dir int) {
	switch v := f.get(*r).(type) {
	case string:
		i := max(0, slices.Index(f.Choices, v))
		n := len(f.Choices)
		f.set(r, f.Choices[((i+dir)%n+n)%n])
	case bool:
		f.set(r, !v)
	case int:
		f.set(r, max(f.Min, min(f.Max, v+dir)))
	case uint64:
		switch {
		case dir > 0 && v < math.MaxUint64:
			v++
		case dir < 0 && v > 0:
			v--
		case dir < 0 && f.Kind == KindOptUint:
			f.set(r, nil) // below 0: unset
			return
		}
		f.set(r, v)
	case float64:
		f.set(r, stepDropout(v, dir))
	case nil:
		if dir > 0 {
			f.set(r, uint64(0))
		}
	}
}

// Badge is f as the CUSTOM badge shows it ("d_in 768"), or "".
func (f Field) Badge(r Request) string {
	if f.badge == nil {
		return ""
	}
	return f.badge(r)
}

// Changed reports whether f in r differs from the default request.
func (f Field) Changed(r Request) bool {
	d := DefaultRequest()
	if f.Key == "encoding" {
		a, errA := tokenizer.Canonical(r.Encoding)
		b, _ := tokenizer.Canonical(d.Encoding)
		return errA != nil || a != b
	}
	return f.Format(r) != f.Format(d)
}

// Fields is every setting, in the settings panel's order.
var Fields = []Field{
	{Key: "encoding", Flag: "encoding", Label: "encoding", Kind: KindChoice, Choices: tokenizer.Encodings(),
		Help: "BPE vocabulary of the tokenizer",
		get:  func(r Request) any { return r.Encoding }, set: func(r *Request, v any) { r.Encoding = v.(string) },
		badge: func(r Request) string { return r.Encoding }},
	intField("d_in", "d-in", "d_in", "embedding width", 1, compute.MaxDIn,
		func(r *Request) *int { return &r.Config.DIn }),
	intField("d_out", "d-out", "d_out", "output width of the attention module", 1, compute.MaxDOut,
		func(r *Request) *int { return &r.Config.DOut }),
	intField("heads", "heads", "heads", "number of heads, dividing d_out", 1, compute.MaxHeads,
		func(r *Request) *int { return &r.Config.Heads }),
	{Key: "init", Flag: "init", Label: "init", Kind: KindChoice, Choices: []string{"rand", "linear"},
		Help: "single-head W_q/W_k/W_v: torch.rand or nn.Linear",
		get:  func(r Request) any { return r.Config.Init.String() },
		set: func(r *Request, v any) {
			r.Config.Init = compute.InitLinear
			if v == "rand" {
				r.Config.Init = compute.InitRand
			}
		},
		badge: func(r Request) string { return r.Config.Init.String() + " init" }},
	{Key: "qkv_bias", Flag: "qkv-bias", Label: "qkv-bias", Kind: KindBool,
		Help: "Q/K/V projections get a bias; linear init only",
		get:  func(r Request) any { return r.Config.QKVBias }, set: func(r *Request, v any) { r.Config.QKVBias = v.(bool) }},
	{Key: "seed", Flag: "seed", Label: "seed", Kind: KindUint,
		Help: "seed of every module's generator; PyTorch keeps the low 32 bits",
		get:  func(r Request) any { return r.Config.Seed }, set: func(r *Request, v any) { r.Config.Seed = v.(uint64) },
		badge: func(r Request) string { return fmt.Sprintf("seed %d", r.Config.Seed) }},
	{Key: "dropout", Flag: "dropout", Label: "dropout p", Kind: KindFloat,
		Help: "dropout rate on attention weights",
		get:  func(r Request) any { return r.Config.Dropout }, set: func(r *Request, v any) { r.Config.Dropout = v.(float64) },
		badge: func(r Request) string { return fmt.Sprintf("p %g", r.Config.Dropout) }},
	{Key: "dropout_seed", Flag: "dropout-seed", Label: "dropout seed", Kind: KindOptUint,
		Help: "reseed the generator just before the dropout draws",
		get: func(r Request) any {
			if r.Config.DropoutSeed == nil {
				return nil
			}
			return *r.Config.DropoutSeed
		},
		set: func(r *Request, v any) {
			r.Config.DropoutSeed = nil
			if s, ok := v.(uint64); ok {
				r.Config.DropoutSeed = &s
			}
		}},
	{Key: "dropout_rng", Flag: "dropout-rng", Label: "dropout RNG", Kind: KindChoice, Choices: []string{"torch", "mkl"},
		Help: "Bernoulli path of the dropout masks; mkl is legacy Intel MKL builds",
		get:  func(r Request) any { return r.Config.DropoutRNG.String() },
		set: func(r *Request, v any) {
			r.Config.DropoutRNG = compute.RNGTorch
			if v == "mkl" {
				r.Config.DropoutRNG = compute.RNGMKL
			}
		}},
	func() Field {
		f := intField("max_tokens", "max-tokens", "max tokens", "cap the text at N tokens; the rest is cut with a notice",
			1, MaxTokensCap, func(r *Request) *int { return &r.MaxTokens })
		f.Limit, f.badge = true, nil
		f.get = func(r Request) any { return r.maxTokens() }
		return f
	}(),
}

// Badge sums r's configuration up in one line, as the CUSTOM badge shows
// it: "gpt2 · d_in 3 · d_out 2 · heads 2 · linear init · seed 123 · p 0".
func Badge(r Request) string {
	var parts []string
	for _, f := range Fields {
		if b := f.Badge(r); b != "" {
			parts = append(parts, b)
		}
	}
	return strings.Join(parts, " · ")
}

// FieldByFlag returns the field set by --flag.
func FieldByFlag(flag string) (Field, bool) {
	for _, f := range Fields {
		if f.Flag == flag {
			return f, true
		}
	}
	return Field{}, false
}

// MaxTokensCap bounds Request.MaxTokens.
const MaxTokensCap = 4096

func intField(key, flag, label, help string, lo, hi int, ref func(*Request) *int) Field {
	return Field{Key: key, Flag: flag, Label: label, Help: help, Kind: KindInt, Min: lo, Max: hi,
		get:   func(r Request) any { return *ref(&r) },
		set:   func(r *Request, v any) { *ref(r) = v.(int) },
		badge: func(r Request) string { return fmt.Sprintf("%s %d", label, *ref(&r)) }}
}

// dropoutSteps are the values stepping the dropout rate goes through.
var dropoutSteps = []float64{0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99}

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

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return strconv.ParseBool(s)
}

func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
