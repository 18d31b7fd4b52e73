// Package compute is the tensor math of attnscope: PyTorch's CPU random
// number generator and every stage of chapter 3's attention, from raw
// dot-product scores to multi-head output.
//
// Imports: the standard library and gonum only. No I/O, no terminal code.
//
// Conventions, in the manner of gonum's mat:
//   - Matrices are dense, row-major float32 (PyTorch's default dtype).
//   - A method's receiver is its destination.
//   - Shape mismatches are programmer errors and panic with a message that
//     starts with "compute:"; problems with data or configuration are
//     returned as errors.
//   - Softmax is the stable form: each row's maximum is subtracted first.
package compute
