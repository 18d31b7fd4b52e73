package compute

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// microKernel is a register-tile geometry and the blocking around it: A is
// packed in panels of mr rows and B in panels of nr columns, both kc deep;
// a block of mc rows of A and one of nc columns of B stay in L2 while one
// panel of B (kc·nr floats) stays in L1 under the micro-kernel.
type microKernel struct {
	mr, nr int // register tile: rows of A, columns of B
	mc     int // rows of A packed per block (a multiple of mr)
	kc     int // depth of a block
	nc     int // columns of B packed per block (a multiple of nr)
}

var (
	avx2Kernel   = microKernel{mr: 6, nr: 16, mc: 96, kc: 256, nc: 4096}
	avx512Kernel = microKernel{mr: 8, nr: 48, mc: 96, kc: 256, nc: 4608}
)

// width is the columns of the tile the micro-kernel computes for the
// first cols ≤ nr columns of a panel: the AVX-512 kernel has variants for
// 16, 32 and 48.
func (g *microKernel) width(cols int) int {
	if g.nr == 48 {
		return roundUp(cols, 16)
	}
	return g.nr
}

// call runs this geometry's micro-kernel on one tile w (from width)
// columns wide: A packed (lda 0) or its rows read where they are (row
// stride lda), B packed (ldb 0) or, for a whole panel (w = nr), its rows
// read where they are (row stride ldb).
func (g *microKernel) call(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, acc bool, w int) {
	if g.nr == 16 {
		switch {
		case lda > 0 && ldb > 0:
			kern6x16AB(k, a, lda, b, ldb, c, ldc, acc)
		case lda > 0:
			kern6x16A(k, a, lda, b, c, ldc, acc)
		case ldb > 0:
			kern6x16B(k, a, b, ldb, c, ldc, acc)
		default:
			kern6x16(k, a, b, c, ldc, acc)
		}
		return
	}
	switch {
	case lda > 0 && ldb > 0:
		kern8x48AB(k, a, lda, b, ldb, c, ldc, acc)
	case ldb > 0:
		kern8x48B(k, a, b, ldb, c, ldc, acc)
	case lda > 0 && w == 48:
		kern8x48A(k, a, lda, b, c, ldc, acc)
	case lda > 0 && w == 32:
		kern8x32of48A(k, a, lda, b, c, ldc, acc)
	case lda > 0:
		kern8x16of48A(k, a, lda, b, c, ldc, acc)
	case w == 48:
		kern8x48(k, a, b, c, ldc, acc)
	case w == 32:
		kern8x32of48(k, a, b, c, ldc, acc)
	default:
		kern8x16of48(k, a, b, c, ldc, acc)
	}
}

// aliased reports that reading b's rows where they are would be slow: with
// the AVX2 kernel a panel row is one cache line, and rows a multiple of
// 4 KiB apart all fall in one L1 set (768×3072 ran 20% slower than
// packed; the AVX-512 kernel's three lines per row ran faster than packed).
func (g *microKernel) aliased(b blas32.General) bool { return g.nr == 16 && b.Stride%1024 == 0 }

// activeKernel is the micro-kernel products use when useFMA is on.
func activeKernel() *microKernel {
	if useAVX512 {
		return &avx512Kernel
	}
	return &avx2Kernel
}

