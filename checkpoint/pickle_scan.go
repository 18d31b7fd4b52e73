package checkpoint

import (
	"encoding/binary"
	"fmt"
)

// Bounds on what a pickle may make the pickle machine hold. A state dict
// needs a stack of about two thousand (the pickler batches dict items by a
// thousand) and a memo entry or so per object.
const (
	maxPickleDepth = 1 << 16
	maxPickleMemo  = 1 << 17
)

// scanPickle walks the opcodes of the pickle at the start of b without
// running them and returns its length (through STOP). It fails when an
// opcode is unknown, an argument's length prefix runs past the end of b
// (the pickle machine allocates a length prefix's worth of bytes before
// reading them), the stack would grow past maxPickleDepth or underflow, or
// the memo past maxPickleMemo: what the machine then holds stays small.
func scanPickle(b []byte) (int, error) {
	var depth, memo int
	var marks []int
	for i := 0; i < len(b); {
		op := b[i]
		n, err := pickleArg(op, b[i+1:])
		if err == nil {
			depth, marks, err = pickleStack(op, depth, marks)
		}
		if err == nil && depth > maxPickleDepth {
			err = fmt.Errorf("stack deeper than %d", maxPickleDepth)
		}
		if op == 'p' || op == 'q' || op == 'r' || op == 0x94 {
			if memo++; memo > maxPickleMemo {
				err = fmt.Errorf("more than %d memo entries", maxPickleMemo)
			}
		}
		if err != nil {
			return 0, fmt.Errorf("pickle opcode 0x%02x at byte %d: %w", op, i, err)
		}
		i += 1 + n
		if op == '.' { // STOP
			return i, nil
		}
	}
	return 0, fmt.Errorf("pickle ends without STOP after %d bytes", len(b))
}

// pickleEffects is each opcode's stack effect (items popped, pushed); a
// pop of -1 pops back to the last MARK.
var pickleEffects = map[byte][2]int{
	'0': {1, 0}, '2': {1, 2}, 'Q': {1, 1}, 'R': {2, 1}, 'a': {2, 1}, 'b': {2, 1}, 's': {3, 1},
	0x81: {2, 1}, 0x92: {3, 1}, 0x93: {2, 1}, 0x85: {1, 1}, 0x86: {2, 1}, 0x87: {3, 1}, 0x98: {1, 1},
	'1': {-1, 0}, 'd': {-1, 1}, 'l': {-1, 1}, 't': {-1, 1}, 'i': {-1, 1}, 'o': {-1, 1}, 0x91: {-1, 1},
	'e': {-1, 0}, 'u': {-1, 0}, 0x90: {-1, 0}, // the container below the mark stays
	'p': {0, 0}, 'q': {0, 0}, 'r': {0, 0}, 0x94: {0, 0}, 0x80: {0, 0}, 0x95: {0, 0}, '.': {1, 0},
}

// pickleOps is the tables above indexed by opcode (the scan's hot path).
var pickleOps = func() (t [256]struct {
	kind   byte // 0 unknown, 'f' fixed, 'l' lines, 'c' counted
	n      int
	effect [2]int
	listed bool
}) {
	for op, n := range pickleFixed {
		t[op].kind, t[op].n = 'f', n
	}
	for op, n := range pickleLine {
		t[op].kind, t[op].n = 'l', n
	}
	for op, n := range pickleCounted {
		t[op].kind, t[op].n = 'c', n
	}
	for op, e := range pickleEffects {
		t[op].effect, t[op].listed = e, true
	}
	return t
}()

// pickleStack applies op's stack effect; every opcode not listed pushes one
// item, MARK included.
func pickleStack(op byte, depth int, marks []int) (int, []int, error) {
	e, ok := pickleOps[op].effect, pickleOps[op].listed
	switch {
	case !ok:
		if op == '(' {
			marks = append(marks, depth)
		}
		return depth + 1, marks, nil
	case e[0] == -1:
		if len(marks) == 0 {
			return 0, nil, fmt.Errorf("no MARK to pop to")
		}
		depth = marks[len(marks)-1] + e[1]
		return depth, marks[:len(marks)-1], nil
	}
	if depth-e[0] < marksTop(marks) {
		return 0, nil, fmt.Errorf("stack underflow")
	}
	return depth - e[0] + e[1], marks, nil
}

func marksTop(marks []int) int {
	if len(marks) == 0 {
		return 0
	}
	return marks[len(marks)-1] + 1
}

// pickleFixed are the opcodes with a fixed-size argument (0 = none).
var pickleFixed = map[byte]int{
	'(': 0, '.': 0, '0': 0, '1': 0, '2': 0, 'N': 0, 'R': 0, 'a': 0, 'b': 0, 'd': 0, 'e': 0,
	'l': 0, 'o': 0, 's': 0, 't': 0, 'u': 0, '}': 0, ')': 0, ']': 0, 'Q': 0,
	0x85: 0, 0x86: 0, 0x87: 0, 0x88: 0, 0x89: 0, 0x8f: 0, 0x90: 0, 0x91: 0, 0x92: 0,
	0x93: 0, 0x94: 0, 0x97: 0, 0x98: 0, 0x81: 0,
	'K': 1, 'h': 1, 'q': 1, 0x80: 1, 0x82: 1,
	'M': 2, 0x83: 2,
	'J': 4, 'j': 4, 'r': 4, 0x84: 4,
	'G': 8, 0x95: 8,
}

// pickleLine are the opcodes whose argument ends with a newline (GLOBAL
// and INST take two lines).
var pickleLine = map[byte]int{
	'I': 1, 'L': 1, 'F': 1, 'S': 1, 'V': 1, 'P': 1, 'g': 1, 'p': 1, 'c': 2, 'i': 2,
}

// pickleCounted are the opcodes with a length-prefixed argument: the size
// of the length in bytes.
var pickleCounted = map[byte]int{
	'U': 1, 'C': 1, 0x8a: 1, 0x8c: 1,
	'T': 4, 'X': 4, 'B': 4, 0x8b: 4,
	0x8d: 8, 0x8e: 8, 0x96: 8,
}

// pickleArg is the size of op's argument at the start of b.
func pickleArg(op byte, b []byte) (int, error) {
	o := pickleOps[op]
	if n := o.n; o.kind == 'f' {
		if n > len(b) {
			return 0, fmt.Errorf("argument truncated")
		}
		if op == 0x95 && binary.LittleEndian.Uint64(b) > uint64(len(b)-8) { // FRAME: its size is allocated
			return 0, fmt.Errorf("frame of %d bytes runs past the end", binary.LittleEndian.Uint64(b))
		}
		return n, nil
	}
	if lines := o.n; o.kind == 'l' {
		n := 0
		for range lines {
			j := indexByte(b[n:], '\n')
			if j < 0 {
				return 0, fmt.Errorf("argument has no newline")
			}
			n += j + 1
		}
		return n, nil
	}
	w := o.n
	if o.kind != 'c' {
		return 0, fmt.Errorf("unknown opcode")
	}
	if w > len(b) {
		return 0, fmt.Errorf("length truncated")
	}
	var n uint64
	switch w {
	case 1:
		n = uint64(b[0])
	case 4:
		n = uint64(binary.LittleEndian.Uint32(b))
	case 8:
		n = binary.LittleEndian.Uint64(b)
	}
	if n > uint64(len(b)-w) {
		return 0, fmt.Errorf("argument of %d bytes runs past the end", n)
	}
	return w + int(n), nil
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
