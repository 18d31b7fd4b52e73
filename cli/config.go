package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
)

// configFlags are the configuration flags (docs/configuration.md): one
// per pipeline.Fields entry, plus --text and --sample.
type configFlags struct {
	req    pipeline.Request
	text   string
	sample string
	// fromStdin is set once --text - has read standard input.
	fromStdin bool
	// model mode (docs/model-mode.md): the checkpoint, and the layer and
	// head a view opens on.
	model       string
	layer, head int

	cmd *cobra.Command
	fs  *pflag.FlagSet
}

// fieldValue is a pflag.Value that parses with its field, so that a bad
// value's message gives the range.
type fieldValue struct {
	f   pipeline.Field
	req *pipeline.Request
}

func (v fieldValue) String() string {
	if v.req == nil {
		return ""
	}
	if v.f.Kind == pipeline.KindBool {
		return fmt.Sprint(v.f.Value(*v.req))
	}
	return v.f.Format(*v.req)
}

func (v fieldValue) Set(s string) error { return v.f.Parse(v.req, s) }

func (v fieldValue) Type() string {
	switch v.f.Kind {
	case pipeline.KindInt:
		return "int"
	case pipeline.KindUint, pipeline.KindOptUint:
		return "uint"
	case pipeline.KindFloat:
		return "float"
	case pipeline.KindBool:
		return "bool"
	}
	return "string"
}

// IsBoolFlag lets a switch be given without a value (--qkv-bias).
func (v fieldValue) IsBoolFlag() bool { return v.f.Kind == pipeline.KindBool }

func (c *configFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	c.cmd, c.fs = cmd, fs
	c.req = pipeline.DefaultRequest()
	fs.StringVar(&c.text, "text", "", `the sentence to tokenize ("-" reads standard input)`)
	fs.StringVar(&c.sample, "sample", "book", "a built-in sample (see 'attnscope samples')")
	fs.StringVar(&c.model, "model", "", "a GPT-2 checkpoint instead of chapter 3's modules: a .safetensors/.pth file, a folder, or a Hugging Face cache name such as gpt2")
	fs.IntVar(&c.layer, "layer", 0, "model mode: the layer to show, from 0")
	fs.IntVar(&c.head, "head", 0, "model mode: the head to show, from 0")
	for _, f := range pipeline.Fields {
		fl := fs.VarPF(fieldValue{f, &c.req}, f.Flag, "", f.Usage())
		if f.Kind == pipeline.KindBool {
			fl.NoOptDefVal = "true"
		}
	}
}

// request validates every configuration flag and returns the pipeline
// request. Errors are usage errors naming the flag and its range.
func (c *configFlags) request(stdin io.Reader) (pipeline.Request, error) {
	req := c.req
	if err := req.Check(); err != nil {
		return req, usageErrorf("%v", err)
	}
	var err error
	if req.Text, req.ReadLimit, err = c.readText(stdin); err != nil {
		return req, err
	}
	req.Book = true
	for _, f := range pipeline.Fields {
		if !f.Limit && c.fs.Changed(f.Flag) {
			req.Book = false
		}
	}
	req.Config.DropoutSeed = cloneSeed(req.Config.DropoutSeed)
	return req, nil
}

// readText returns the text of --text (standard input for "-") or
// --sample, and how much of standard input was read when it was cut.
func (c *configFlags) readText(stdin io.Reader) (text string, readLimit int, err error) {
	if c.fs.Changed("text") {
		if c.fs.Changed("sample") {
			return "", 0, usageErrorf("--text and --sample: give one or the other")
		}
		t := c.text
		if t == "-" {
			if t, readLimit, err = readStdin(c.ctx(), stdin); err != nil {
				return "", 0, err
			}
			c.fromStdin = true
			if t == "" {
				return "", 0, usageErrorf("--text -: standard input held no text; give a sentence")
			}
		} else if t == "" {
			return "", 0, usageErrorf("--text: the text is empty; give a sentence, or - to read standard input")
		}
		return t, readLimit, nil
	}
	s, err := samples.Get(c.sample)
	if err != nil {
		return "", 0, usageErrorf("--sample: %v", err)
	}
	return s.Text, 0, nil
}

func (c *configFlags) ctx() context.Context {
	if c.cmd != nil && c.cmd.Context() != nil {
		return c.cmd.Context()
	}
	return context.Background()
}

// maxStdinBytes bounds what --text - reads.
const maxStdinBytes = 1 << 20

// readStdin reads --text - : at most maxStdinBytes (readLimit is then
// set: the rest was not read), given up when ctx ends.
func readStdin(ctx context.Context, r io.Reader) (text string, readLimit int, err error) {
	type result struct {
		b   []byte
		err error
	}
	ch := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(r, maxStdinBytes+1))
		ch <- result{b, err}
	}()
	var res result
	select {
	case res = <-ch:
	case <-ctx.Done():
		return "", 0, ctx.Err()
	}
	if res.err != nil {
		return "", 0, fmt.Errorf("read --text from standard input: %w", res.err)
	}
	b := res.b
	if len(b) > maxStdinBytes {
		b, readLimit = b[:maxStdinBytes], maxStdinBytes
	}
	return strings.TrimRight(string(b), "\r\n"), readLimit, nil
}

func cloneSeed(p *uint64) *uint64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
