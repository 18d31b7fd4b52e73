package compute

import "math"

// Cell is everything that went into one entry (i, j) of a head's causal
// attention, for an inspector: the query and key rows, the products that
// sum to the score, the mask, the softmax result and the dropout decision.
type Cell struct {
	I, J     int
	Query    []float32 // q_i (shares the result's storage)
	Key      []float32 // k_j (shares the result's storage)
	Products []float32 // q_i[d]·k_j[d], float32
	Score    float32   // q_i·k_j as computed (Q·Kᵀ)
	Scale    float32   // √d_k, the divisor
	Scaled   float32   // Score/√d_k
	Masked   bool      // j > i: the score became −∞ and the weight 0
	Weight   float32   // causal weight, before dropout
	Kept     bool      // the dropout decision (true when P = 0)
	// Uniform is the draw that decided Kept (kept when below 1−P); NaN
	// when P = 0.
	Uniform float64
	Dropped float32 // the weight after dropout
}

// cell gathers entry (i, j); masked and mask are read only where needed
// (mask not at all when p = 0: every weight is kept).
func cell(q, k *Matrix, masked func() *Matrix, weights *Matrix, mask func() *Matrix, dropped *Matrix, d Dropout, flatOffset, i, j int) Cell {
	c := Cell{I: i, J: j, Query: q.Row(i), Key: k.Row(j), Masked: j > i}
	c.Products = make([]float32, len(c.Query))
	for x := range c.Query {
		c.Products[x] = c.Query[x] * c.Key[x]
	}
	c.Scale = float32(math.Sqrt(float64(k.Cols)))
	if !c.Masked {
		c.Score = masked().At(i, j)
	} else { // the stored masked score is −∞; recompute the dot product
		var s float32
		for _, p := range c.Products {
			s += p
		}
		c.Score = s
	}
	c.Scaled = c.Score / c.Scale
	c.Weight = weights.At(i, j)
	c.Kept = d.P == 0 || mask().At(i, j) == 1
	c.Uniform = d.Uniform(flatOffset + i*weights.Cols + j)
	c.Dropped = dropped.At(i, j)
	return c
}

// Cell returns the ingredients of causal weight (i, j) of the single-head
// module. It panics with "compute: cell out of range" unless 0 ≤ i, j < T.
func (s *Single) Cell(i, j int) Cell {
	t := s.CausalWeights.Rows
	if i < 0 || j < 0 || i >= t || j >= t {
		panic("compute: cell out of range")
	}
	return cell(s.Queries, s.Keys, s.MaskedScores, s.CausalWeights, s.DropoutMask, s.Dropped, s.Dropout, 0, i, j)
}

// Cell returns the ingredients of head h's causal weight (i, j) of the MHA
// module. It panics with "compute: cell out of range" unless h is a head
// and 0 ≤ i, j < T.
func (m *MHA) Cell(h, i, j int) Cell {
	if h < 0 || h >= len(m.Weights) {
		panic("compute: cell out of range")
	}
	t := m.Weights[h].Rows
	if i < 0 || j < 0 || i >= t || j >= t {
		panic("compute: cell out of range")
	}
	masked := func() *Matrix { return m.MaskedScores(h) }
	mask := func() *Matrix { return m.DropoutMask(h) }
	return cell(m.Queries[h], m.Keys[h], masked, m.Weights[h], mask, m.Dropped[h], m.Dropout, h*t*t, i, j)
}
