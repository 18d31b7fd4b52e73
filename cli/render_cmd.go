package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/render"
	"github.com/attnscope/attnscope/ui"
)

func newRenderCmd(e *env) *cobra.Command {
	var cf configFlags
	var vf viewFlags
	var stage, color, format, out, keys, panel, svgText string
	var width, height, scale int
	var listStages, clean bool
	var delay time.Duration
	cmd := &cobra.Command{
		Use:   "render --stage NAME",
		Short: "Draw one screen without a terminal (ANSI, text, SVG, PNG, HTML, GIF)",
		Long: `Draw exactly what the TUI shows at a stage and size, without a terminal, the same
bytes on every run (on one machine: see the note on fonts below). --keys replays key presses first ("n n l l e", "shift+tab",
"ctrl+u", "pgdown", "?", "space"), so any state of the TUI can be scripted;
--format gif makes one frame before the keys and one after each.
--clean leaves out the key hints, the cell cursor and notes (for slides);
--panel crops to one matrix with its labels and legend.
--format text and --color none contain no escape or control bytes; NO_COLOR
means --color none for ANSI unless --color is given.
PNG, GIF and outline SVG draw glyphs the built-in fonts lack (CJK, emoji)
from installed fonts (/usr/share/fonts, ~/.local/share/fonts, …), and say
on standard error which ones no font has.`,
		Example: `  attnscope render --stage causal --format png --scale 2 --out causal.png
  attnscope render --stage causal --clean --panel causal-weights --format png --out weights.png
  attnscope render --stage tokens --keys "n n n" --format gif --delay 2s --out steps.gif
  attnscope render --stage scores --keys "l l j" --format svg --out cursor.svg
  attnscope render --stage weights --format text`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if listStages && cf.modelMode() {
				_, err := fmt.Fprintln(e.stdout, strings.Join(pipeline.ModelStageNames(), "\n"))
				return err
			}
			if listStages {
				_, err := fmt.Fprintln(e.stdout, strings.Join(pipeline.StageNames(), "\n"))
				return err
			}
			if !cmd.Flags().Changed("color") && format == "ansi" && os.Getenv("NO_COLOR") != "" {
				color = "none"
			}
			opts := render.Options{Width: width, Height: height, Color: color, Format: format, Scale: scale,
				Clean: clean, Panel: panel, Delay: delay, SVGText: svgText, Log: e.stderr}
			if cf.modelMode() {
				return renderModel(e, cmd, &cf, &vf, opts, stage, keys, out)
			}
			if err := renderOptions(&opts, stage, keys, &vf); err != nil {
				return err
			}
			if cmd.Flags().Changed("delay") && (format != "gif" || delay <= 0) {
				return usageErrorf("--delay: only for --format gif, and more than 0 (got %v)", delay)
			}
			req, err := cf.request(e.stdin)
			if err != nil {
				return err
			}
			scene, err := build(e, req)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := render.Write(&buf, scene, opts); err != nil {
				if errors.Is(err, render.ErrPanel) {
					return usageErrorf("%v", err)
				}
				return err
			}
			return output(e, out, buf.Bytes())
		},
	}
	cf.register(cmd)
	vf.register(cmd, true)
	f := cmd.Flags()
	f.StringVar(&stage, "stage", "scores", "stage to draw ("+strings.Join(pipeline.StageNames(), ", ")+", or 1–12; with --model: "+strings.Join(pipeline.ModelStageNames(), ", ")+", default overview)")
	f.IntVar(&width, "width", 100, "screen width in cells")
	f.IntVar(&height, "height", 30, "screen height in cells")
	f.StringVar(&color, "color", "truecolor", "colour profile: none, 16, 256, truecolor")
	f.StringVar(&format, "format", "ansi", "output format: "+strings.Join(render.Formats(), ", "))
	f.IntVar(&scale, "scale", 1, fmt.Sprintf("PNG and GIF pixels per cell pixel (1–%d; a cell is %d×%d at 1); SVG size factor", render.MaxScale, render.CellWidth, render.CellHeight))
	f.StringVar(&keys, "keys", "", `keys to press before drawing, space-separated ("n n l l e", "shift+tab", "ctrl+u")`)
	f.BoolVar(&clean, "clean", false, "for slides: no key hints, cell cursor or notes; narration whole or not at all")
	f.StringVar(&panel, "panel", "", `crop to one matrix of the stage, by name or number ("1"; an unknown name lists them)`)
	f.DurationVar(&delay, "delay", render.DefaultDelay, "GIF: how long each frame shows")
	f.StringVar(&svgText, "svg-text", "text", "SVG glyphs: text (selectable, in a monospace font stack) or outline (exact looks, no font needed)")
	f.StringVar(&out, "out", "", "write to FILE (atomically) instead of standard output")
	f.BoolVar(&listStages, "list-stages", false, "print the stage names, one a line (for scripts)")
	_ = f.MarkHidden("list-stages")
	return cmd
}

// renderOptions completes opts with the stage, the keys and the view flags,
// and checks it: every problem is a usage error.
func renderOptions(opts *render.Options, stage, keys string, vf *viewFlags) error {
	st, err := pipeline.ParseStage(stage)
	if err != nil {
		return usageErrorf("--stage: %v", err)
	}
	opts.Stage = st
	return screenOptions(opts, keys, vf)
}

// screenOptions completes opts with the keys and the view flags and checks
// the format, scale and screen size (chapter 3 and model mode alike).
func screenOptions(opts *render.Options, keys string, vf *viewFlags) error {
	ks, err := render.ParseKeys(keys)
	if err != nil {
		return usageErrorf("--keys: %v", err)
	}
	if err := checkRenderFlags(opts.Format, opts.Scale, len(ks)); err != nil {
		return err
	}
	uiOpts, err := vf.options(true)
	if err != nil {
		return err
	}
	if vf.present {
		uiOpts = append(uiOpts, ui.WithPresent(0))
	}
	opts.Keys, opts.UI = ks, uiOpts
	if err := opts.CheckScreen(); err != nil {
		return usageErrorf("%v", err)
	}
	return nil
}
