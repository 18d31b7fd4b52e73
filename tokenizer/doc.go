// Package tokenizer splits text into GPT-style BPE tokens exactly as OpenAI's
// tiktoken does (encodings gpt2 = r50k_base, p50k_base, cl100k_base,
// o200k_base) and turns tokens into labels that are always safe to print in a
// terminal.
//
// Nothing downloads: the ranks are the files compiled into
// tiktoken-go-loader. Each encoder is built once, on first use or by Preload,
// and cached; Loaded tells a UI whether using an encoding will block.
//
// The text is split with tiktoken's patterns on the regexp2 engine, as
// tiktoken-go does, but the byte-pair merge is this package's own: it makes
// the same merges as tiktoken (lowest rank first, leftmost on ties; checked
// against tiktoken's output in testdata and against tiktoken-go in tests) in
// O(n log n) instead of O(n²), so a long unbroken run ("aaaa…", random bytes)
// cannot stall the UI. Inputs are also capped (Limits).
//
// Imports: the standard library, tiktoken-go-loader (the ranks), regexp2 (the
// split), displaywidth (cell widths, as lipgloss measures them). No Charm, no
// compute. tiktoken-go itself is imported only by tests, as an oracle.
package tokenizer
