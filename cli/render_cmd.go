package cli

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/render"
)

func newRenderCmd(e *env) *cobra.Command {
	var cf configFlags
	var stage, color, format, out string
	var width, height int
	cmd := &cobra.Command{
		Use:   "render --stage NAME",
		Short: "Draw one screen without a terminal (text, ANSI)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := pipeline.ParseStage(stage)
			if err != nil {
				return usageErrorf("--stage: %v", err)
			}
			if _, err := render.Profile(color); err != nil {
				return usageErrorf("--color: %v", err)
			}
			if format != "ansi" && format != "text" {
				return usageErrorf("--format: must be ansi or text, got %q", format)
			}
			if width < 1 || width > 1000 || height < 1 || height > 1000 {
				return usageErrorf("--width and --height: must be between 1 and 1000, got %dx%d", width, height)
			}
			req, err := cf.request(e.stdin)
			if err != nil {
				return err
			}
			scene, err := pipeline.Build(req)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := render.Write(&buf, scene, render.Options{Stage: st, Width: width, Height: height, Color: color, Format: format}); err != nil {
				return err
			}
			return output(e, out, buf.Bytes())
		},
	}
	cf.register(cmd)
	f := cmd.Flags()
	f.StringVar(&stage, "stage", "scores", "stage to draw (tokens, embeddings, scores, …, output)")
	f.IntVar(&width, "width", 100, "screen width in cells")
	f.IntVar(&height, "height", 30, "screen height in cells")
	f.StringVar(&color, "color", "truecolor", "colour profile: none, 16, 256, truecolor")
	f.StringVar(&format, "format", "ansi", "output format: ansi, text")
	f.StringVar(&out, "out", "", "write to FILE (atomically) instead of standard output")
	return cmd
}
