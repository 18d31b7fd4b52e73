package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/export"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/render"
	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/ui"
)

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

func runTUI(e *env, req pipeline.Request) error {
	if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
		return usageErrorf("the interactive view needs a terminal on standard input and output; for a screen without one use 'attnscope render --stage NAME', for numbers 'attnscope export'")
	}
	scene, err := pipeline.Build(req)
	if err != nil {
		return err
	}
	p := tea.NewProgram(ui.New(scene, pipeline.StageScores), tea.WithContext(e.ctx))
	_, err = p.Run()
	return err
}

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

func newExportCmd(e *env) *cobra.Command {
	var cf configFlags
	var format, out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Print every tensor of the pipeline (JSON)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "json" {
				return usageErrorf("--format: must be json, got %q", format)
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
			if err := export.JSON(&buf, scene); err != nil {
				return err
			}
			return output(e, out, buf.Bytes())
		},
	}
	cf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "json", "json")
	cmd.Flags().StringVar(&out, "out", "", "write to FILE (atomically) instead of standard output")
	return cmd
}

func newSamplesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "samples",
		Short: "List the built-in sample sentences",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, s := range samples.All() {
				fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.About)
			}
			return tw.Flush()
		},
	}
}

// output writes data to standard output, or atomically to path.
func output(e *env, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	return writeAtomic(path, data)
}

// writeAtomic writes data to a temporary file beside path and renames it
// into place, so that path never holds a partial file.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
