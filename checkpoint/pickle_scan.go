package checkpoint

import (
	"encoding/binary"
	"fmt"
)

// scanPickle walks the opcodes of the pickle at the start of b without
// running them and returns its length (through STOP). It fails when an
// opcode is unknown or an argument's length prefix runs past the end of b,
// so that the pickle machine, which allocates a length prefix's worth of
// bytes before reading them, never allocates more than len(b).
func scanPickle(b []byte) (int, error) {
	i := 0
	for i < len(b) {
		op := b[i]
		i++
		n, err := pickleArg(op, b[i:])
		if err != nil {
			return 0, fmt.Errorf("pickle opcode 0x%02x at byte %d: %w", op, i-1, err)
		}
		i += n
		if op == '.' { // STOP
			return i, nil
		}
	}
	return 0, fmt.Errorf("pickle ends without STOP after %d bytes", len(b))
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
	if n, ok := pickleFixed[op]; ok {
		if n > len(b) {
			return 0, fmt.Errorf("argument truncated")
		}
		if op == 0x95 && binary.LittleEndian.Uint64(b) > uint64(len(b)-8) { // FRAME: its size is allocated
			return 0, fmt.Errorf("frame of %d bytes runs past the end", binary.LittleEndian.Uint64(b))
		}
		return n, nil
	}
	if lines, ok := pickleLine[op]; ok {
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
	w, ok := pickleCounted[op]
	if !ok {
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