const (
	// gemmNR is the widest column panel of any micro-kernel: a buffer for
	// pack holds k·roundUp(n, gemmNR) floats.
	gemmNR = 48
	// tileMax is the largest register tile (mr·nr), the scratch tile of
	// edge blocks.
	tileMax = 8 * 48
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
// Empty shapes are allowed. Each entry of c is computed alike however the
// product is split, so results do not depend on GOMAXPROCS.
func gemm(c, a, b blas32.General, tb bool) { gemmPar(c, a, b, tb, true) }

// gemmSerial is gemm on the calling goroutine only (callers that already
// run in parallel, one head each).
func gemmSerial(c, a, b blas32.General, tb bool) { gemmPar(c, a, b, tb, false) }

func gemmPar(c, a, b blas32.General, tb, par bool) { gemmEpilogue(c, a, b, tb, par, nil) }

// gemmEpilogue is gemmPar followed by ep on every entry of c (nil: none):
// with a micro-kernel, each tile as soon as its last depth block is done.
func gemmEpilogue(c, a, b blas32.General, tb, par bool, ep *epilogue) {
	if c.Rows == 0 || c.Cols == 0 {
		return
	}
	if a.Cols == 0 {
		for i := 0; i < c.Rows; i++ {
			clear(c.Data[i*c.Stride : i*c.Stride+c.Cols])
		}
		ep.applyAll(c)
		return
	}
	if useFMA && !useBLAS {
		sgemmKernel(c, a, bSource{b: b, tb: tb}, activeKernel(), par, ep)
		return
	}
	if useBLAS {
		sgemmBLAS(c, a, b, tb, par)
	} else {
		t := blas.NoTrans
		if tb {
			t = blas.Trans
		}
		blas32.Gemm(blas.NoTrans, t, 1, a, b, 0, c)
	}
	ep.applyAll(c)
}

// packedB is a whole matrix B (k×n) packed once by pack for one
// micro-kernel: panels of kern.nr columns, each k deep. Products may use
// its first rows and columns.
type packedB struct {
	data []float32
	k    int
	kern *microKernel
}

// pack packs b (or bᵀ if tb), k×n, for the active micro-kernel into dst
// (at least k·roundUp(n, gemmNR) floats).
func pack(dst []float32, b blas32.General, tb bool, k, n int) packedB {
	g := activeKernel()
	packB(dst, b, tb, g.nr, 0, k, 0, n)
	return packedB{data: dst, k: k, kern: g}
}

// sgemmPackedB sets c (m×n) = a (m×k) · B[:k, :n] on the calling
// goroutine, with B packed beforehand (k ≤ B's depth).
func sgemmPackedB(c, a blas32.General, b packedB) {
	sgemmKernel(c, a, bSource{pre: &b}, b.kern, false, nil)
}

// bSource is the B of a product: op(b) packed block by block, or packed
// beforehand (pre).
type bSource struct {
	b   blas32.General
	tb  bool
	pre *packedB
}

// sgemmKernel sets c (m×n) = a (m×k) · B with micro-kernel g: each entry
// is, for each depth block of g.kc in order, a float32 fused multiply-add
// chain over the block added to the sum of the blocks before it. With par,
// a large product is split into jobs of whole column panels and whole
// row panels run on up to GOMAXPROCS goroutines.
func sgemmKernel(c, a blas32.General, src bSource, g *microKernel, par bool, ep *epilogue) {
	m, n, k := c.Rows, c.Cols, a.Cols
	np := (n + g.nr - 1) / g.nr
	j := gemmJob{c: c, a: a, src: src, g: g, ep: ep, rowsPer: m, panelsPer: np, colJobs: 1}
	if workers := runtime.GOMAXPROCS(0); par && workers > 1 && m*n*k >= gemmParMin {
		// About four jobs per worker: the cores balance each other (and
		// whatever else runs on them).
		target := 4 * workers
		// Each job packs the rows of A it reads (unless the kernel reads
		// them where they are) for each of its column blocks, and the
		// columns of B it reads (unless B is packed beforehand or read
		// where it is): choose the split that copies least, the one with
		// most column jobs among equals.
		costA, costB := 0, k*n // whole row panels of A are read where they are
		if src.pre != nil || !src.tb && !g.aliased(src.b) {
			costB = 0
		}
		best := -1
		for cj := min(np, target); cj >= 1; cj-- {
			rj := min((target+cj-1)/cj, (m+g.mr-1)/g.mr)
			if cost := cj*costA + rj*costB; best < 0 || cost < best {
				best, j.colJobs = cost, cj
			}
		}
		j.panelsPer = (np + j.colJobs - 1) / j.colJobs
		j.colJobs = (np + j.panelsPer - 1) / j.panelsPer
		rowJobs := min((target+j.colJobs-1)/j.colJobs, (m+g.mr-1)/g.mr)
		j.rowsPer = roundUp((m+rowJobs-1)/rowJobs, g.mr)
		rowJobs = (m + j.rowsPer - 1) / j.rowsPer
		if jobs := j.colJobs * rowJobs; jobs > 1 {
			pj := j // only this copy escapes to the goroutines
			parallelFor(jobs, pj.run)
			return
		}
	}
	j.run(0) // no allocation on the serial path
}

// gemmJob is one sgemmKernel call; run(i) computes job i: column panels
// [cj·panelsPer, (cj+1)·panelsPer) of rows [rj·rowsPer, (rj+1)·rowsPer),
// with i = rj·colJobs + cj.
type gemmJob struct {
	c, a                        blas32.General
	src                         bSource
	g                           *microKernel
	ep                          *epilogue
	rowsPer, panelsPer, colJobs int
}

func (j *gemmJob) run(job int) {
	c, g, k := j.c, j.g, j.a.Cols
	np := (c.Cols + g.nr - 1) / g.nr
	cj, rj := job%j.colJobs, job/j.colJobs
	jp0, jp1 := cj*j.panelsPer, min((cj+1)*j.panelsPer, np)
	r0, r1 := rj*j.rowsPer, min((rj+1)*j.rowsPer, c.Rows)
	kc := min(g.kc, k)
	ap := getBuf(g.mc * kc)
	bufA := *ap
	// Column blocks of at most nc columns, of near-equal widths.
	blocks := (jp1 - jp0 + g.nc/g.nr - 1) / (g.nc / g.nr)
	per := (jp1 - jp0 + blocks - 1) / blocks
	var bp *[]float32
	if j.src.pre == nil {
		bp = getBuf(kc * per * g.nr)
	}
	// Whole row panels of A are read where they are; whole column panels
	// of B too unless B is transposed or packed beforehand.
	directB := j.src.pre == nil && !j.src.tb && !g.aliased(j.src.b)
	var tile [tileMax]float32
	for q0 := jp0; q0 < jp1; q0 += per {
		q1 := min(q0+per, jp1)
		for pc := 0; pc < k; pc += g.kc {
			kb := min(g.kc, k-pc)
			acc := pc > 0 // the first depth block stores, later ones add
			var panels []float32
			var stride int // from one panel to the next
			switch pre := j.src.pre; {
			case pre != nil:
				stride = pre.k * g.nr
				panels = pre.data[q0*stride+pc*g.nr:]
			case directB:
				// Only a partial last panel is packed, as panel q1−1.
				stride, panels = kb*g.nr, *bp
				if q1 == np && c.Cols%g.nr != 0 {
					packB(panels[(q1-1-q0)*stride:], j.src.b, false, g.nr, pc, kb, (q1-1)*g.nr, c.Cols)
				}
			default:
				stride, panels = kb*g.nr, *bp
				packB(panels, j.src.b, j.src.tb, g.nr, pc, kb, q0*g.nr, min(q1*g.nr, c.Cols))
			}
			for ic := r0; ic < r1; ic += g.mc {
				mb := min(g.mc, r1-ic)
				full := mb / g.mr // row panels read from a where they are
				packA(bufA[full*kb*g.mr:], j.a, g.mr, ic+full*g.mr, mb-full*g.mr, pc, kb)
				for jp := q0; jp < q1; jp++ {
					pb := &panels[(jp-q0)*stride]
					cols := min(g.nr, c.Cols-jp*g.nr)
					w := g.width(cols)
					for ip := 0; ip*g.mr < mb; ip++ {
						rows := min(g.mr, mb-ip*g.mr)
						at := (ic+ip*g.mr)*c.Stride + jp*g.nr
						// The tile: computed in place when whole, else in
						// tile and copied.
						dst, ldc, whole := &c.Data[at], c.Stride, rows == g.mr && cols == w
						if !whole {
							dst, ldc = &tile[0], g.nr
						}
						pa, lda := &bufA[ip*kb*g.mr], 0
						if ip < full {
							pa, lda = &j.a.Data[(ic+ip*g.mr)*j.a.Stride+pc], j.a.Stride
						}
						pbt, ldb := pb, 0
						if directB && cols == g.nr {
							b := j.src.b
							pbt, ldb = &b.Data[pc*b.Stride+jp*g.nr], b.Stride
						}
						g.call(kb, pa, lda, pbt, ldb, dst, ldc, acc && whole, w)
						last := j.ep != nil && pc+kb == k
						if whole && !last {
							continue
						}
						for r := 0; r < rows; r++ {
							row := c.Data[at+r*c.Stride : at+r*c.Stride+cols]
							if !whole {
								src := tile[r*g.nr : r*g.nr+cols]
								if acc {
									for j := range row {
										row[j] += src[j]
									}
								} else {
									copy(row, src)
								}
							}
							if last {
								j.ep.apply(row, jp*g.nr)
							}
						}
					}
				}
			}
		}
	}
	gemmPool.Put(ap)
	if bp != nil {
		gemmPool.Put(bp)
	}
}

// packB copies rows pc…pc+kb−1, columns j0…j1−1 of op(b) into panels of
// nr columns, kb×nr each, zero-padded.
func packB(dst []float32, b blas32.General, tb bool, nr, pc, kb, j0, j1 int) {
	for jp := 0; j0+jp*nr < j1; jp++ {
		panel := dst[jp*kb*nr : (jp+1)*kb*nr]
		c0 := j0 + jp*nr
		cols := min(nr, j1-c0)
		if cols < nr {
			clear(panel)
		}
		if tb { // op(b)[p][j] = b[j][p]
			for jj := 0; jj < cols; jj++ {
				src := b.Data[(c0+jj)*b.Stride+pc : (c0+jj)*b.Stride+pc+kb]
				for p, v := range src {
					panel[p*nr+jj] = v
				}
			}
			continue
		}
		for p := 0; p < kb; p++ {
			copy(panel[p*nr:p*nr+cols], b.Data[(pc+p)*b.Stride+c0:(pc+p)*b.Stride+c0+cols])
		}
	}
}

// packA copies rows ic…ic+mb−1, columns pc…pc+kb−1 of a into panels of mr
// rows, kb×mr each (interleaved by k), zero-padded.
func packA(dst []float32, a blas32.General, mr, ic, mb, pc, kb int) {
	for ip := 0; ip*mr < mb; ip++ {
		panel := dst[ip*kb*mr : (ip+1)*kb*mr]
		rows := min(mr, mb-ip*mr)
		if rows < mr {
			clear(panel)
		}
		row := func(ii int) []float32 {
			i := ic + ip*mr + ii
			return a.Data[i*a.Stride+pc : i*a.Stride+pc+kb]
		}
		ii := 0
		if rows == 6 && mr == 6 { // the AVX2 kernel's panel in one pass: sequential writes
			r0, r1, r2, r3, r4, r5 := row(0), row(1), row(2), row(3), row(4), row(5)
			r1, r2, r3, r4, r5 = r1[:len(r0)], r2[:len(r0)], r3[:len(r0)], r4[:len(r0)], r5[:len(r0)]
			for p := range r0 {
				d := panel[p*6 : p*6+6 : p*6+6]
				d[0], d[1], d[2], d[3], d[4], d[5] = r0[p], r1[p], r2[p], r3[p], r4[p], r5[p]
			}
			continue
		}
		for ; ii+4 <= rows; ii += 4 { // four rows at a time: fewer passes over the panel
			r0, r1, r2, r3 := row(ii), row(ii+1), row(ii+2), row(ii+3)
			r1, r2, r3 = r1[:len(r0)], r2[:len(r0)], r3[:len(r0)]
			for p := range r0 {
				d := panel[p*mr+ii : p*mr+ii+4 : p*mr+ii+4]
				d[0], d[1], d[2], d[3] = r0[p], r1[p], r2[p], r3[p]
			}
		}
		for ; ii < rows; ii++ {
			for p, v := range row(ii) {
				panel[p*mr+ii] = v
			}
		}
	}
}
