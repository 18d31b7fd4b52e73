package compute

import (
	"fmt"
	"math"
	"sort"
	"sync"
)

// normalBlock is the width of PyTorch's vectorised normal_ fill: 16 floats,
// lanes j and j+8 forming one Box–Muller pair.
const normalBlock = 16

// EmbeddingRows returns the rows ids of the float32 table that
//
//	torch.manual_seed(seed); emb = nn.Embedding(nVocab, dIn)
//
// draws on x86-64 PyTorch (the AVX2 kernel, its default dispatch), i.e.
// emb.weight[ids], as a len(ids) × dIn matrix, bit for bit. Only the random
// draws up to the largest requested element are generated, and only the
// 16-float blocks holding requested rows are transformed.
//
// The algorithm is normal_fill_AVX2 of aten/src/ATen/native/cpu/
// DistributionTemplates.h with avx_mathfun.h's log256_ps and sincos256_ps
// (torch_rng.md, section "Embedding: normal_"). With n = nVocab·dIn:
//
//  1. n uniforms u = (random() & 0xFFFFFF)·2^-24, one 32-bit mt19937
//     draw each, row-major (draws 0 … n−1).
//  2. Box–Muller in blocks of 16 for i = 0, 16, … while i+16 ≤ n: lane j
//     (0 ≤ j < 8) pairs with j+8, r = sqrt(−2·log(1−u[j])), θ = 2π·u[j+8],
//     u[j] ← r·cos θ, u[j+8] ← r·sin θ (mean 0, std 1).
//  3. If n is not a multiple of 16, 16 fresh uniforms (draws n … n+15)
//     overwrite elements n−16 … n−1 and are transformed as one block. So an
//     element k ≥ n−16 comes from that tail block, which needs the whole
//     stream (n+16 draws), and any other element from block ⌊k/16⌋.
//  4. The arithmetic is float32 throughout, with the Cephes polynomials of
//     avx_mathfun.h and a fused multiply-add wherever GCC (-mfma,
//     -ffp-contract=fast) contracts a product into a sum; unfused, about
//     1 % of entries would be 1 ulp off.
//
// Cost: the draws before the largest requested element must be generated
// (untempered, about 1 ns each): 150 M draws, about 0.16 s, for the last
// rows of o200k_base at dIn 768; see BenchmarkEmbeddingRows. The generator's
// state every 1,048,944 draws is cached for the most recent seed, so a later
// call with the same seed takes about 1 ms whatever the ids.
//
// Another platform's PyTorch (arm64, ATEN_CPU_CAPABILITY=default) uses libm's
// logf/cosf/sinf instead and agrees only to about 2e-6.
//
// EmbeddingRows returns an error if nVocab or dIn is below 1, if
// nVocab·dIn is below 16 (PyTorch then takes a per-element double-precision
// path that is not emulated) or overflows, or if an id is outside
// [0, nVocab). Seeds wider than 32 bits are truncated, as torch.manual_seed
// does.
func EmbeddingRows(seed uint64, nVocab, dIn int, ids []int) (*Matrix, error) {
	switch {
	case nVocab < 1:
		return nil, fmt.Errorf("compute: embedding: vocabulary size must be at least 1, got %d", nVocab)
	case dIn < 1:
		return nil, fmt.Errorf("compute: embedding: d_in must be at least 1, got %d", dIn)
	case nVocab > math.MaxInt32/dIn:
		return nil, fmt.Errorf("compute: embedding: table of %d×%d values is too large", nVocab, dIn)
	case nVocab*dIn < normalBlock:
		return nil, fmt.Errorf("compute: embedding: table of %d×%d values is smaller than %d, which PyTorch fills by another path",
			nVocab, dIn, normalBlock)
	}
	for i, id := range ids {
		if id < 0 || id >= nVocab {
			return nil, fmt.Errorf("compute: embedding: token %d has id %d, outside [0, %d)", i, id, nVocab)
		}
	}
	n := nVocab * dIn
	tailStart := n // elements from here on come from the tail block
	if n%normalBlock != 0 {
		tailStart = n - normalBlock
	}

	// The regular blocks that hold requested elements, and whether the
	// tail block is needed.
	var blocks []int
	needTail := false
	for _, id := range ids {
		lo, hi := id*dIn, (id+1)*dIn
		if hi > tailStart {
			needTail = true
			hi = tailStart
		}
		for b := lo / normalBlock; b*normalBlock < hi; b++ {
			blocks = append(blocks, b)
		}
	}
	sort.Ints(blocks)
	blocks = uniqueSorted(blocks)

	// Walk the stream once, in order, transforming each needed block.
	g := NewGenerator(seed)
	values := make([][normalBlock]float32, len(blocks))
	for i, b := range blocks {
		checkpoints.skipTo(g, uint32(seed), b*normalBlock)
		fillUniform(g, &values[i])
		normalFill16(&values[i])
	}
	var tail [normalBlock]float32
	if needTail {
		checkpoints.skipTo(g, uint32(seed), n)
		fillUniform(g, &tail)
		normalFill16(&tail)
	}

	m := NewMatrix(len(ids), dIn)
	for r, id := range ids {
		row := m.Row(r)
		for c := range row {
			k := id*dIn + c
			if k >= tailStart {
				row[c] = tail[k-tailStart]
				continue
			}
			i := sort.SearchInts(blocks, k/normalBlock)
			row[c] = values[i][k%normalBlock]
		}
	}
	return m, nil
}

