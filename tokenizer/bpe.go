package tokenizer

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// encodeOrdinary appends the ids of text (valid UTF-8, no special tokens) to
// dst, exactly as tiktoken's encode_ordinary would, stopping once dst holds
// at least max ids (max < 0: no limit), between two pieces.
func (e *encoder) encodeOrdinary(dst []int, text string, max int) ([]int, error) {
	if text == "" {
		return dst, nil
	}
	runes := []rune(text)
	// byteAt[i] is the byte offset of rune i; text is valid UTF-8, so the
	// rune slice maps one to one.
	byteAt := make([]int, len(runes)+1)
	off := 0
	for i, r := range runes {
		byteAt[i] = off
		off += utf8.RuneLen(r)
	}
	byteAt[len(runes)] = off

	m, err := e.re.FindRunesMatch(runes)
	for ; m != nil && err == nil; m, err = e.re.FindNextMatch(m) {
		if max >= 0 && len(dst) >= max {
			break
		}
		a, b := byteAt[m.Index], byteAt[m.Index+m.Length]
		dst = e.appendPiece(dst, text[a:b])
	}
	if err != nil {
		return dst, fmt.Errorf("split text: %w", err)
	}
	return dst, nil
}

// appendPiece appends the BPE ids of one pre-tokenized piece.
func (e *encoder) appendPiece(dst []int, piece string) []int {
	if id, ok := e.ranks[piece]; ok {
		return append(dst, id)
	}
	if len(piece) <= smallPiece {
		return mergeScan(dst, piece, e.ranks)
	}
	return mergeHeap(dst, piece, e.ranks)
}

// smallPiece is the length up to which the quadratic scan (tiktoken's own
// algorithm) beats the heap; almost every real piece is shorter.
const smallPiece = 48

// mergeScan is tiktoken's byte_pair_merge: repeatedly merge the adjacent
// pair with the lowest rank, the leftmost on ties. O(n²) in the piece length.
func mergeScan(dst []int, piece string, ranks map[string]int) []int {
	var buf [smallPiece + 1]int
	starts := buf[:0]
	for i := 0; i <= len(piece); i++ {
		starts = append(starts, i)
	}
	rankOf := func(i int) int { // rank of merging part i with part i+1
		if i+2 >= len(starts) {
			return math.MaxInt
		}
		if r, ok := ranks[piece[starts[i]:starts[i+2]]]; ok {
			return r
		}
		return math.MaxInt
	}
	for len(starts) > 2 {
		best, at := math.MaxInt, -1
		for i := 0; i+2 < len(starts); i++ {
			if r := rankOf(i); r < best {
				best, at = r, i
			}
		}
		if at < 0 {
			break
		}
		starts = append(starts[:at+1], starts[at+2:]...)
	}
	for i := 0; i+1 < len(starts); i++ {
		dst = append(dst, ranks[piece[starts[i]:starts[i+1]]])
	}
	return dst
}

// mergeHeap computes the same merges as mergeScan in O(n log n): parts form a
// linked list (a part is named by its start byte), candidate merges sit in a
// min-heap ordered by (rank, start) — the same order as tiktoken's
// leftmost-lowest scan, since starts increase along the list — and a
// per-part version number discards candidates made stale by earlier merges.
func mergeHeap(dst []int, piece string, ranks map[string]int) []int {
	n := len(piece)
	next := make([]int32, n)
	prev := make([]int32, n)
	ver := make([]uint32, n)
	for i := range n {
		next[i], prev[i] = int32(i+1), int32(i-1)
	}
	next[n-1] = -1
	end := func(i int32) int {
		if next[i] < 0 {
			return n
		}
		return int(next[i])
	}
	pairRank := func(i int32) (int, bool) {
		j := next[i]
		if j < 0 {
			return 0, false
		}
		r, ok := ranks[piece[i:end(j)]]
		return r, ok
	}
	h := make(mergeQueue, 0, n)
	for i := range int32(n - 1) {
		if r, ok := pairRank(i); ok {
			h = append(h, candidate{rank: r, pos: i})
		}
	}
	h.init()
	for len(h) > 0 {
		c := h.pop()
		i := c.pos
		if ver[i] != c.ver || next[i] < 0 {
			continue
		}
		j := next[i]
		next[i] = next[j]
		if next[j] >= 0 {
			prev[next[j]] = i
		}
		ver[j]++ // j is gone; its candidates are stale
		ver[i]++
		if r, ok := pairRank(i); ok {
			h.push(candidate{rank: r, pos: i, ver: ver[i]})
		}
		if p := prev[i]; p >= 0 {
			ver[p]++
			if r, ok := pairRank(p); ok {
				h.push(candidate{rank: r, pos: p, ver: ver[p]})
			}
		}
	}
	for i := int32(0); i >= 0; i = next[i] {
		dst = append(dst, ranks[piece[i:end(i)]])
	}
	return dst
}

type candidate struct {
	rank int
	pos  int32
	ver  uint32
}

func (a candidate) less(b candidate) bool {
	return a.rank < b.rank || (a.rank == b.rank && a.pos < b.pos)
}

// mergeQueue is a binary min-heap of candidates (container/heap without the
// interface boxing).
type mergeQueue []candidate

func (h mergeQueue) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *mergeQueue) push(c candidate) {
	*h = append(*h, c)
	q := *h
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if !q[i].less(q[p]) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
}

func (h *mergeQueue) pop() candidate {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	*h = q[:last]
	h.down(0)
	return top
}

func (h mergeQueue) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r].less(h[l]) {
			m = r
		}
		if !h[m].less(h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
