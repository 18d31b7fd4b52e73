package cli

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/render"
	"github.com/attnscope/attnscope/ui"
)

// Model mode on the commands that draw (docs/model-mode.md, "Views"): the
// TUI and present load the checkpoint inside the screen, with progress;
// render builds the scene first and draws one view of it.

// runModelTUI runs the TUI (or presenter mode, with its options in extra)
// on --model, opening on view stage (or on the head view when --layer or
// --head is given).
func runModelTUI(e *env, cf *configFlags, vf *viewFlags, stage string, extra ...ui.Option) error {
	req, err := cf.modelRequest(e.stdin)
	if err != nil {
		return err
	}
	run, err := vf.tui(cf)
	if err != nil {
		return err
	}
	if cf.fs.Changed("layer") || cf.fs.Changed("head") {
		stage = "head"
	}
	st, err := pipeline.ParseModelStage(stage)
	if err != nil {
		return usageErrorf("%v", err)
	}
	// The checkpoints stay mapped until the process exits: a cancelled pass
	// or a layer being recomputed in a command may still read them after
	// the screen has closed, so they are not unmapped here.
	models := pipeline.NewModels()
	run.ui = append(append(run.ui, extra...), ui.WithModel(models, req, st, cf.layer, cf.head))
	return runTUI(e, pipeline.Request{}, run)
}

// renderModel draws one view of --model (render --stage VIEW).
func renderModel(e *env, cmd *cobra.Command, cf *configFlags, vf *viewFlags, opts render.Options, stage, keys, out string) error {
	if !cmd.Flags().Changed("stage") {
		stage = "overview"
	}
	st, err := pipeline.ParseModelStage(stage)
	if err != nil {
		return usageErrorf("--stage: %v", err)
	}
	if opts.Panel != "" {
		return usageErrorf("--panel: model mode's views are drawn whole; leave out --panel")
	}
	if err := screenOptions(&opts, keys, vf); err != nil {
		return err
	}
	sc, err := cf.modelScene(e)
	if err != nil {
		return err
	}
	opts.UI = append(opts.UI, ui.WithModelScene(sc, st, cf.layer, cf.head))
	var buf bytes.Buffer
	if err := render.Write(&buf, nil, opts); err != nil {
		return err
	}
	return output(e, out, buf.Bytes())
}
