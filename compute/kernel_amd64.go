package compute

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbv0() (eax uint32)

// kern6x16 adds (acc) or stores a packed 6-row panel of A (k×6) times a
// packed 16-column panel of B (k×16) into the 6×16 tile at c (row stride
// ldc). AVX2 + FMA.
//
//go:noescape
func kern6x16(k int, a, b, c *float32, ldc int, acc bool)

// hasFMA reports AVX2 and FMA with the OS saving YMM state.
var hasFMA = func() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx1&fma == 0 || ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xgetbv0()&6 != 6 { // XMM and YMM state enabled by the OS
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0 // AVX2
}()

// expSub8 sets x[i] = exp(x[i]−mx) for i < len(x)&^7 with AVX2/FMA
// (Cephes expf, within 3 ulp) and returns their sum.
//
//go:noescape
func expSub8(x []float32, mx float32) (sum float32)
