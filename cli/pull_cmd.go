package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/checkpoint/hub"
)

// newPullCmd is `attnscope pull NAME [--revision REV]`: the hub's files of a
// model into the local hub cache, shared with Python tools (docs/pull.md).
func newPullCmd(e *env) *cobra.Command {
	var rev string
	cmd := &cobra.Command{
		Use:   "pull NAME",
		Short: "Download a model (config.json, model.safetensors) from the Hugging Face hub",
		Long: `Download config.json and model.safetensors of a Hugging Face model repository
(NAME or ORG/NAME, e.g. openai-community/gpt2) into the hub cache, laid out as
huggingface_hub lays it out so that Python tools share the files. Large files
are checked against their sha256; an interrupted download resumes; files
already in the cache are not fetched again.

Environment: HF_HUB_CACHE or HF_HOME (where the cache is), HF_ENDPOINT (the
hub, default https://huggingface.co), HF_TOKEN (for gated or private models),
HF_HUB_OFFLINE=1 (never download). See docs/pull.md.`,
		Example: "  attnscope pull openai-community/gpt2\n  attnscope pull gpt2 --revision main",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("want one model name, as in '%s openai-community/gpt2'", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if rev == "" {
				rev = "main"
			}
			progress := hub.NewProgress(e.stderr, isTerminal(e.stderr))
			dir, err := hub.Pull(e.ctx, hub.Options{
				Repo:      name,
				Revision:  rev,
				UserAgent: "attnscope/" + Version,
				Progress:  progress.Event,
			})
			progress.End() // an interrupted bar's line, before any message
			if errors.Is(err, hub.ErrInvalid) {
				return usageError{err}
			}
			if err != nil {
				return fmt.Errorf("pull %s: %w", name, err)
			}
			use := name
			if rev != "main" {
				use = dir // a name resolves through refs/main only
			}
			fmt.Fprintf(e.stdout, "%s (%s) is in %s\nuse it: attnscope --model %s\n", name, rev, dir, use)
			return nil
		},
	}
	cmd.Flags().StringVar(&rev, "revision", "main", "the branch, tag or commit to download")
	return cmd
}
