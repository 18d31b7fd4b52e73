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
// V packed for the micro-kernel, one row's scaled scores less their
// maximum, and a block of queries divided by √hd.
type headScratch struct {
	s, kp, vp, x, q []float32
}

func newHeadScratch(t, hd int) headScratch {
	return headScratch{
		s:  make([]float32, rowBlock*t),
		kp: make([]float32, hd*roundUp(t, gemmNR)),
		vp: make([]float32, t*roundUp(hd, gemmNR)),
		x:  make([]float32, t),
		q:  make([]float32, rowBlock*hd),
	}
}

// scaledRows copies a (at most rowBlock rows) into dst multiplied by f,
// packed (stride a.Cols).
func scaledRows(dst []float32, a blas32.General, f float32) blas32.General {
	out := blas32.General{Rows: a.Rows, Cols: a.Cols, Stride: a.Cols, Data: dst[:a.Rows*a.Cols]}
	for i := range a.Rows {
		src := a.Data[i*a.Stride : i*a.Stride+a.Cols]
		d := out.Data[i*a.Cols : (i+1)*a.Cols]
		for c, v := range src {
			d[c] = v * f
		}
	}
	return out
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
	// Dividing q by a power of two divides every product of its chain
	// exactly: the scores come out already scaled, bit for bit.
	prescale := false
	if fr, _ := math.Frexp(float64(div)); fr == 0.5 && len(sc.q) >= rowBlock*hd {
		prescale = true
	}
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
		qb, rdiv := rows(j.q, r0, r1), div
		if prescale {
			qb, rdiv = scaledRows(sc.q, qb, 1/div), 1
		}
		scores(s, qb, r1)
		for i := r0; i < r1; i++ {
			row := s.Data[(i-r0)*t : (i-r0)*t+r1]
			n := i + 1
			if j.stats != nil {
				sum, sw, wx := softmaxStatsRow(row[:n], rdiv, sc.x)
				j.stats.add(row[:n], i, j.matches, sum, sw, wx)
			} else {
				softmaxScaledRow(row[:n], rdiv)
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

// rowMax returns the largest entry of row (−∞ for an empty row).
func rowMax(row []float32) float32 {
	mx := float32(math.Inf(-1))
	for _, v := range row {
		if v > mx {
			mx = v
		}
	}
	return mx
}

// scaleMax sets row = row/div, the float32 division PyTorch does (div 1
// leaves the row as it is), and returns its maximum.
func scaleMax(row []float32, div float32) float32 {
	if div == 1 {
		return rowMax(row)
	}
	mx := float32(math.Inf(-1))
	for j, v := range row {
		v /= div
		row[j] = v
		if v > mx {
			mx = v
		}
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
// the sum S of the exponentials e, the sum of the weights and Σ w_j·(x_j −
// max) over the scaled scores x (kept in xs meanwhile), for the entropy;
// the last two are taken as Σ e/S and Σ e·(x − max)/S, which the rounding
// of each weight changes by a few 1e-8. The products are summed in four
// float32 lanes (all of one sign: no cancellation) while the row is
// scaled.
func softmaxStatsRow(row []float32, div float32, xs []float32) (sum, sw, wx float64) {
	mx := scaleMax(row, div)
	xs = xs[:len(row)]
	copy(xs, row)
	sum = expRow(row, mx)
	inv := float32(1 / sum)
	var a0, a1, a2, a3 float32
	j := 0
	for ; j+4 <= len(row); j += 4 {
		e, x := row[j:j+4:j+4], xs[j:j+4:j+4]
		a0 += e[0] * (x[0] - mx)
		a1 += e[1] * (x[1] - mx)
		a2 += e[2] * (x[2] - mx)
		a3 += e[3] * (x[3] - mx)
		e[0], e[1], e[2], e[3] = e[0]*inv, e[1]*inv, e[2]*inv, e[3]*inv
	}
	for ; j < len(row); j++ {
		a0 += row[j] * (xs[j] - mx)
		row[j] *= inv
	}
	return sum, 1, float64((a0+a1)+(a2+a3)) / sum
}
