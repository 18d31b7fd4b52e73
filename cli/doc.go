// Package cli is attnscope's command line (cobra): the TUI command and the
// present, render, export and samples subcommands. The configuration flags
// come from pipeline.Fields (docs/configuration.md); a request is checked
// whole (ranges and the compute size limit) before any work.
//
// Exit status: 0 on success, 1 on a runtime failure, 2 on a usage error
// (unknown flag, bad value: one line naming the flag and its range), and
// 128 + the signal's number after SIGINT (130), SIGHUP (129) or SIGTERM
// (143), once the work is cancelled and clean-up has run.
//
// Imports: ui, render, export, pipeline, samples, tokenizer and cobra.
package cli
