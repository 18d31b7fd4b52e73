//go:build !openblas

package compute

import "gonum.org/v1/gonum/blas/blas32"

// useBLAS is false without the openblas build tag: products use the
// AVX2/FMA kernel or gonum's Sgemm.
var useBLAS = false

func sgemmBLAS(c, a, b blas32.General, tb, par bool) {
	panic("compute: built without the openblas tag")
}
