package compute

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Blocking of the AVX2/FMA matrix product (kern6x16): A is packed in
// panels of gemmMR rows, B in panels of gemmNR columns, both gemmKC deep; a
// block of gemmMC rows of A stays in L2 while a 16 KiB panel of B stays in
// L1.
const (
	gemmMR = 6
	gemmNR = 16
	gemmKC = 256
	gemmMC = 96
	gemmNG = 16 // column panels per parallel job (256 columns)
	// gemmParMin is the multiply-add count from which one product is
	// split over goroutines.
	gemmParMin = 1 << 20
)

var gemmPool = sync.Pool{New: func() any { return new([]float32) }}

func getBuf(n int) *[]float32 {
	p := gemmPool.Get().(*[]float32)
	if cap(*p) < n {
		*p = make([]float32, n)
	}
	*p = (*p)[:n]
	return p
}

// gemm sets c = a·op(b) (op = transpose if tb) with float32 accumulation,
// as PyTorch's CPU matmul does, splitting large products over goroutines.
// Empty shapes are allowed.
func gemm(c, a, b blas32.General, tb bool) { gemmPar(c, a, b, tb, true) }

// gemmSerial is gemm on the calling goroutine only (callers that already
// run in parallel, one head each).
func gemmSerial(c, a, b blas32.General, tb bool) { gemmPar(c, a, b, tb, false) }

func gemmPar(c, a, b blas32.General, tb, par bool) {
	if c.Rows == 0 || c.Cols == 0 {
		return
	}
	if a.Cols == 0 {
		for i := 0; i < c.Rows; i++ {
			clear(c.Data[i*c.Stride : i*c.Stride+c.Cols])
		}
		return
	}
	if useBLAS {
		sgemmBLAS(c, a, b, tb, par)
		return
	}
	if useFMA {
		sgemmFMA(c, a, b, tb, par)
		return
	}
	t := blas.NoTrans
	if tb {
		t = blas.Trans
	}
	blas32.Gemm(blas.NoTrans, t, 1, a, b, 0, c)
}

// useFMA selects the AVX2/FMA kernel; tests switch it off to compare with
// gonum's Sgemm.
var useFMA = hasFMA

// sgemmFMA sets c (m×n) = a (m×k) · op(b) with the kern6x16 micro-kernel:
// each entry is a float32 fused multiply-add chain over k in order.
func sgemmFMA(c, a, b blas32.General, tb, par bool) {
	n, k := c.Cols, a.Cols
	np := (n + gemmNR - 1) / gemmNR
	bp := getBuf(min(gemmKC, k) * np * gemmNR)
	defer gemmPool.Put(bp)
	for pc := 0; pc < k; pc += gemmKC {
		kb := min(gemmKC, k-pc)
		packB(*bp, b, tb, pc, kb, n)
		multiplyPacked(c, a, *bp, kb*gemmNR, pc, kb, par)
	}
}

// packedB is a whole matrix B (k×n) packed once by packB: panels of gemmNR
// columns, each k deep. Products may use its first kUse rows and first
// nUse columns.
type packedB struct {
	data []float32
	k    int
}

// pack packs b (or bᵀ if tb), k×n, into dst (at least k·⌈n/16⌉·16).
func pack(dst []float32, b blas32.General, tb bool, k, n int) packedB {
	packB(dst, b, tb, 0, k, n)
	return packedB{data: dst, k: k}
}

// sgemmPackedB sets c (m×n) = a (m×k) · B[:k, :n] on the calling
// goroutine, with B packed beforehand (k ≤ B's depth).
func sgemmPackedB(c, a blas32.General, b packedB) {
	k := a.Cols
	for pc := 0; pc < k; pc += gemmKC {
		kb := min(gemmKC, k-pc)
		multiplyPacked(c, a, b.data[pc*gemmNR:], b.k*gemmNR, pc, kb, false)
	}
}

// multiplyPacked sets (pc = 0) or adds to c the product of columns
// pc…pc+kb−1 of a with packed rows of B: panel jp starts at
// bp[jp·panelStride].
func multiplyPacked(c, a blas32.General, bp []float32, panelStride, pc, kb int, par bool) {
	m, n := c.Rows, c.Cols
	np := (n + gemmNR - 1) / gemmNR
	// Jobs are blocks of gemmMC rows × groups of gemmNG column panels, so
	// that short, wide products still split over goroutines.
	job := mulJob{c: c, a: a, bp: bp, panelStride: panelStride, pc: pc, kb: kb,
		np: np, ng: (np + gemmNG - 1) / gemmNG}
	jobs := (m + gemmMC - 1) / gemmMC * job.ng
	if par && jobs > 1 && m*n*kb >= gemmParMin {
		pj := job // only this copy escapes to the goroutines
		parallelFor(jobs, pj.run)
		return
	}
	for i := 0; i < jobs; i++ {
		job.run(i) // no allocation on the serial path
	}
}

