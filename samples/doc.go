// Package samples holds the built-in sample sentences, embedded in the binary
// (texts/*.txt, listed with a one-line description in texts/index.tsv). The
// book's sentence is always first; the others are chosen to make attention
// interesting to look at, and kept short enough to read as a heatmap.
//
// Imports: the standard library only.
package samples
