package cli

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/tokenizer"
)

// configFlags are SPEC §1's configuration flags.
type configFlags struct {
	text        string
	sample      string
	encoding    string
	dIn, dOut   int
	heads       int
	init        string
	qkvBias     bool
	seed        uint64
	dropout     float64
	dropoutSeed uint64
	dropoutRNG  string
	maxTokens   int

	fs *pflag.FlagSet
}

// configFlagNames are the flags that leave book mode when set.
var configFlagNames = []string{"d-in", "d-out", "heads", "init", "qkv-bias", "seed", "dropout", "dropout-seed", "dropout-rng", "encoding"}

func (c *configFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	c.fs = fs
	def := compute.DefaultConfig()
	fs.StringVar(&c.text, "text", "", `the sentence to tokenize ("-" reads standard input)`)
	fs.StringVar(&c.sample, "sample", "book", "a built-in sample (see 'attnscope samples')")
	fs.StringVar(&c.encoding, "encoding", "gpt2", "BPE encoding: gpt2, r50k_base, p50k_base, cl100k_base, o200k_base")
	fs.IntVar(&c.dIn, "d-in", def.DIn, fmt.Sprintf("embedding width (1–%d)", compute.MaxDIn))
	fs.IntVar(&c.dOut, "d-out", def.DOut, fmt.Sprintf("output width of the attention module (1–%d)", compute.MaxDOut))
	fs.IntVar(&c.heads, "heads", def.Heads, fmt.Sprintf("number of heads (1–%d, divides --d-out)", compute.MaxHeads))
	fs.StringVar(&c.init, "init", "linear", "single-head weight init: rand or linear")
	fs.BoolVar(&c.qkvBias, "qkv-bias", false, "Q/K/V projections get a bias (linear init)")
	fs.Uint64Var(&c.seed, "seed", def.Seed, "seed of every module's generator (truncated to 32 bits, as PyTorch does)")
	fs.Float64Var(&c.dropout, "dropout", 0, "dropout rate on attention weights, 0 ≤ P < 1")
	fs.Uint64Var(&c.dropoutSeed, "dropout-seed", 0, "reseed the generator with N just before the dropout draws")
	fs.IntVar(&c.maxTokens, "max-tokens", tokenizer.DefaultMaxTokens, fmt.Sprintf("cap the text at N tokens (1–%d); the rest is cut with a notice", maxTokensCap))
	fs.StringVar(&c.dropoutRNG, "dropout-rng", "torch", "Bernoulli path of the masks: torch or mkl (legacy Intel MKL)")
}

// request validates every configuration flag and returns the pipeline
// request. Errors are usage errors naming the flag.
func (c *configFlags) request(stdin io.Reader) (pipeline.Request, error) {
	req := pipeline.DefaultRequest()
	cfg := req.Config
	cfg.DIn, cfg.DOut, cfg.Heads = c.dIn, c.dOut, c.heads
	switch c.init {
	case "linear":
		cfg.Init = compute.InitLinear
	case "rand":
		cfg.Init = compute.InitRand
	default:
		return req, usageErrorf("--init: must be rand or linear, got %q", c.init)
	}
	switch c.dropoutRNG {
	case "torch":
		cfg.DropoutRNG = compute.RNGTorch
	case "mkl":
		cfg.DropoutRNG = compute.RNGMKL
	default:
		return req, usageErrorf("--dropout-rng: must be torch or mkl, got %q", c.dropoutRNG)
	}
	cfg.QKVBias = c.qkvBias
	cfg.Seed = c.seed
	cfg.Dropout = c.dropout
	if math.IsNaN(c.dropout) {
		return req, usageErrorf("--dropout: must be in [0, 1), got NaN")
	}
	if c.fs.Changed("dropout-seed") {
		s := c.dropoutSeed
		cfg.DropoutSeed = &s
	}
	if err := cfg.Validate(); err != nil {
		return req, usageErrorf("%v", err)
	}
	if _, err := tokenizer.Canonical(c.encoding); err != nil {
		return req, usageErrorf("--encoding: %v", err)
	}
	req.Encoding = c.encoding
	if c.maxTokens < 1 || c.maxTokens > maxTokensCap {
		return req, usageErrorf("--max-tokens: must be between 1 and %d, got %d", maxTokensCap, c.maxTokens)
	}
	req.MaxTokens = c.maxTokens
	req.Config = cfg

	if c.fs.Changed("text") {
		if c.fs.Changed("sample") {
			return req, usageErrorf("--text and --sample: give one or the other")
		}
		t := c.text
		if t == "-" {
			b, err := io.ReadAll(io.LimitReader(stdin, maxStdinBytes+1))
			if err != nil {
				return req, fmt.Errorf("read --text from standard input: %w", err)
			}
			if len(b) > maxStdinBytes {
				b = b[:maxStdinBytes]
			}
			t = strings.TrimRight(string(b), "\r\n")
		}
		req.Text = t
	} else {
		s, err := samples.Get(c.sample)
		if err != nil {
			return req, usageErrorf("--sample: %v", err)
		}
		req.Text = s.Text
	}
	req.Book = true
	for _, n := range configFlagNames {
		if c.fs.Changed(n) {
			req.Book = false
		}
	}
	return req, nil
}

// maxTokensCap bounds --max-tokens: T×T matrices per head beyond this are
// more than any screen or export is for.
const maxTokensCap = 4096

// maxStdinBytes bounds what --text - reads.
const maxStdinBytes = 1 << 20
