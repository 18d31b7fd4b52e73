package export

import (
	"archive/zip"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"
)

// NPZ writes d as a NumPy .npz archive (what numpy.savez writes, loadable
// with numpy.load without allow_pickle): one little-endian float32 array
// per tensor, named as docs/export.md lists them; "token_ids" (int64),
// "token_bytes_hex", "tokens.text" (the exact text; "" where the bytes are
// not valid UTF-8) and "tokens.label" (the display label), unicode
// strings, one per token; and "config" (a 0-d unicode string holding the
// configuration as JSON).
func NPZ(w io.Writer, d Document) error {
	zw := zip.NewWriter(w)
	cfg, err := json.Marshal(d.configMap())
	if err != nil {
		return err
	}
	if err := writeNPY(zw, "config", "<U", []int{}, unicodeData([]string{string(cfg)})); err != nil {
		return err
	}
	n := len(d.Tokens)
	ids := make([]byte, 8*n)
	hexes, texts, labels := make([]string, n), make([]string, n), make([]string, n)
	for i, t := range d.Tokens {
		binary.LittleEndian.PutUint64(ids[8*i:], uint64(int64(t.ID)))
		hexes[i] = hex.EncodeToString(t.Bytes)
		texts[i], _ = t.Text()
		labels[i] = t.Piece
	}
	if err := writeNPY(zw, "token_ids", "<i8", []int{n}, ids); err != nil {
		return err
	}
	for _, a := range []struct {
		name string
		ss   []string
	}{{"token_bytes_hex", hexes}, {"tokens.text", texts}, {"tokens.label", labels}} {
		if err := writeNPY(zw, a.name, "<U", []int{n}, unicodeData(a.ss)); err != nil {
			return err
		}
	}
	for _, t := range d.Tensors {
		if err := writeNPY(zw, t.Name, "<f4", t.Shape, t); err != nil {
			return err
		}
	}
	return zw.Close()
}

// unicodeArray is NumPy '<U' array data: fixed-width UTF-32LE, width
// characters per element.
type unicodeArray struct {
	width int
	data  []byte
}

// unicodeData packs ss as a '<U' array as wide as the longest string.
func unicodeData(ss []string) unicodeArray {
	width := 1
	for _, s := range ss {
		width = max(width, utf8.RuneCountInString(s))
	}
	data := make([]byte, 4*width*len(ss))
	for i, s := range ss {
		k := 0
		for _, r := range s {
			binary.LittleEndian.PutUint32(data[4*(i*width+k):], uint32(r))
			k++
		}
	}
	return unicodeArray{width: width, data: data}
}

// writeNPY adds NAME.npy (format version 1.0) to zw. payload is []byte
// for numeric descr, a Tensor for "<f4" (written in 64 KiB pieces, never
// whole) or a unicodeArray for "<U".
func writeNPY(zw *zip.Writer, name, descr string, shape []int, payload any) error {
	var data []byte
	var tensor *Tensor
	switch p := payload.(type) {
	case []byte:
		data = p
	case Tensor:
		tensor = &p
	case unicodeArray:
		descr = fmt.Sprintf("<U%d", p.width)
		data = p.data
	}
	dims := make([]string, len(shape))
	for i, s := range shape {
		dims[i] = fmt.Sprint(s)
	}
	tuple := strings.Join(dims, ", ")
	if len(shape) == 1 {
		tuple += ","
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, tuple)
	// magic (6) + version (2) + header length (2) + header, padded with
	// spaces and a final newline to a multiple of 64 bytes.
	total := 10 + len(header) + 1
	pad := (64 - total%64) % 64
	header += strings.Repeat(" ", pad) + "\n"
	if len(header) > math.MaxUint16 {
		return fmt.Errorf("export: npy header for %s too long", name)
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: zip.Store})
	if err != nil {
		return err
	}
	pre := []byte("\x93NUMPY\x01\x00")
	pre = binary.LittleEndian.AppendUint16(pre, uint16(len(header)))
	if _, err := f.Write(append(pre, header...)); err != nil {
		return err
	}
	if tensor != nil {
		return writeFloats(f, tensor.Parts())
	}
	_, err = f.Write(data)
	return err
}

// writeFloats writes parts as little-endian float32 in 64 KiB pieces.
func writeFloats(w io.Writer, parts [][]float32) error {
	buf := make([]byte, 0, 1<<16)
	for _, p := range parts {
		for _, v := range p {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
			if len(buf) == cap(buf) {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
	}
	_, err := w.Write(buf)
	return err
}
