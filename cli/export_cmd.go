package cli

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/export"
	"github.com/attnscope/attnscope/pipeline"
)

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
