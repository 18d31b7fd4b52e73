package export

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"io"
	"math"
	"strconv"
)

// appendNumber writes a float32 as JSON: the shortest decimal that reads
// back as the same float32, or the strings "-Inf", "Inf", "NaN".
func appendNumber(buf []byte, v float32) []byte {
	f := float64(v)
	switch {
	case math.IsInf(f, -1):
		return append(buf, `"-Inf"`...)
	case math.IsInf(f, 1):
		return append(buf, `"Inf"`...)
	case math.IsNaN(f):
		return append(buf, `"NaN"`...)
	}
	return strconv.AppendFloat(buf, f, 'g', -1, 32)
}

// appendNested writes data as nested JSON arrays of the given shape.
func appendNested(buf []byte, shape []int, data []float32) []byte {
	if len(shape) == 0 {
		return appendNumber(buf, data[0])
	}
	buf = append(buf, '[')
	stride := 1
	for _, s := range shape[1:] {
		stride *= s
	}
	for i := 0; i < shape[0]; i++ {
		if i > 0 {
			buf = append(buf, ',')
		}
		if len(shape) == 1 {
			buf = appendNumber(buf, data[i])
		} else {
			buf = appendNested(buf, shape[1:], data[i*stride:(i+1)*stride])
		}
	}
	return append(buf, ']')
}

type jsonToken struct {
	ID       int    `json:"id"`
	Piece    string `json:"piece"`
	BytesHex string `json:"bytes_hex"`
}

// JSON writes d as SPEC §5's JSON document: {"config", "tokens",
// "tensors"}, tensors in SPEC order, each {"shape", "data"} with data
// nested by shape and −∞ as "-Inf".
func JSON(w io.Writer, d Document) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cfg, err := json.Marshal(d.configMap())
	if err != nil {
		return err
	}
	toks := make([]jsonToken, len(d.Tokens))
	for i, t := range d.Tokens {
		toks[i] = jsonToken{ID: t.ID, Piece: t.Piece, BytesHex: hex.EncodeToString(t.Bytes)}
	}
	tj, err := json.Marshal(toks)
	if err != nil {
		return err
	}
	buf := append([]byte(`{"config":`), cfg...)
	buf = append(append(buf, `,"tokens":`...), tj...)
	buf = append(buf, `,"tensors":{`...)
	for i, t := range d.Tensors {
		if i > 0 {
			buf = append(buf, ',')
		}
		name, _ := json.Marshal(t.Name)
		buf = append(buf, name...)
		buf = append(buf, `:{"shape":`...)
		shape, _ := json.Marshal(t.Shape)
		buf = append(buf, shape...)
		buf = append(buf, `,"data":`...)
		buf = appendNested(buf, t.Shape, t.Data)
		buf = append(buf, '}')
		if len(buf) > 1<<16 {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "}}\n"...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}
