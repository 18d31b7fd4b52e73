package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/attnscope/attnscope/checkpoint"
	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/tokenizer"
)

// ModelEncoding is the tokenizer every GPT-2-family checkpoint uses.
const ModelEncoding = "gpt2"

// ModelRequest is everything a ModelScene is computed from: which
// checkpoint (docs/model-mode.md), the text and its limits.
type ModelRequest struct {
	Spec  string // --model: a file, a folder or a hub cache name
	Heads int    // --heads when the checkpoint has no config (0: by width)
	Text  string
	// MaxTokens caps the tokens (0: tokenizer.DefaultMaxTokens); the model's
	// context caps them too. The text is cut with a notice.
	MaxTokens int
	// ReadLimit, when above 0, says Text is the first ReadLimit bytes of a
	// longer input whose rest was never read; the notice says so.
	ReadLimit int
}

// ModelScene is a text run through a checkpoint: its tokens and the
// forward pass's trace (each layer's attention recomputed when read).
type ModelScene struct {
	Request ModelRequest
	Model   *checkpoint.Model
	Tokens  []tokenizer.Token
	Notice  string // what was cut, or ""
	Trace   *compute.GPT2Trace
}

// Models keeps the checkpoints a session opened, so that a new text or a
// new request maps the weights once. It is safe for concurrent use.
type Models struct {
	mu   sync.Mutex
	open map[modelKey]*checkpoint.Model
}

type modelKey struct {
	spec  string
	heads int
}

// NewModels returns an empty cache.
func NewModels() *Models { return &Models{open: map[modelKey]*checkpoint.Model{}} }

// Open returns the checkpoint for spec, opening it the first time. Its
// errors match checkpoint.ErrInput.
func (c *Models) Open(spec string, heads int) (*checkpoint.Model, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := modelKey{spec, heads}
	if m, ok := c.open[k]; ok {
		return m, nil
	}
	m, err := checkpoint.Open(spec, checkpoint.Options{Heads: heads})
	if err != nil {
		return nil, err
	}
	c.open[k] = m
	return m, nil
}

// Close unmaps every checkpoint; scenes built from them must not be used
// after.
func (c *Models) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for k, m := range c.open {
		errs = append(errs, m.Close())
		delete(c.open, k)
	}
	return errors.Join(errs...)
}

// ModelTokens tokenizes req's text for a model with the given context:
// at most min(MaxTokens, context) tokens, with a notice saying what was cut
// and why.
func ModelTokens(req ModelRequest, context int) ([]tokenizer.Token, string, error) {
	limit := req.MaxTokens
	if limit <= 0 {
		limit = tokenizer.DefaultMaxTokens
	}
	byContext := context > 0 && context < limit
	if byContext {
		limit = context
	}
	tr, err := tokenizer.Tokenize(ModelEncoding, req.Text, tokenizer.Limits{MaxTokens: limit})
	if err != nil {
		return nil, "", fmt.Errorf("tokenize: %w", err)
	}
	if len(tr.Tokens) == 0 {
		return nil, "", ErrEmpty
	}
	notice := tr.Notice()
	if tr.TokenLimited && byContext {
		notice = fmt.Sprintf("cut to the model's context of %d tokens (%d bytes left out)", context, tr.CutBytes)
	}
	if req.ReadLimit > 0 {
		notice = joinNotice(fmt.Sprintf("input past the first %d bytes was not read", req.ReadLimit), notice)
	}
	return tr.Tokens, notice, nil
}

func joinNotice(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// BuildOption tunes BuildModel's forward pass.
type BuildOption func(*compute.TraceOptions)

// OnTraceStart hands f the trace being filled in, before the first block
// (compute.TraceOptions.OnStart): a viewer may draw layer l once onLayer(l)
// has been called, while the pass goes on.
func OnTraceStart(f func(tr *compute.GPT2Trace)) BuildOption {
	return func(o *compute.TraceOptions) { o.OnStart = f }
}

// BuildModel opens (or reuses) the checkpoint, tokenizes the text and runs
// the forward pass. onLayer, if not nil, is called after each block (for
// progress); ctx cancels between blocks.
func BuildModel(ctx context.Context, models *Models, req ModelRequest, onLayer func(l int), opts ...BuildOption) (*ModelScene, error) {
	m, err := models.Open(req.Spec, req.Heads)
	if err != nil {
		return nil, err
	}
	toks, notice, err := ModelTokens(req, m.Info.Config.Context)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(toks))
	for i, t := range toks {
		ids[i] = t.ID
	}
	if err := m.CheckTokens(ids); err != nil {
		return nil, err
	}
	topt := compute.TraceOptions{OnLayer: onLayer}
	for _, o := range opts {
		o(&topt)
	}
	tr, err := m.Params.Trace(ctx, ids, topt)
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", m.Info.Name, err)
	}
	if err := checkFinite(m, tr); err != nil {
		return nil, err
	}
	return &ModelScene{Request: req, Model: m, Tokens: toks, Notice: notice, Trace: tr}, nil
}

// checkFinite refuses a pass whose logits are not all finite: weights
// holding NaN or ±Inf (or so large that the pass overflows) spread to the
// last position's logits, and no view or export of them means anything.
func checkFinite(m *checkpoint.Model, tr *compute.GPT2Trace) error {
	for id, v := range tr.Logits {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			path := m.Info.Name
			if len(m.Info.Paths) > 0 {
				path = m.Info.Paths[0]
			}
			return &checkpoint.Error{Path: path, Err: fmt.Errorf("the forward pass gives a non-finite logit (%v for token id %d): the weights hold NaN or ±Inf values, or overflow float32", v, id)}
		}
	}
	return nil
}
