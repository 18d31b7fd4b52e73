package export

import "github.com/attnscope/attnscope/compute"

// Tensor is one named tensor of a Result, computed when its Parts are
// read, so that an export holds one on-demand tensor at a time. It is the
// catalogue the screens read too (compute.Result.Tensors).
type Tensor = compute.Tensor

// NewTensor is a tensor of the given shape holding parts.
func NewTensor(name string, shape []int, parts ...[]float32) Tensor {
	return compute.NewTensor(name, shape, parts...)
}

// Tensors lists every tensor of r by its export name, in order (see
// docs/stages.md). Weights W are d_in × d_out (Q = X·W); biases appear only
// when the module has them.
func Tensors(r *compute.Result) []Tensor { return r.Tensors() }
