// Package openblas links OpenBLAS (libopenblas-dev) under the openblas
// build tag and exposes its sgemm to compute through gonum's netlib cgo
// bindings. It is a separate package because compute has Go assembly,
// which a cgo package may not.
//
// Imports: gonum and cgo (-lopenblas).
package openblas
