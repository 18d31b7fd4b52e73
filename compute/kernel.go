package compute

import (
	"fmt"
	"os"
)

// KernelEnv is the environment variable that forces a matrix-product path
// at start-up: "avx512", "avx2" or "portable" (gonum's Sgemm and math.Exp,
// as on a CPU without AVX2). Unset or empty, the best path this CPU runs
// is used; a path this CPU cannot run falls back to the best one below
// it. Any other value panics at start-up.
const KernelEnv = "ATTNSCOPE_KERNEL"

// Matrix-product paths, slowest first.
const (
	kernelPortable = "portable"
	kernelAVX2     = "avx2"
	kernelAVX512   = "avx512"
)

// useFMA selects the AVX2/FMA code (micro-kernels and the vector exp);
// off, products use gonum's Sgemm. useAVX512 (with useFMA) selects the
// AVX-512 micro-kernel over the AVX2 one. Tests switch them with
// setKernel.
var (
	useFMA    = hasFMA
	useAVX512 = hasAVX512
)

func init() {
	if err := setKernelName(os.Getenv(KernelEnv)); err != nil {
		panic(err)
	}
}

// setKernelName selects the path name ("" for the best available), or
// the best available below it.
func setKernelName(name string) error {
	switch name {
	case "", kernelAVX512:
		useFMA, useAVX512 = hasFMA, hasAVX512
	case kernelAVX2:
		useFMA, useAVX512 = hasFMA, false
	case kernelPortable:
		useFMA, useAVX512 = false, false
	default:
		return fmt.Errorf("compute: %s=%q: want %s, %s or %s", KernelEnv, name, kernelAVX512, kernelAVX2, kernelPortable)
	}
	return nil
}

// Kernel names the path matrix products take: "openblas" (build tag
// openblas), "avx512", "avx2" or "portable".
func Kernel() string {
	switch {
	case useBLAS:
		return "openblas"
	case useFMA && useAVX512:
		return kernelAVX512
	case useFMA:
		return kernelAVX2
	}
	return kernelPortable
}

// availableKernels lists the pure-Go paths this CPU runs, slowest first.
func availableKernels() []string {
	ks := []string{kernelPortable}
	if hasFMA {
		ks = append(ks, kernelAVX2)
	}
	if hasAVX512 {
		ks = append(ks, kernelAVX512)
	}
	return ks
}

// setKernel selects a path by name for a test or benchmark (and turns the
// openblas tag's path off) and returns a function that restores the
// previous choice.
func setKernel(name string) (restore func()) {
	f, a, b := useFMA, useAVX512, useBLAS
	if err := setKernelName(name); err != nil {
		panic(err)
	}
	useBLAS = false
	return func() { useFMA, useAVX512, useBLAS = f, a, b }
}
