package cli

import (
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/export"
)

// stdoutIsTerminal reports whether w is a terminal (a variable for tests).
var stdoutIsTerminal = func(w io.Writer) bool { return isTerminal(w) }

func newExportCmd(e *env) *cobra.Command {
	var cf configFlags
	var format, out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write every tensor of the pipeline (JSON, CSV or NPZ)",
		Long: `Write the configuration, the tokens and every intermediate tensor of one
configuration as JSON (default), CSV or NumPy NPZ; docs/export.md gives each
format's layout and the tensors' names and orientation (a weight W is
d_in × d_out: Q = X·W, PyTorch's weight.T). Tokens carry their exact text
(where it is valid UTF-8), their display label and their bytes in hex.
The export always holds one coherent configuration: the flags given, with
defaults for the rest (never book mode's per-stage configurations).
NPZ is not written to a terminal: give --out.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !slices.Contains(export.Formats, format) {
				return usageErrorf("--format: must be %s, got %q", strings.Join(export.Formats, ", "), format)
			}
			if format == "npz" && (out == "" || out == "-") && stdoutIsTerminal(e.stdout) {
				return usageErrorf("--format npz: a binary archive would go to the terminal; give --out FILE.npz (or redirect standard output)")
			}
			if cf.modelMode() {
				return exportModel(e, &cf, format, out)
			}
			req, err := cf.request(e.stdin)
			if err != nil {
				return err
			}
			scene, err := build(e, req)
			if err != nil {
				return err
			}
			doc := export.FromScene(scene)
			return outputTo(e, out, func(w io.Writer) error { return export.Write(w, format, doc) })
		},
	}
	cf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, csv or npz")
	cmd.Flags().StringVar(&out, "out", "", "write to FILE (atomically) instead of standard output")
	return cmd
}

// exportModel writes a model-mode document (docs/export.md).
func exportModel(e *env, cf *configFlags, format, out string) error {
	sc, err := cf.modelScene(e)
	if err != nil {
		return err
	}
	doc := export.FromModelScene(sc)
	return outputTo(e, out, func(w io.Writer) error { return export.Write(w, format, doc) })
}
