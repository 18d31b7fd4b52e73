// Package export writes a computed scene's configuration, tokens and every
// intermediate tensor in SPEC §5's names, as JSON, CSV or NPZ.
//
// Imports: pipeline, compute and the standard library.
package export
