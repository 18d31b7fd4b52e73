package settings

import (
	"errors"
	"sort"
	"strings"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// Field names one row of the panel: an index into the configuration
// fields of pipeline.Fields (the ones that are not limits), which give
// every row its label, range, parsing and stepping.
type Field int

// The panel's rows, top to bottom, in pipeline.Fields' order.
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

// rows are the table entries the panel shows.
var rows = func() []pipeline.Field {
	var fs []pipeline.Field
	for _, f := range pipeline.Fields {
		if !f.Limit {
			fs = append(fs, f)
		}
	}
	return fs
}()

// DefaultEncoding is the default request's encoding.
var DefaultEncoding = pipeline.DefaultRequest().Encoding

// row returns f's table entry.
func (f Field) row() pipeline.Field { return rows[f] }

// String returns the row's label.
func (f Field) String() string {
	if f < 0 || f >= numFields {
		return "?"
	}
	return rows[f].Label
}

// about is what the focused row says the field is.
func (f Field) about() string {
	r := f.row()
	switch r.Kind {
	case pipeline.KindInt, pipeline.KindFloat:
		return r.Help + ", " + r.Range()
	}
	return r.Help
}

// numeric reports whether f takes typed input, and whether a '.' is allowed.
func (f Field) numeric() (ok, dot bool) {
	switch f.row().Kind {
	case pipeline.KindInt, pipeline.KindUint, pipeline.KindOptUint:
		return true, false
	case pipeline.KindFloat:
		return true, true
	}
	return false, false
}

// fieldForSetting maps a flag name (a compute.ConfigError's setting) to
// its row, or -1.
func fieldForSetting(s string) Field {
	for i, r := range rows {
		if r.Flag == s {
			return Field(i)
		}
	}
	return -1
}

var errNotTyped = errors.New("takes no typed value")

// request is (c, enc) as a pipeline request capped at maxTokens.
func request(c compute.Config, enc string, maxTokens int) pipeline.Request {
	r := pipeline.DefaultRequest()
	r.Config, r.Encoding, r.MaxTokens = c, enc, maxTokens
	return r
}

// value formats the field's current value.
func value(f Field, c compute.Config, enc string) string {
	return f.row().Format(request(c, enc, 0))
}

// differs reports whether field f of (c, enc) differs from the defaults.
func differs(f Field, c compute.Config, enc string) bool {
	return f.row().Changed(request(c, enc, 0))
}

// step moves field f of c one notch in direction dir (-1 or +1), clamped
// to its bounds. The returned Config never shares the DropoutSeed pointer
// with c.
func step(f Field, c compute.Config, enc string, dir int) (compute.Config, string) {
	r := request(c, enc, 0)
	r.Config.DropoutSeed = cloneSeed(c.DropoutSeed)
	f.row().Step(&r, dir)
	return r.Config, r.Encoding
}

// parse sets field f of c from typed text s, or says why it cannot.
func parse(f Field, c compute.Config, s string) (compute.Config, error) {
	r := request(c, "", 0)
	r.Config.DropoutSeed = cloneSeed(c.DropoutSeed)
	if num, _ := f.numeric(); !num {
		return c, errNotTyped
	}
	if err := f.row().Parse(&r, s); err != nil {
		return c, err
	}
	return r.Config, nil
}

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

// flagNames turns flag names in error messages into the panel's labels
// (longest first, so --dropout-rng is not read as --dropout).
var flagNames = func() *strings.Replacer {
	fs := append([]pipeline.Field(nil), pipeline.Fields...)
	sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].Flag) > len(fs[j].Flag) })
	var pairs []string
	for _, f := range fs {
		pairs = append(pairs, "--"+f.Flag, f.Label)
	}
	return strings.NewReplacer(pairs...)
}()
