// Package cputime reads the CPU time a benchmark's work used: on a shared,
// loaded machine it measures the work itself where the wall clock also
// measures the wait for a core. Where a clock is not available the
// figures read 0.
//
// Imports: the standard library only.
package cputime
