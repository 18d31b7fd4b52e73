package pipeline

import (
	"errors"
	"fmt"
	"strings"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/tokenizer"
)

// maxTokens is r.MaxTokens with its default filled in.
func (r Request) maxTokens() int {
	if r.MaxTokens <= 0 {
		return tokenizer.DefaultMaxTokens
	}
	return r.MaxTokens
}

// SizeError says that a configuration could need more memory than the
// compute limit at its token cap. Flags are the size flags above their
// defaults (the ones to lower), "--d-in 4096" style.
type SizeError struct {
	Flags     []string
	Tokens    int   // the token cap the check assumed
	Need      int64 // MiB at Tokens tokens
	Limit     int64 // MiB
	MaxTokens int   // the most tokens these widths fit (0: not even one)
}

func (e *SizeError) Error() string {
	fit := fmt.Sprintf("these widths fit at most %d tokens (--max-tokens)", e.MaxTokens)
	if e.MaxTokens == 0 {
		fit = "these widths exceed it even for one token"
	}
	return fmt.Sprintf("%s: too large to compute: %d tokens need %d MiB, more than the %d MiB limit; %s",
		strings.Join(e.Flags, ", "), e.Tokens, e.Need, e.Limit, fit)
}

// Check reports whether r can be built at any text length up to its
// token cap: every field in range (a *compute.ConfigError naming the
// flag) and the largest scene within compute's memory limit (a
// *SizeError). A request that passes Check builds on every stage.
func (r Request) Check() error {
	if err := r.Config.Validate(); err != nil {
		return err
	}
	if _, err := tokenizer.Canonical(r.Encoding); err != nil {
		return &compute.ConfigError{Setting: "encoding", Msg: err.Error()}
	}
	if r.MaxTokens < 0 || r.MaxTokens > MaxTokensCap {
		return &compute.ConfigError{Setting: "max-tokens",
			Msg: fmt.Sprintf("must be a whole number 1–%d, got %d", MaxTokensCap, r.MaxTokens)}
	}
	t := r.maxTokens()
	if need := compute.Footprint(t, r.Config); need > compute.MaxFloats {
		return r.sizeError(t, need)
	}
	return nil
}

func (r Request) sizeError(t int, need int64) *SizeError {
	e := &SizeError{Tokens: t, Need: need * 4 >> 20, Limit: compute.MaxFloats * 4 >> 20}
	d := DefaultRequest()
	for _, flag := range []string{"d-in", "d-out", "heads", "max-tokens"} {
		f, _ := FieldByFlag(flag)
		if v, dv := f.Value(r).(int), f.Value(d).(int); v > dv {
			e.Flags = append(e.Flags, fmt.Sprintf("--%s %d", flag, v))
		}
	}
	lo, hi := 0, t // the most tokens that fit: Footprint grows with T
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if compute.Footprint(mid, r.Config) <= compute.MaxFloats {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	e.MaxTokens = lo
	return e
}

// IsSizeError reports whether err is (or wraps) a *SizeError.
func IsSizeError(err error) bool {
	var se *SizeError
	return errors.As(err, &se)
}
