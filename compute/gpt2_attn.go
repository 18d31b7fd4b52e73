package compute

import (
	"math"

	"gonum.org/v1/gonum/blas/blas32"
)

// tokenMatches lists, for each position i, the earlier positions j < i
// holding the same token (dup[start[i]:start[i+1]]): the duplicate-token
// detector's pattern, and shifted by one (j+1) the induction detector's.
type tokenMatches struct {
	start []int32
	dup   []int32
}

func newTokenMatches(ids []int) tokenMatches {
	tm := tokenMatches{start: make([]int32, len(ids)+1)}
	seen := map[int][]int32{}
	for i, id := range ids {
		tm.start[i] = int32(len(tm.dup))
		tm.dup = append(tm.dup, seen[id]...)
		seen[id] = append(seen[id], int32(i))
	}
	tm.start[len(ids)] = int32(len(tm.dup))
	return tm
}

// headStats accumulates one head's scores over the rows of its pattern:
// the sums the detectors divide (docs/model-mode.md).
type headStats struct {
	total, prev, dup, induction, first, entropy float64
}

// add accounts for weight row i (its visible part w = A[i, 0…i]), whose
// exponentials summed to sum and whose Σ w_j·(x_j − max) over the scaled
// scores x is wx, with Σ w = sw.
func (s *headStats) add(w []float32, i int, tm *tokenMatches, sum, sw, wx float64) {
	s.total += sw
	s.first += float64(w[0])
	if i > 0 {
		s.prev += float64(w[i-1])
	}
	for _, j := range tm.dup[tm.start[i]:tm.start[i+1]] {
		s.dup += float64(w[j])
		s.induction += float64(w[j+1])
	}
	// −Σ w ln w with ln w_j = (x_j − max) − ln sum.
	s.entropy += math.Log(sum)*sw - wx
}

// headScratch is one head's working memory: a block of score rows, K and
// V packed for the micro-kernel, and a copy of one row's scaled scores.
type headScratch struct {
	s, kp, vp, x []float32
}

func newHeadScratch(t, hd int) headScratch {
	return headScratch{
		s:  make([]float32, rowBlock*t),
		kp: make([]float32, hd*roundUp(t, gemmNR)),
		vp: make([]float32, t*roundUp(hd, gemmNR)),
		x:  make([]float32, t),
	}
}

// headJob is one head of a GPT-2 block's causal attention: q, k, v are
// T×hd views. The context A·v goes to ctx unless it has no rows; each
// weight row is copied to weights unless it is nil; the detector sums go
// to stats unless it is nil. The weights are the same whichever outputs
// are asked for.
type headJob struct {
	q, k, v, ctx blas32.General
	weights      *Matrix
	stats        *headStats
	matches      *tokenMatches
}

// run computes the head in blocks of rowBlock query rows against only the
// keys they may see (the masked half of q·kᵀ is never computed).
func (j *headJob) run(sc *headScratch) {
	t, hd := j.q.Rows, j.q.Cols
	div := float32(math.Sqrt(float64(hd)))
	scores := func(s, qb blas32.General, r1 int) { gemmSerial(s, qb, rows(j.k, 0, r1), true) }
	context := func(cb, s blas32.General, r1 int) { gemmSerial(cb, s, rows(j.v, 0, r1), false) }
	if useFMA && !useBLAS {
		pk := pack(sc.kp, j.k, true, hd, t)
		scores = func(s, qb blas32.General, _ int) { sgemmPackedB(s, qb, pk) }
		if j.ctx.Rows > 0 {
			pv := pack(sc.vp, j.v, false, t, hd)
			context = func(cb, s blas32.General, _ int) { sgemmPackedB(cb, s, pv) }
		}
	}
	for r0 := 0; r0 < t; r0 += rowBlock {
		r1 := min(r0+rowBlock, t)
		s := blas32.General{Rows: r1 - r0, Cols: r1, Stride: t, Data: sc.s}
		scores(s, rows(j.q, r0, r1), r1)
		for i := r0; i < r1; i++ {
			row := s.Data[(i-r0)*t : (i-r0)*t+r1]
			n := i + 1
			if j.stats != nil {
				sum, sw, wx := softmaxStatsRow(row[:n], div, sc.x)
				j.stats.add(row[:n], i, j.matches, sum, sw, wx)
			} else {
				softmaxScaledRow(row[:n], div)
			}
			clear(row[n:])
			if j.weights != nil {
				wr := j.weights.Row(i)
				copy(wr, row[:n])
				clear(wr[n:])
			}
		}
		if j.ctx.Rows > 0 {
			context(rows(j.ctx, r0, r1), s, r1)
		}
	}
}

// scaleMax sets row = row/div (as PyTorch divides, in float32; by the
// exact reciprocal when div is a power of two) and returns its maximum.
func scaleMax(row []float32, div float32) float32 {
	mx := float32(math.Inf(-1))
	if fr, _ := math.Frexp(float64(div)); fr == 0.5 {
		inv := 1 / div
		for j, v := range row {
			v *= inv
			row[j] = v
			mx = max(mx, v)
		}
		return mx
	}
	for j, v := range row {
		v /= div
		row[j] = v
		mx = max(mx, v)
	}
	return mx
}

// expRow sets row = exp(row − mx) and returns the sum: 8 lanes at a time
// with AVX2 (within 3 ulp), math.Exp otherwise.
func expRow(row []float32, mx float32) float64 {
	var sum float64
	start := 0
	if useFMA && len(row) >= 8 {
		start = len(row) &^ 7
		sum = float64(expSub8(row[:start], mx))
	}
	for j := start; j < len(row); j++ {
		e := math.Exp(float64(row[j] - mx))
		row[j] = float32(e)
		sum += e
	}
	return sum
}

// softmaxScaledRow sets row = softmax(row/div): the scaled scores, their
// exponentials less the maximum, then one multiplication by the
// reciprocal of the sum.
func softmaxScaledRow(row []float32, div float32) {
	mx := scaleMax(row, div)
	inv := float32(1 / expRow(row, mx))
	for j := range row {
		row[j] *= inv
	}
}

// softmaxStatsRow is softmaxScaledRow (the same weights) that also returns
// the sum of the exponentials, Σ w and Σ w_j·(x_j − max) over the scaled
// scores x (kept in xs meanwhile), for the entropy.
func softmaxStatsRow(row []float32, div float32, xs []float32) (sum, sw, wx float64) {
	mx := scaleMax(row, div)
	xs = xs[:len(row)]
	copy(xs, row)
	sum = expRow(row, mx)
	inv := float32(1 / sum)
	var a, b float32
	for j := range row {
		w := row[j] * inv
		row[j] = w
		a += w
		b += w * (xs[j] - mx)
	}
	return sum, float64(a), float64(b)
}
