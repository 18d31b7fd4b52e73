package compute

import (
	"math"
	"sync"
	"weak"

	"gonum.org/v1/gonum/blas/blas32"
)

// lazy is one T×T tensor of a Result that Run does not keep: it is
// computed from the kept projections on first use and then held only as
// long as someone else holds it (a weak pointer), so a Result's memory is
// what its readers hold plus what Run keeps; a later call after it was
// collected computes it again (the same values). The masks, constants,
// are kept once made (strong). Goroutine-safe. A nil *lazy is an absent
// tensor; copies of a module share its lazies.
type lazy struct {
	mu     sync.Mutex
	fn     func() *Matrix
	strong bool
	m      *Matrix // stored, or made when strong
	w      weak.Pointer[Matrix]
}

func newLazy(fn func() *Matrix) *lazy { return &lazy{fn: fn} }

// newKept is a lazy that keeps its matrix once made.
func newKept(fn func() *Matrix) *lazy { return &lazy{fn: fn, strong: true} }

// stored is a lazy that holds m (nil for nil).
func stored(m *Matrix) *lazy {
	if m == nil {
		return nil
	}
	return &lazy{m: m}
}

func (l *lazy) get() *Matrix {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if m := l.peekLocked(); m != nil || l.fn == nil {
		return m
	}
	m := l.fn()
	if l.strong {
		l.m = m
	} else {
		l.w = weak.Make(m)
	}
	return m
}

// peek returns the matrix if it is in memory, without computing it.
func (l *lazy) peek() *Matrix {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.peekLocked()
}

func (l *lazy) peekLocked() *Matrix {
	if l.m != nil {
		return l.m
	}
	return l.w.Value()
}

// resident reports whether the tensor is in memory (stored, kept or still
// held by a reader).
func (l *lazy) resident() bool { return l.peek() != nil }

// getAt is ls[h].get(), or nil when h is out of range.
func getAt(ls []*lazy, h int) *Matrix {
	if h < 0 || h >= len(ls) {
		return nil
	}
	return ls[h].get()
}

// storedAll wraps each matrix of ms.
func storedAll(ms []*Matrix) []*lazy {
	if ms == nil {
		return nil
	}
	out := make([]*lazy, len(ms))
	for i, m := range ms {
		out[i] = stored(m)
	}
	return out
}

// scoresOf returns Q·Kᵀ (T×T) divided by div (1 leaves it as is).
func scoresOf(q, k *Matrix, div float32) *Matrix {
	m := NewMatrix(q.Rows, k.Rows)
	m.MulT(q, k)
	if div != 1 {
		for i, v := range m.Data {
			m.Data[i] = v / div
		}
	}
	return m
}

// maskedScoresOf returns Q·Kᵀ with −∞ above the diagonal (unscaled).
func maskedScoresOf(q, k *Matrix) *Matrix {
	m := scoresOf(q, k, 1)
	inf := float32(math.Inf(-1))
	for i := 0; i < m.Rows; i++ {
		r := m.Row(i)
		for j := i + 1; j < len(r); j++ {
			r[j] = inf
		}
	}
	return m
}

// unmaskedWeightsOf returns softmax(Q·Kᵀ/div) by rows, T×T.
func unmaskedWeightsOf(q, k *Matrix, div float32) *Matrix {
	m := NewMatrix(q.Rows, k.Rows)
	attendUnmasked(q, k, nil, div, nil, func(i int, w []float32) { copy(m.Row(i), w) })
	return m
}

// attendUnmasked computes unmasked attention without holding its T×T
// weights: block by block of rowBlock query rows, the scores Q·Kᵀ are
// divided by div in float32 (1 for simplified attention) and softmaxed by
// rows (softmaxRow, as SoftmaxRows), row(i, w) is called with each weight
// row (if row is not nil), and ctx (if not nil) is set to weights·V. The
// values are those of the whole-matrix computation (Scores, then Scaled,
// then SoftmaxRows, then Mul): with the FMA kernel each entry of a product
// is the same accumulation whatever the row blocking (gonum's and
// OpenBLAS's may differ in the last bits).
func attendUnmasked(q, k, v *Matrix, div float32, ctx *Matrix, row func(i int, w []float32)) {
	t, n := q.Rows, k.Rows
	bp := getBuf(rowBlock * n)
	defer gemmPool.Put(bp)
	for r0 := 0; r0 < t; r0 += rowBlock {
		r1 := min(r0+rowBlock, t)
		s := blas32.General{Rows: r1 - r0, Cols: n, Stride: max(n, 1), Data: *bp}
		gemm(s, rows(q.general(), r0, r1), k.general(), true)
		for i := r0; i < r1; i++ {
			w := s.Data[(i-r0)*n : (i-r0+1)*n]
			if div != 1 {
				for j, x := range w {
					w[j] = x / div
				}
			}
			softmaxRow(w, w, 1)
			if row != nil {
				row(i, w)
			}
		}
		if ctx != nil {
			gemm(rows(ctx.general(), r0, r1), s, v.general(), false)
		}
	}
}

// renormRow sets r to the simple method's row i: the unmasked weights w
// masked after the softmax and renormalised. A row whose visible weights
// all underflowed to 0 (scores far apart; PyTorch prints NaN there) shows
// the causal softmax cw, the value the method stands for, rather than 0/0.
func renormRow(r, w, cw []float32, i int) {
	var sum float32
	for j := 0; j <= i; j++ {
		sum += w[j]
	}
	if sum == 0 {
		copy(r, cw)
		return
	}
	for j := 0; j <= i; j++ {
		r[j] = w[j] / sum
	}
}
