package export

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// Token is one input token as exported.
type Token struct {
	ID    int
	Piece string // the display label: printable, "␣" for a leading space, <e6 88> for bytes that are not whole UTF-8
	Bytes []byte // the token's exact bytes
}

// Text returns the token's exact text, and false when its bytes are not
// valid UTF-8 (a byte-level piece of a character: only Bytes has it).
func (t Token) Text() (string, bool) {
	if !utf8.Valid(t.Bytes) {
		return "", false
	}
	return string(t.Bytes), true
}

// Document is everything an export writes: the configuration, the tokens
// and every tensor.
type Document struct {
	Config   compute.Config
	Encoding string
	Inputs   string // where X came from, e.g. "book table"
	Tokens   []Token
	Tensors  []Tensor
	// Model, when not nil, is a model-mode document's configuration block
	// (the checkpoint and its shape) in place of Config's fields.
	Model map[string]any
}

// New builds the document for result r (computed under r.Config) and its
// tokens.
func New(r *compute.Result, encoding, inputs string, tokens []Token) Document {
	return Document{Config: r.Config, Encoding: encoding, Inputs: inputs, Tokens: tokens, Tensors: Tensors(r)}
}

// FromScene builds the document of sc's one configuration (sc.Result,
// computed under the request's configuration; never book mode's
// per-stage results).
func FromScene(sc *pipeline.Scene) Document {
	toks := make([]Token, len(sc.Tokens))
	for i, t := range sc.Tokens {
		toks[i] = Token{ID: t.ID, Piece: t.Label, Bytes: t.Bytes}
	}
	src := "book table"
	if sc.Source != pipeline.FromBookTable {
		src = "nn.Embedding"
	}
	return New(sc.Result, sc.Request.Encoding, src, toks)
}

// Formats are the names Write accepts.
var Formats = []string{"json", "csv", "npz"}

// Write writes d in format ("json", "csv" or "npz").
func Write(w io.Writer, format string, d Document) error {
	switch format {
	case "json":
		return JSON(w, d)
	case "csv":
		return CSV(w, d)
	case "npz":
		return NPZ(w, d)
	}
	return fmt.Errorf("unknown export format %q (want json, csv or npz)", format)
}

// configMap is the configuration as written in every format: where the
// inputs came from, and every configuration field of pipeline.Fields
// under its key (docs/configuration.md).
func (d Document) configMap() map[string]any {
	if d.Model != nil {
		return d.Model
	}
	r := pipeline.DefaultRequest()
	r.Config, r.Encoding = d.Config, d.Encoding
	m := map[string]any{"inputs": d.Inputs}
	for _, f := range pipeline.Fields {
		if !f.Limit {
			m[f.Key] = f.Value(r)
		}
	}
	return m
}
