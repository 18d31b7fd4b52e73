// Package samples holds the built-in sample sentences, embedded in the
// binary. The book's sentence is always first.
//
// Imports: the standard library only.
package samples
