package pipeline

import (
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
)

func TestFieldsRoundTrip(t *testing.T) {
	d := DefaultRequest()
	for _, f := range Fields {
		r := DefaultRequest()
		if err := f.Parse(&r, f.Format(d)); err != nil && f.Kind != KindOptUint {
			t.Errorf("%s: its own default %q does not parse: %v", f.Flag, f.Format(d), err)
		}
		if f.Changed(r) {
			t.Errorf("%s: the default reads as changed", f.Flag)
		}
		if f.Kind == KindInt {
			if err := f.Parse(&r, "0"); err == nil || !strings.Contains(err.Error(), f.Range()) {
				t.Errorf("%s: 0 accepted or error %v lacks the range %s", f.Flag, err, f.Range())
			}
			r.MaxTokens = f.Max // the size limit is not Parse's business
			if err := f.Parse(&r, "99999999"); err == nil {
				t.Errorf("%s: 99999999 accepted", f.Flag)
			}
		}
	}
}

func TestFieldBoundsAreComputes(t *testing.T) {
	for flag, hi := range map[string]int{"d-in": compute.MaxDIn, "d-out": compute.MaxDOut, "heads": compute.MaxHeads, "max-tokens": MaxTokensCap} {
		f, ok := FieldByFlag(flag)
		if !ok || f.Min != 1 || f.Max != hi {
			t.Errorf("--%s: bounds %d–%d, want 1–%d", flag, f.Min, f.Max, hi)
		}
	}
}

func TestStepClampsAndWraps(t *testing.T) {
	r := DefaultRequest()
	din, _ := FieldByFlag("d-in")
	for range 5 {
		din.Step(&r, -1)
	}
	if r.Config.DIn != 1 {
		t.Errorf("d_in stepped to %d, want clamped at 1", r.Config.DIn)
	}
	enc, _ := FieldByFlag("encoding")
	enc.Step(&r, -1)
	if r.Encoding != "o200k_base" {
		t.Errorf("encoding stepped back from gpt2 to %q, want o200k_base (wraps)", r.Encoding)
	}
	ds, _ := FieldByFlag("dropout-seed")
	ds.Step(&r, 1)
	if r.Config.DropoutSeed == nil || *r.Config.DropoutSeed != 0 {
		t.Errorf("dropout seed stepped up from unset to %v, want 0", r.Config.DropoutSeed)
	}
	ds.Step(&r, -1)
	if r.Config.DropoutSeed != nil {
		t.Errorf("dropout seed stepped down from 0 to %v, want unset", *r.Config.DropoutSeed)
	}
}

// TestCheckRefusesWhatCannotBeComputed: a request that passes Check
// computes at its token cap; one that does not names the flags and the
// limit.
func TestCheckRefusesWhatCannotBeComputed(t *testing.T) {
	big := DefaultRequest()
	big.Config.DIn, big.Config.DOut, big.Config.Heads = 4096, 256, 256
	err := big.Check()
	if !IsSizeError(err) || !strings.Contains(err.Error(), "--d-in 4096, --d-out 256, --heads 256") || !strings.Contains(err.Error(), "2048 MiB") {
		t.Errorf("4096/256/256: %v", err)
	}
	long := DefaultRequest()
	long.MaxTokens = 4096
	err = long.Check()
	if !IsSizeError(err) || !strings.Contains(err.Error(), "--max-tokens 4096") {
		t.Errorf("--max-tokens 4096: %v", err)
	}
	fit := err.(*SizeError).MaxTokens
	long.MaxTokens = fit
	if err := long.Check(); err != nil {
		t.Errorf("the suggested %d tokens are refused: %v", fit, err)
	}
	if _, err := Build(big); !IsSizeError(err) {
		t.Errorf("Build of a refused request: %v", err)
	}
	wide := DefaultRequest()
	wide.Config.DIn, wide.Config.DOut, wide.Config.Heads = 4096, 4096, 8
	if err := wide.Check(); !IsSizeError(err) {
		t.Errorf("4096/4096/8 at 1024 tokens passes: %v", err)
	}
}

func TestNoticeSaysWhatWasNotRead(t *testing.T) {
	req := DefaultRequest()
	req.Text, req.ReadLimit, req.Book = strings.Repeat("a b ", 1<<18), 1<<20, false
	sc, err := Build(req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sc.Notice, "past the first 1 MiB was not read") || strings.Contains(sc.Notice, "left out") {
		t.Errorf("notice %q", sc.Notice)
	}
}

func TestBadge(t *testing.T) {
	r := DefaultRequest()
	r.Config.DIn, r.Config.Dropout = 768, 0.1
	if got, want := Badge(r), "gpt2 · d_in 768 · d_out 2 · heads 2 · linear init · seed 123 · p 0.1"; got != want {
		t.Errorf("Badge = %q, want %q", got, want)
	}
}
