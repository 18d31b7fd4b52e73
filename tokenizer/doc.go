// Package tokenizer wraps tiktoken-go's BPE encoders (offline: the ranks are
// compiled in by tiktoken-go-loader, nothing downloads) and turns tokens into
// labels that are always safe to print in a terminal.
//
// Imports: the standard library, tiktoken-go and its offline loader, and
// terminal-width helpers. No Charm, no compute.
package tokenizer
