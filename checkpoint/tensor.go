package checkpoint

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// tensor is one named tensor as a file holds it: raw little-endian bytes
// (inside a mapped file) with a dtype and a shape whose product has been
// checked against the bytes.
type tensor struct {
	file  string
	name  string
	dtype string // safetensors spelling: F32, F16, BF16, I64, ...
	shape []int
	data  []byte
}

// dtypeSizes are the safetensors dtypes and their sizes in bytes.
var dtypeSizes = map[string]int{
	"BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
	"I16": 2, "U16": 2, "F16": 2, "BF16": 2,
	"I32": 4, "U32": 4, "F32": 4,
	"I64": 8, "U64": 8, "F64": 8,
}

// numel multiplies a shape, failing on a negative dimension or a product
// (times elem bytes) above limit, so nothing sized from it can overflow.
func numel(shape []int, elem, limit int) (int, bool) {
	n := 1
	for _, s := range shape {
		if s < 0 {
			return 0, false
		}
		if s != 0 && n > limit/elem/s {
			return 0, false
		}
		n *= s
	}
	return n, n*elem <= limit
}

// values returns t as float32s: the mapped bytes themselves when t is F32
// and 4-byte aligned, else a converted copy in a.
func (a *arena) values(t *tensor) ([]float32, error) {
	switch t.dtype {
	case "F32":
		n := len(t.data) / 4
		if n == 0 {
			return []float32{}, nil
		}
		p := unsafe.Pointer(unsafe.SliceData(t.data))
		if uintptr(p)%4 == 0 {
			return unsafe.Slice((*float32)(p), n), nil
		}
		out, err := a.floats(n)
		if err != nil {
			return nil, tensorErr(t.file, t.name, "%v", err)
		}
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(t.data[4*i:]))
		}
		return out, nil
	case "F16", "BF16":
		out, err := a.floats(len(t.data) / 2)
		if err != nil {
			return nil, tensorErr(t.file, t.name, "%v", err)
		}
		conv := halfToFloat
		if t.dtype == "BF16" {
			conv = bfloatToFloat
		}
		for i := range out {
			out[i] = conv(binary.LittleEndian.Uint16(t.data[2*i:]))
		}
		return out, nil
	}
	return nil, tensorErr(t.file, t.name, "dtype %s is not a floating-point type attnscope reads (F32, F16, BF16)", t.dtype)
}

// bfloatToFloat widens a bfloat16 (the top half of a float32) exactly.
func bfloatToFloat(h uint16) float32 { return math.Float32frombits(uint32(h) << 16) }

// halfToFloat widens an IEEE 754 binary16 exactly, subnormals, infinities
// and NaNs included.
func halfToFloat(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // Inf or NaN
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp != 0: // normal
		return math.Float32frombits(sign | (exp+112)<<23 | mant<<13)
	case mant == 0: // ±0
		return math.Float32frombits(sign)
	}
	// subnormal: normalise the mantissa
	e := uint32(113)
	for mant&0x400 == 0 {
		mant <<= 1
		e--
	}
	return math.Float32frombits(sign | e<<23 | (mant&0x3ff)<<13)
}
