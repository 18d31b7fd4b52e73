package compute

import (
	"math"

	"gonum.org/v1/gonum/blas/blas32"
)

// rowBlock is the number of query rows causalHead handles per step: the
// scores of a block of rows are one small matrix product against only the
// keys they may see, so the masked half of Q·Kᵀ is never computed. 48 is a
// multiple of both kern6x16 tile sides.
const rowBlock = 48

// headOut says where causalHead stores a head's causal intermediates. Each
// T×T destination may be nil, in which case that tensor is not kept.
type headOut struct {
	weights *Matrix        // causal softmax of masked/√d_k
	dropped *Matrix        // weights·keep·scale
	context blas32.General // dropped·V, T × head_dim (required; may be a strided view)
}

// causalHead runs one head of causal attention on q, k, v (T × d each):
// scores, mask, scale, softmax and dropout fused row by row, in blocks of
// rowBlock rows, skipping the masked half. keep is the row-major T×T
// dropout decision (1 kept, 0 dropped) or nil for no dropout; kept weights
// become float32(w·scale). scratch must hold at least rowBlock·T floats
// when out.dropped is nil.
//
// PyTorch's order of operations is kept: scores in float32, then divided by
// float32(√d_k), then softmax, then dropout.
func causalHead(q, k, v blas32.General, keep []float32, scale float32, out headOut, scratch []float32) {
	t, d := q.Rows, q.Cols
	div := float32(math.Sqrt(float64(k.Cols)))
	// With the FMA kernel, Kᵀ and V are packed once for the whole head;
	// each block of rows uses their first r1 keys.
	scores := func(s, qb blas32.General, r1 int) { gemmSerial(s, qb, rows(k, 0, r1), true) }
	context := func(cb, s blas32.General, r1 int) { gemmSerial(cb, s, rows(v, 0, r1), false) }
	if useFMA && !useBLAS {
		kp, vp := getBuf(d*roundUp(t, gemmNR)), getBuf(t*roundUp(v.Cols, gemmNR))
		defer gemmPool.Put(kp)
		defer gemmPool.Put(vp)
		pk, pv := pack(*kp, k, true, d, t), pack(*vp, v, false, t, v.Cols)
		scores = func(s, qb blas32.General, _ int) { sgemmPackedB(s, qb, pk) }
		context = func(cb, s blas32.General, _ int) { sgemmPackedB(cb, s, pv) }
	}
	for r0 := 0; r0 < t; r0 += rowBlock {
		r1 := min(r0+rowBlock, t)
		// S = Q[r0:r1]·K[0:r1]ᵀ, (r1−r0) × r1, stride t.
		var s blas32.General
		if out.dropped != nil {
			s = blas32.General{Rows: r1 - r0, Cols: r1, Stride: t, Data: out.dropped.Data[r0*t:]}
		} else {
			s = blas32.General{Rows: r1 - r0, Cols: r1, Stride: t, Data: scratch}
		}
		scores(s, rows(q, r0, r1), r1)
		for i := r0; i < r1; i++ {
			row := s.Data[(i-r0)*t : (i-r0)*t+t]
			n := i + 1 // columns 0..i are visible
			causalSoftmaxRow(row[:n], div)
			if out.dropped != nil || out.weights != nil {
				clear(row[n:]) // the whole stored row
			} else {
				clear(row[n:r1]) // what S·V reads
			}
			if out.weights != nil {
				copy(out.weights.Row(i), row)
			}
			if keep != nil {
				kr := keep[i*t : i*t+n]
				for j := range n {
					if kr[j] != 0 {
						row[j] *= scale
					} else {
						row[j] = 0
					}
				}
			}
		}
		// context[r0:r1] = S·V[0:r1]
		context(rows(out.context, r0, r1), s, r1)
	}
}

func roundUp(n, m int) int { return (n + m - 1) / m * m }

// rows is the view of rows r0..r1−1 of a.
func rows(a blas32.General, r0, r1 int) blas32.General {
	return blas32.General{Rows: r1 - r0, Cols: a.Cols, Stride: a.Stride, Data: a.Data[r0*a.Stride:]}
}

// cols is the view of columns c0..c1−1 of m.
func cols(m *Matrix, c0, c1 int) blas32.General {
	return blas32.General{Rows: m.Rows, Cols: c1 - c0, Stride: max(m.Cols, 1), Data: m.Data[c0:]}
}

// causalSoftmaxRow sets row = softmax(row / div) in place: the float32
// division as PyTorch does it, then the exponents (8 lanes at a time with
// AVX2, within 3 ulp; math.Exp otherwise) and their sum, then one
// multiplication by the reciprocal.
func causalSoftmaxRow(row []float32, div float32) {
	mx := float32(math.Inf(-1))
	for j, v := range row {
		v /= div
		row[j] = v
		if v > mx {
			mx = v
		}
	}
	inv := float32(1 / expRow(row, mx))
	for j := range row {
		row[j] *= inv
	}
}
