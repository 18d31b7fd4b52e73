package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// subsetTables are the TrueType tables a subset keeps; the rest (layout:
// GSUB, GPOS, kern; device metrics: hdmx, LTSH, VDMX; signatures) are
// dropped. glyf, loca, cmap and post are rewritten.
var subsetTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}

type ttTable struct {
	tag  string
	data []byte
}

// subsetTTF returns the TrueType font ttf cut down to the glyphs that runes
// map to (gids: rune → glyph index, from the font's own cmap), the glyphs
// their composites use, and .notdef. Glyph indices do not change: a glyph
// left out keeps its slot with no outline, so hmtx, hinting and composite
// references stay valid. The cmap maps exactly runes.
func subsetTTF(ttf []byte, gids map[rune]uint16) ([]byte, error) {
	tables, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	get := func(tag string) []byte { return tables[tag] }
	head, maxp, loca, glyf := get("head"), get("maxp"), get("loca"), get("glyf")
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("subset: not a TrueType (glyf) font")
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	offsets := make([]uint32, n+1)
	for i := range offsets {
		switch {
		case long && len(loca) >= 4*(i+1):
			offsets[i] = binary.BigEndian.Uint32(loca[4*i:])
		case !long && len(loca) >= 2*(i+1):
			offsets[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return nil, errors.New("subset: loca is too short")
		}
	}
	glyph := func(g uint16) []byte {
		if int(g) >= n {
			return nil
		}
		a, b := offsets[g], offsets[g+1]
		if a > b || int(b) > len(glyf) {
			return nil
		}
		return glyf[a:b]
	}
	keep := map[uint16]bool{}
	addGlyph(keep, 0, glyph, n) // .notdef
	for _, g := range gids {
		addGlyph(keep, g, glyph, n)
	}
	newGlyf, starts := make([]byte, 0, 1024), make([]int, 0, n+1)
	for g := range n {
		starts = append(starts, len(newGlyf))
		if keep[uint16(g)] {
			newGlyf = append(newGlyf, glyph(uint16(g))...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	starts = append(starts, len(newGlyf))
	// Short offsets (half the offset, 16 bits) while they fit.
	short := len(newGlyf) < 1<<17
	var newLoca []byte
	for _, o := range starts {
		if short {
			newLoca = binary.BigEndian.AppendUint16(newLoca, uint16(o/2))
		} else {
			newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(o))
		}
	}
	head = slices.Clone(head)
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	if short {
		binary.BigEndian.PutUint16(head[50:], 0)
	}
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	tables["head"], tables["glyf"], tables["loca"] = head, newGlyf, newLoca
	tables["cmap"] = buildCmap(gids)
	if post := tables["post"]; len(post) >= 32 {
		post = slices.Clone(post[:32])
		binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
		tables["post"] = post
	}
	var out []ttTable
	for _, tag := range subsetTables {
		if d, ok := tables[tag]; ok {
			out = append(out, ttTable{tag, d})
		}
	}
	return writeTables(out), nil
}

// addGlyph marks g and, for a composite glyph, its components.
func addGlyph(keep map[uint16]bool, g uint16, glyph func(uint16) []byte, n int) {
	if int(g) >= n || keep[g] {
		return
	}
	keep[g] = true
	d := glyph(g)
	if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return
	}
	for p := 10; p+4 <= len(d); {
		flags, comp := binary.BigEndian.Uint16(d[p:]), binary.BigEndian.Uint16(d[p+2:])
		addGlyph(keep, comp, glyph, n)
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			return
		}
	}
}

// readTables reads an sfnt's table directory.
func readTables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("subset: too short for a font")
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("subset: not a TrueType font (version %#x)", v)
	}
	num := int(binary.BigEndian.Uint16(ttf[4:]))
	tables := map[string][]byte{}
	for i := range num {
		r := 12 + 16*i
		if r+16 > len(ttf) {
			return nil, errors.New("subset: table directory is cut")
		}
		off, size := binary.BigEndian.Uint32(ttf[r+8:]), binary.BigEndian.Uint32(ttf[r+12:])
		if uint64(off)+uint64(size) > uint64(len(ttf)) {
			return nil, errors.New("subset: a table lies outside the font")
		}
		tables[string(ttf[r:r+4])] = ttf[off : off+size]
	}
	return tables, nil
}

// writeTables lays tables (sorted by tag) out as an sfnt with correct
// checksums and head.checkSumAdjustment.
func writeTables(ts []ttTable) []byte {
	sort.Slice(ts, func(i, j int) bool { return ts[i].tag < ts[j].tag })
	num := len(ts)
	pow := 1
	for pow*2 <= num {
		pow *= 2
	}
	es := 0
	for 1<<(es+1) <= pow {
		es++
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	for _, v := range []int{num, pow * 16, es, num*16 - pow*16} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	off := 12 + 16*num
	headAt := -1
	for _, t := range ts {
		out = append(out, t.tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(t.data))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		off += (len(t.data) + 3) &^ 3
	}
	for _, t := range ts {
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s, the
// data padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
