package compute

import (
	"errors"
	"fmt"
)

// Validate reports the first problem with p's configuration or shapes: a
// non-positive size, a width that the heads do not divide, a tensor whose
// shape or length disagrees with the configuration (biases may be nil, as
// a model without them). It never panics, whatever the fields hold.
func (p *GPT2Params) Validate() error {
	if p == nil {
		return errors.New("compute: no GPT-2 parameters")
	}
	c := p.Config
	switch {
	case c.D <= 0 || c.Heads <= 0 || c.Layers <= 0 || c.Vocab <= 0 || c.Context <= 0:
		return fmt.Errorf("compute: GPT-2 sizes must be positive (d %d, heads %d, layers %d, vocabulary %d, context %d)",
			c.D, c.Heads, c.Layers, c.Vocab, c.Context)
	case c.D%c.Heads != 0:
		return fmt.Errorf("compute: width %d is not a multiple of the %d heads", c.D, c.Heads)
	case !(c.Eps > 0):
		return fmt.Errorf("compute: LayerNorm epsilon %g must be positive", c.Eps)
	case len(p.Blocks) != c.Layers:
		return fmt.Errorf("compute: %d blocks for %d layers", len(p.Blocks), c.Layers)
	}
	d := c.D
	if err := p.checkOuter(); err != nil {
		return fmt.Errorf("compute: %w", err)
	}
	for l := range p.Blocks {
		if err := p.Blocks[l].check(d); err != nil {
			return fmt.Errorf("compute: block %d: %w", l, err)
		}
	}
	return nil
}

// checkOuter validates the tensors outside the blocks.
func (p *GPT2Params) checkOuter() error {
	c := p.Config
	if err := checkMatrix("token embedding", p.TokenEmb, c.Vocab, c.D); err != nil {
		return err
	}
	if err := checkMatrix("position embedding", p.PosEmb, c.Context, c.D); err != nil {
		return err
	}
	if p.Head != nil {
		if err := checkMatrix("output head", p.Head, c.Vocab, c.D); err != nil {
			return err
		}
	}
	return checkNorm("final LayerNorm", p.LNFGain, p.LNFBias, c.D)
}

// check validates one block's shapes for width d.
func (b *GPT2Block) check(d int) error {
	if err := checkNorm("ln_1", b.LN1Gain, b.LN1Bias, d); err != nil {
		return err
	}
	if err := checkNorm("ln_2", b.LN2Gain, b.LN2Bias, d); err != nil {
		return err
	}
	if err := checkLinear("attention", "attention weight", b.Attn, d, 3*d); err != nil {
		return err
	}
	if err := checkLinear("attention projection", "attention projection weight", b.Proj, d, d); err != nil {
		return err
	}
	if err := checkLinear("MLP fc", "MLP fc weight", b.FC, d, 4*d); err != nil {
		return err
	}
	return checkLinear("MLP projection", "MLP projection weight", b.MLPProj, 4*d, d)
}

func checkLinear(name, weight string, lin Linear, in, out int) error {
	if err := checkMatrix(weight, lin.W, in, out); err != nil {
		return err
	}
	if lin.B != nil && len(lin.B) != out {
		return fmt.Errorf("%s bias has %d entries, want %d", name, len(lin.B), out)
	}
	return nil
}

func checkMatrix(name string, m *Matrix, r, c int) error {
	switch {
	case m == nil:
		return fmt.Errorf("%s is missing", name)
	case m.Rows != r || m.Cols != c:
		return fmt.Errorf("%s is %d×%d, want %d×%d", name, m.Rows, m.Cols, r, c)
	case len(m.Data) != r*c:
		return fmt.Errorf("%s holds %d values, want %d", name, len(m.Data), r*c)
	}
	return nil
}

func checkNorm(name string, gain, bias []float32, d int) error {
	if len(gain) != d {
		return fmt.Errorf("%s gain has %d entries, want %d", name, len(gain), d)
	}
	if bias != nil && len(bias) != d {
		return fmt.Errorf("%s bias has %d entries, want %d", name, len(bias), d)
	}
	return nil
}