func uniqueSorted(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// fillUniform draws 16 torch.rand float32 values into d.
func fillUniform(g *Generator, d *[normalBlock]float32) {
	for i := range d {
		d[i] = g.Float32()
	}
}

// skipDraws advances g by n 32-bit outputs without tempering them: whole
// 624-word twists for the bulk. (It reaches into Generator's state; it could
// move to rng.go as a Discard method.)
func skipDraws(g *Generator, n int) {
	if n <= 0 {
		return
	}
	g.Draws += n
	avail := mtN - g.next
	if n <= avail {
		g.next += n
		return
	}
	n -= avail
	g.next = mtN
	for n > 0 {
		twistFast(&g.state)
		take := min(n, mtN)
		g.next = take
		n -= take
	}
}

// checkpointEvery is the spacing, in draws, of the cached generator states:
// a multiple of 624, so that a checkpoint is a freshly exhausted state.
const checkpointEvery = mtN * 1681 // 1,048,944 draws

// streamCheckpoints remembers, for the most recent seed, the generator's
// state after every checkpointEvery draws that some call has walked past
// (147 states, 367 KB, for the whole o200k_base × 768 table), so that a
// later call with the same seed — the usual case while a user edits the
// text — skips at most checkpointEvery draws (≈1 ms) instead of the whole
// stream. It is safe for concurrent use.
type streamCheckpoints struct {
	mu     sync.Mutex
	seed   uint32
	states [][mtN]uint32 // states[k] is the state after (k+1)·checkpointEvery draws
}

var checkpoints streamCheckpoints

// skipTo advances g, seeded with seed, to draw number target (g.Draws ≤
// target), starting from the furthest cached checkpoint not beyond target
// and caching the checkpoints it passes.
func (c *streamCheckpoints) skipTo(g *Generator, seed uint32, target int) {
	if target-g.Draws < checkpointEvery {
		skipDraws(g, target-g.Draws)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seed != seed {
		c.seed, c.states = seed, c.states[:0]
	}
	if k := min(target/checkpointEvery, len(c.states)); k*checkpointEvery > g.Draws {
		g.state = c.states[k-1]
		g.next = mtN
		g.Draws = k * checkpointEvery
	}
	for {
		next := (g.Draws/checkpointEvery + 1) * checkpointEvery
		if next > target {
			break
		}
		skipDraws(g, next-g.Draws)
		if k := next / checkpointEvery; k == len(c.states)+1 {
			c.states = append(c.states, g.state)
		}
	}
	skipDraws(g, target-g.Draws)
}

// twistFast is the mt19937 state transition, the same as Generator.twist
// but without the modulo, so that skipping tens of millions of draws stays
// cheap.
func twistFast(s *[mtN]uint32) {
	mag := func(y uint32) uint32 { return (y >> 1) ^ (-(y & 1) & mtMatrixA) }
	for i := 0; i < mtN-mtM; i++ {
		s[i] = s[i+mtM] ^ mag((s[i]&mtUpperMask)|(s[i+1]&mtLowerMask))
	}
	for i := mtN - mtM; i < mtN-1; i++ {
		s[i] = s[i+mtM-mtN] ^ mag((s[i]&mtUpperMask)|(s[i+1]&mtLowerMask))
	}
	s[mtN-1] = s[mtM-1] ^ mag((s[mtN-1]&mtUpperMask)|(s[0]&mtLowerMask))
}

// f32 rounds a float64 to float32 at run time, as C does when a double
// literal initialises a float constant (decimal → double → float).
func f32(x float64) float32 { return float32(x) }

// The constants of avx_mathfun.h (Cephes), rounded as C rounds them.
var (
	cephesSqrtHF = f32(0.707106781186547524)
	cephesLogP   = [9]float32{
		f32(7.0376836292e-2), f32(-1.1514610310e-1), f32(1.1676998740e-1),
		f32(-1.2420140846e-1), f32(1.4249322787e-1), f32(-1.6668057665e-1),
		f32(2.0000714765e-1), f32(-2.4999993993e-1), f32(3.3333331174e-1),
	}
	cephesLogQ1 = f32(-2.12194440e-4)
	cephesLogQ2 = f32(0.693359375)

	minusCephesDP1 = f32(-0.78515625)
	minusCephesDP2 = f32(-2.4187564849853515625e-4)
	minusCephesDP3 = f32(-3.77489497744594108e-8)
	sincofP0       = f32(-1.9515295891e-4)
	sincofP1       = f32(8.3321608736e-3)
	sincofP2       = f32(-1.6666654611e-1)
	coscofP0       = f32(2.443315711809948e-005)
	coscofP1       = f32(-1.388731625493765e-003)
	coscofP2       = f32(4.166664568298827e-002)
	cephesFOPI     = f32(1.27323954473516) // 4/π

	twoPi32      = f32(2 * math.Pi) // _mm256_set1_ps(2.0f * c10::pi<double>)
	minNormPos32 = math.Float32frombits(0x00800000)
)

// normalFill16 is normal_fill_16_AVX2 with mean 0 and std 1, lane by lane.
func normalFill16(d *[normalBlock]float32) {
	const half = normalBlock / 2
	for j := 0; j < half; j++ {
		u1 := 1 - d[j]
		u2 := d[j+half]
		radius := float32(math.Sqrt(float64(float32(-2 * cephesLog(u1)))))
		theta := float32(twoPi32 * u2)
		sin, cos := cephesSinCos(theta)
		n1 := float32(radius * cos)
		n2 := float32(radius * sin)
		// _mm256_fmadd_ps(n, std, mean) with std 1, mean 0: n·1+0 (turns −0 into +0).
		d[j] = fma32(n1, 1, 0)
		d[j+half] = fma32(n2, 1, 0)
	}
}

// cephesLog is one lane of log256_ps for x > 0, with GCC's contractions:
// each polynomial step y·x+p fused, and y·z + fl(e·q1) fused in the product.
func cephesLog(x float32) float32 {
	if x < minNormPos32 { // _mm256_max_ps(x, min_norm_pos)
		x = minNormPos32
	}
	bits := math.Float32bits(x)
	e := float32(int32(bits>>23) - 0x7f)
	x = math.Float32frombits(bits&^0x7f800000 | math.Float32bits(0.5))
	e = e + 1
	var tmp float32
	if x < cephesSqrtHF {
		tmp = x
		e = e - 1
	}
	x = x - 1
	x = x + tmp
	z := float32(x * x)

	y := cephesLogP[0]
	for _, p := range cephesLogP[1:] {
		y = fma32(y, x, p)
	}
	y = float32(y * x)
	y = fma32(y, z, float32(e*cephesLogQ1))
	y = y - float32(z*0.5) // exact product: fused or not, the same
	x = x + y
	x = x + float32(e*cephesLogQ2) // e·q2 is exact (q2 has 9 significant bits)
	return x
}

// cephesSinCos is one lane of sincos256_ps, with GCC's contractions: the
// Cody–Waite steps y·(−DPk)+x, the polynomial steps, (y·z)·z − z/2 in the
// cosine and (y2·z)·x + x in the sine fused.
func cephesSinCos(x float32) (sin, cos float32) {
	const signMask = 0x80000000
	signSin := math.Float32bits(x) & signMask
	x = math.Float32frombits(math.Float32bits(x) &^ signMask)

	j := int32(float32(x * cephesFOPI)) // _mm256_cvttps_epi32 truncates
	j = (j + 1) &^ 1
	y := float32(j)
	swapSignSin := uint32(j&4) << 29
	sinPoly := j&2 == 0 // poly_mask: the sine polynomial gives the sine
	x = fma32(y, minusCephesDP1, x)
	x = fma32(y, minusCephesDP2, x)
	x = fma32(y, minusCephesDP3, x)
	signCos := uint32(^(j-2)&4) << 29
	signSin ^= swapSignSin

	z := float32(x * x)
	yc := fma32(coscofP0, z, coscofP1)
	yc = fma32(yc, z, coscofP2)
	yc = float32(yc * z)
	yc = fma32(yc, z, -float32(z*0.5))
	yc = yc + 1

	ys := fma32(sincofP0, z, sincofP1)
	ys = fma32(ys, z, sincofP2)
	ys = float32(ys * z)
	ys = fma32(ys, x, x)

	// The selection, operation for operation (masked lanes are +0).
	var ysin1, ysin2 float32
	if sinPoly {
		ysin2 = ys
	} else {
		ysin1 = yc
	}
	ys = ys - ysin2
	yc = yc - ysin1
	s := ysin1 + ysin2
	c := yc + ys
	return math.Float32frombits(math.Float32bits(s) ^ signSin),
		math.Float32frombits(math.Float32bits(c) ^ signCos)
}
