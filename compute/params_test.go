package compute

import (
	"slices"
	"testing"
)

// The weights come from DrawParams alone: tracing the same params twice,
// or through Run, gives the same tensors bit for bit (dropout masks
// included), and the catalogue reads them by name.
func TestParamsTraceRepeatable(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Dropout, cfg.Heads, cfg.DOut = 0.5, 2, 4
	x := seededInput(7, cfg.DIn)
	p, err := DrawParams(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Trace(x)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Trace(x)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Run(x, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"single.dropped_weights", "single.dropout_mask", "wrapper.head1.weights", "mha.dropout_mask", "mha.output"} {
		ta, _ := a.Tensor(name)
		tb, _ := b.Tensor(name)
		tc, ok := c.Tensor(name)
		if !ok || !slices.Equal(ta.Values(), tb.Values()) || !slices.Equal(ta.Values(), tc.Values()) {
			t.Errorf("%s differs between traces", name)
		}
	}
	if m := a.Matrix("mha.dropped_weights[h]", 1); m != a.MHA.Dropped[1] {
		t.Errorf("mha.dropped_weights[h] for head 1 is not MHA.Dropped[1]")
	}
	if m := a.Matrix("wrapper.head{h}.weights", 1); m != a.Wrapper.Heads[1].Dropped {
		t.Errorf("wrapper.head{h}.weights for head 1 is not the wrapper's head 1")
	}
	if a.Matrix("mha.context[h]", 5) != nil || a.Matrix("no.such", 0) != nil {
		t.Error("a missing head or name reads as a matrix")
	}
}

// MHAParams.Trace records the same output as the fast Forward.
func TestMHATraceMatchesForward(t *testing.T) {
	cfg := Config{DIn: 16, DOut: 8, Heads: 4, Seed: 123}
	p, err := NewMHAParams(cfg)
	if err != nil {
		t.Fatal(err)
	}
	x := seededInput(9, cfg.DIn)
	if got, want := p.Trace(x).Output.Data, p.Forward(x).Data; !slices.Equal(got, want) {
		t.Errorf("Trace output %v, Forward %v", got[:4], want[:4])
	}
}
