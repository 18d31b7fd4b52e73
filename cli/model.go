package cli

import (
	"errors"
	"strings"

	"github.com/attnscope/attnscope/checkpoint"
	"github.com/attnscope/attnscope/pipeline"
)

// modelMode reports whether --model was given.
func (c *configFlags) modelMode() bool { return c.fs.Changed("model") }

// chapterOnlyFlags are chapter 3's own settings given, which a checkpoint
// replaces; --heads stays (it names the head count of a checkpoint
// without a config) and so does --max-tokens.
func (c *configFlags) chapterOnlyFlags() []string {
	var out []string
	for _, f := range pipeline.Fields {
		if !f.Limit && f.Flag != "heads" && c.fs.Changed(f.Flag) {
			out = append(out, "--"+f.Flag)
		}
	}
	return out
}

// modelRequest validates the flags of model mode and returns its request.
// Errors are usage errors.
func (c *configFlags) modelRequest(stdin interface{ Read([]byte) (int, error) }) (pipeline.ModelRequest, error) {
	var req pipeline.ModelRequest
	if c.model == "" {
		return req, usageErrorf("--model: give a checkpoint file, a folder or a Hugging Face cache name")
	}
	if fl := c.chapterOnlyFlags(); len(fl) > 0 {
		return req, usageErrorf("%s: chapter 3's settings do not apply to --model (a checkpoint brings its own weights; the tokenizer is gpt2)", strings.Join(fl, ", "))
	}
	if c.layer < 0 || c.head < 0 {
		return req, usageErrorf("--layer and --head count from 0, got %d and %d", c.layer, c.head)
	}
	req.Spec = c.model
	req.MaxTokens = c.req.MaxTokens
	if c.fs.Changed("heads") {
		req.Heads = c.req.Config.Heads
	}
	var err error
	if req.Text, req.ReadLimit, err = c.readText(stdin); err != nil {
		return req, err
	}
	return req, nil
}

// checkLayerHead checks --layer and --head against the model: a usage
// error naming the valid range.
func (c *configFlags) checkLayerHead(sc *pipeline.ModelScene) error {
	cfg := sc.Model.Info.Config
	if c.layer >= cfg.Layers {
		return usageErrorf("--layer: must be 0–%d for %s, got %d", cfg.Layers-1, sc.Model.Info.Name, c.layer)
	}
	if c.head >= cfg.Heads {
		return usageErrorf("--head: must be 0–%d for %s, got %d", cfg.Heads-1, sc.Model.Info.Name, c.head)
	}
	return nil
}

// buildModel runs req in the background, so that an interrupt stops the
// command at once, and says on standard error what was cut. A checkpoint
// that cannot be found or read is a usage error (exit 2).
func buildModel(e *env, req pipeline.ModelRequest) (*pipeline.ModelScene, error) {
	models := pipeline.NewModels()
	sc, err := inBackground(e, func() (*pipeline.ModelScene, error) {
		return pipeline.BuildModel(e.ctx, models, req, nil)
	})
	if err != nil {
		if errors.Is(err, checkpoint.ErrInput) || errors.Is(err, pipeline.ErrEmpty) {
			return nil, usageError{err}
		}
		return nil, err
	}
	note(e, sc.Notice)
	return sc, nil
}

// modelScene validates the model-mode flags, builds the scene and checks
// --layer and --head against it (export and render).
func (c *configFlags) modelScene(e *env) (*pipeline.ModelScene, error) {
	req, err := c.modelRequest(e.stdin)
	if err != nil {
		return nil, err
	}
	sc, err := buildModel(e, req)
	if err != nil {
		return nil, err
	}
	if err := c.checkLayerHead(sc); err != nil {
		return nil, err
	}
	return sc, nil
}
