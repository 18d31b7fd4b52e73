package export

import (
	"bufio"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// CSV writes d as blocks separated by blank lines: first "# config" (key,
// value rows) and "# tokens" (id, piece, bytes_hex), then one block per
// tensor headed "# NAME shape A×B[×C]". A tensor's rows are its last
// dimension; a 3-d tensor [H, T, C] is written as H·T rows, sub-block h
// starting at row h·T. −∞ is written -Inf. Fields are quoted as RFC 4180
// requires, and a text cell a spreadsheet would run as a formula is
// neutralised (cellText); the exact bytes of a token stay in bytes_hex.
// docs/export.md describes the layout.
func CSV(w io.Writer, d Document) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	write := func(rec ...string) {
		_ = cw.Write(rec) // errors surface in cw.Error
	}
	fmt.Fprintln(bw, "# config")
	cm := d.configMap()
	keys := make([]string, 0, len(cm))
	for k := range cm {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := cm[k]
		if v == nil {
			v = ""
		}
		write(k, cellText(fmt.Sprint(v)))
	}
	cw.Flush()
	fmt.Fprintln(bw, "\n# tokens")
	write("id", "piece", "bytes_hex")
	for _, t := range d.Tokens {
		write(strconv.Itoa(t.ID), cellText(t.Piece), hex.EncodeToString(t.Bytes))
	}
	cw.Flush()
	var line []byte
	for _, t := range d.Tensors {
		dims := make([]string, len(t.Shape))
		for i, s := range t.Shape {
			dims[i] = strconv.Itoa(s)
		}
		fmt.Fprintf(bw, "\n# %s shape %s\n", t.Name, strings.Join(dims, "×"))
		n := 1
		if len(t.Shape) > 0 {
			n = t.Shape[len(t.Shape)-1]
		}
		// Numbers never need quoting: the rows are written as encoding/csv
		// would, straight to the buffered writer.
		for _, p := range t.Parts() {
			for off := 0; off+n <= len(p) && n > 0; off += n {
				line = line[:0]
				for k, v := range p[off : off+n] {
					if k > 0 {
						line = append(line, ',')
					}
					line = appendCSVNumber(line, v)
				}
				line = append(line, '\n')
				bw.Write(line) // errors stick in bw and surface at Flush
			}
		}
	}
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// appendCSVNumber is appendNumber without JSON's quotes.
func appendCSVNumber(buf []byte, v float32) []byte {
	f := float64(v)
	switch {
	case math.IsInf(f, -1):
		return append(buf, "-Inf"...)
	case math.IsInf(f, 1):
		return append(buf, "Inf"...)
	case math.IsNaN(f):
		return append(buf, "NaN"...)
	}
	return strconv.AppendFloat(buf, f, 'g', -1, 32)
}

// cellText neutralises a text cell that a spreadsheet would read as a
// formula — one starting with =, +, -, @, a tab or a carriage return — by
// a leading single quote, as OWASP's guidance on CSV injection advises.
func cellText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
