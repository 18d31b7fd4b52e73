// Package cli is attnscope's command line (cobra): the TUI command and the
// render, export and samples subcommands. Every configuration flag of SPEC §1
// is declared and validated here, in one place.
//
// Exit status: 0 on success, 1 on a runtime failure, 2 on a usage error
// (unknown flag, bad value), 130 when interrupted.
//
// Imports: ui, render, export, pipeline, samples, tokenizer and cobra.
package cli