// mulJob is one multiplyPacked call; run(i) computes job i.
type mulJob struct {
	c, a                        blas32.General
	bp                          []float32
	panelStride, pc, kb, np, ng int
}

func (j *mulJob) run(job int) {
	c, kb := j.c, j.kb
	ib, g := job/j.ng, job%j.ng
	ic := ib * gemmMC
	mb := min(gemmMC, c.Rows-ic)
	acc := j.pc > 0 // the first depth block stores, later ones add
	ap := getBuf(gemmMC * kb)
	bufA := *ap
	packA(bufA, j.a, ic, mb, j.pc, kb)
	var tile [gemmMR * gemmNR]float32
	for jp := g * gemmNG; jp < min((g+1)*gemmNG, j.np); jp++ {
		pb := &j.bp[jp*j.panelStride]
		cols := min(gemmNR, c.Cols-jp*gemmNR)
		for ip := 0; ip*gemmMR < mb; ip++ {
			rows := min(gemmMR, mb-ip*gemmMR)
			pa := &bufA[ip*kb*gemmMR]
			at := (ic+ip*gemmMR)*c.Stride + jp*gemmNR
			if rows == gemmMR && cols == gemmNR {
				kern6x16(kb, pa, pb, &c.Data[at], c.Stride, acc)
				continue
			}
			kern6x16(kb, pa, pb, &tile[0], gemmNR, false)
			for r := 0; r < rows; r++ {
				dst := c.Data[at+r*c.Stride : at+r*c.Stride+cols]
				src := tile[r*gemmNR : r*gemmNR+cols]
				if acc {
					for j := range dst {
						dst[j] += src[j]
					}
				} else {
					copy(dst, src)
				}
			}
		}
	}
	gemmPool.Put(ap)
}

// packB copies rows pc…pc+kb−1 of op(b) (all n columns) into panels of
// gemmNR columns, kb×gemmNR each, zero-padded.
func packB(dst []float32, b blas32.General, tb bool, pc, kb, n int) {
	for jp := 0; jp*gemmNR < n; jp++ {
		panel := dst[jp*kb*gemmNR : (jp+1)*kb*gemmNR]
		j0 := jp * gemmNR
		cols := min(gemmNR, n-j0)
		if cols < gemmNR {
			clear(panel)
		}
		if tb { // op(b)[p][j] = b[j][p]
			for jj := 0; jj < cols; jj++ {
				src := b.Data[(j0+jj)*b.Stride+pc : (j0+jj)*b.Stride+pc+kb]
				for p, v := range src {
					panel[p*gemmNR+jj] = v
				}
			}
			continue
		}
		for p := 0; p < kb; p++ {
			copy(panel[p*gemmNR:p*gemmNR+cols], b.Data[(pc+p)*b.Stride+j0:(pc+p)*b.Stride+j0+cols])
		}
	}
}

// packA copies rows ic…ic+mb−1, columns pc…pc+kb−1 of a into panels of
// gemmMR rows, kb×gemmMR each (interleaved by k), zero-padded.
func packA(dst []float32, a blas32.General, ic, mb, pc, kb int) {
	for ip := 0; ip*gemmMR < mb; ip++ {
		panel := dst[ip*kb*gemmMR : (ip+1)*kb*gemmMR]
		rows := min(gemmMR, mb-ip*gemmMR)
		if rows == gemmMR { // six rows at once: sequential writes
			i := ic + ip*gemmMR
			r0 := a.Data[i*a.Stride+pc : i*a.Stride+pc+kb]
			r1 := a.Data[(i+1)*a.Stride+pc : (i+1)*a.Stride+pc+kb]
			r2 := a.Data[(i+2)*a.Stride+pc : (i+2)*a.Stride+pc+kb]
			r3 := a.Data[(i+3)*a.Stride+pc : (i+3)*a.Stride+pc+kb]
			r4 := a.Data[(i+4)*a.Stride+pc : (i+4)*a.Stride+pc+kb]
			r5 := a.Data[(i+5)*a.Stride+pc : (i+5)*a.Stride+pc+kb]
			for p := range r0 {
				d := panel[p*gemmMR : p*gemmMR+gemmMR : p*gemmMR+gemmMR]
				d[0], d[1], d[2], d[3], d[4], d[5] = r0[p], r1[p], r2[p], r3[p], r4[p], r5[p]
			}
			continue
		}
		clear(panel)
		for ii := 0; ii < rows; ii++ {
			i := ic + ip*gemmMR + ii
			src := a.Data[i*a.Stride+pc : i*a.Stride+pc+kb]
			for p, v := range src {
				panel[p*gemmMR+ii] = v
			}
		}
	}
}
