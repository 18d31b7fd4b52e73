package render

import (
	"encoding/binary"
	"maps"
	"slices"
)

// buildCmap returns a cmap table mapping exactly gids: a Windows Unicode BMP
// subtable (format 4, one segment per character) and a full-repertoire one
// (format 12), which browsers and FreeType read.
func buildCmap(gids map[rune]uint16) []byte {
	runes := slices.Sorted(maps.Keys(gids))
	var bmp []rune
	for _, r := range runes {
		if r < 0xffff && gids[r] != 0 {
			bmp = append(bmp, r)
		}
	}
	f4 := cmapFormat4(bmp, gids)
	f12 := cmapFormat12(runes, gids)
	out := binary.BigEndian.AppendUint16(nil, 0) // version
	out = binary.BigEndian.AppendUint16(out, 2)  // subtables
	out = appendU16s(out, 3, 1)
	out = binary.BigEndian.AppendUint32(out, 4+2*8)
	out = appendU16s(out, 3, 10)
	out = binary.BigEndian.AppendUint32(out, uint32(4+2*8+len(f4)))
	return append(append(out, f4...), f12...)
}

func appendU16s(b []byte, vs ...int) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

func cmapFormat4(bmp []rune, gids map[rune]uint16) []byte {
	seg := len(bmp) + 1 // the final 0xFFFF segment
	pow, es := 1, 0
	for pow*2 <= seg {
		pow, es = pow*2, es+1
	}
	length := 16 + 8*seg
	b := appendU16s(nil, 4, length, 0, 2*seg, 2*pow, es, 2*seg-2*pow)
	for _, r := range bmp {
		b = appendU16s(b, int(r))
	}
	b = appendU16s(b, 0xffff, 0) // end, reservedPad
	for _, r := range bmp {
		b = appendU16s(b, int(r))
	}
	b = appendU16s(b, 0xffff)
	for _, r := range bmp {
		b = appendU16s(b, int(gids[r])-int(r)) // idDelta, modulo 65536
	}
	b = appendU16s(b, 1)
	for range seg {
		b = appendU16s(b, 0) // idRangeOffset
	}
	return b
}

func cmapFormat12(runes []rune, gids map[rune]uint16) []byte {
	var groups [][3]uint32
	for _, r := range runes {
		g := uint32(gids[r])
		if g == 0 {
			continue
		}
		if k := len(groups) - 1; k >= 0 && groups[k][1]+1 == uint32(r) && groups[k][2]+(groups[k][1]-groups[k][0])+1 == g {
			groups[k][1]++
			continue
		}
		groups = append(groups, [3]uint32{uint32(r), uint32(r), g})
	}
	b := appendU16s(nil, 12, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(16+12*len(groups)))
	b = binary.BigEndian.AppendUint32(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(groups)))
	for _, g := range groups {
		for _, v := range g {
			b = binary.BigEndian.AppendUint32(b, v)
		}
	}
	return b
}
