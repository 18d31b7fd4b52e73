package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui"
)

func newPresentCmd(e *env) *cobra.Command {
	var cf configFlags
	var vf viewFlags
	var auto time.Duration
	cmd := &cobra.Command{
		Use:   "present",
		Short: "Classroom mode: the chapter as a slide show, one stage per key",
		Long: `Present the chapter to a room: an opening card on why attention exists, then
one stage per key, with the narration in large type and the stage's main matrix
filling the screen (when the screen is small the matrix wins: the words page
with ↓/↑). Advanced panels are hidden. The theme paints the whole screen; for a
projector, try --theme light.

Keys (a presenter's clicker sends most of them; ? lists them):
  →  PgDn  n  space     next          ←  PgUp  Backspace   back
  Home / End            first / last stage
  1 … 12                go to a stage (two digits for 10–12; 0 is the card)
  b  .                  blank the screen (any key brings it back)
  p                     with --auto: pause / resume (else: back)
  i                     explain a number: the cursor (arrows) and the inspector
  w  t  c  ?  q         the card, light/dark, colormap, keys, quit

--auto 8s advances by itself.`,
		Example: `  attnscope present
  attnscope present --auto 8s --theme light
  attnscope present --text "The cat sat on the mat because it was tired"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if auto != 0 && (auto < time.Second || auto > time.Hour) {
				return usageErrorf("--auto: must be between 1s and 1h, got %v", auto)
			}
			if cf.modelMode() {
				return runModelTUI(e, &cf, &vf, "tokens", ui.WithPresent(auto))
			}
			req, err := cf.request(e.stdin)
			if err != nil {
				return err
			}
			run, err := vf.tui(&cf)
			if err != nil {
				return err
			}
			run.ui = append(run.ui, ui.WithPresent(auto), ui.WithCard(), ui.WithStage(pipeline.StageTokens))
			return runTUI(e, req, run)
		},
	}
	cf.register(cmd)
	vf.register(cmd, false)
	vf.registerColor(cmd)
	cmd.Flags().DurationVar(&auto, "auto", 0, "advance every DURATION (e.g. 8s); 0 = only on a key")
	return cmd
}
