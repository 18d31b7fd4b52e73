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

// streamer appends to buf and hands it to w whenever it passes 64 KiB,
// so that no tensor is ever held as text; the first write error sticks.
type streamer struct {
	w   io.Writer
	buf []byte
	err error
}

func (s *streamer) flushIfFull() {
	if len(s.buf) >= 1<<16 {
		s.flush()
	}
}

func (s *streamer) flush() {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = s.w.Write(s.buf)
	}
	s.buf = s.buf[:0]
}

// nested writes data as nested JSON arrays of the given shape.
func (s *streamer) nested(shape []int, data []float32) {
	if len(shape) == 0 {
		s.buf = appendNumber(s.buf, data[0])
		return
	}
	s.buf = append(s.buf, '[')
	stride := 1
	for _, n := range shape[1:] {
		stride *= n
	}
	for i := 0; i < shape[0]; i++ {
		if i > 0 {
			s.buf = append(s.buf, ',')
		}
		if len(shape) == 1 {
			s.buf = appendNumber(s.buf, data[i])
		} else {
			s.nested(shape[1:], data[i*stride:(i+1)*stride])
		}
	}
	s.buf = append(s.buf, ']')
	s.flushIfFull()
}

// tensor writes t's data nested by shape: one part as a whole, several
// (a stack) as an array of parts.
func (s *streamer) tensor(t Tensor) {
	parts := t.Parts()
	if len(parts) == 1 {
		s.nested(t.Shape, parts[0])
		return
	}
	s.buf = append(s.buf, '[')
	for h, p := range parts {
		if h > 0 {
			s.buf = append(s.buf, ',')
		}
		s.nested(t.Shape[1:], p)
	}
	s.buf = append(s.buf, ']')
}

type jsonToken struct {
	ID       int     `json:"id"`
	Piece    string  `json:"piece"`
	Text     *string `json:"text"` // null when the bytes are not valid UTF-8
	BytesHex string  `json:"bytes_hex"`
}

// JSON writes d as the JSON document docs/export.md describes: {"config",
// "tokens", "tensors"}, each token {"id", "piece" (the display label),
// "text" (exact, or null when not valid UTF-8), "bytes_hex"}, tensors in
// the documented order, each {"shape", "data"} with data nested by shape
// and −∞ as "-Inf".
func JSON(w io.Writer, d Document) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cfg, err := json.Marshal(d.configMap())
	if err != nil {
		return err
	}
	toks := make([]jsonToken, len(d.Tokens))
	for i, t := range d.Tokens {
		toks[i] = jsonToken{ID: t.ID, Piece: t.Piece, BytesHex: hex.EncodeToString(t.Bytes)}
		if text, ok := t.Text(); ok {
			toks[i].Text = &text
		}
	}
	tj, err := json.Marshal(toks)
	if err != nil {
		return err
	}
	st := &streamer{w: bw, buf: make([]byte, 0, 1<<17)}
	st.buf = append(append(st.buf, `{"config":`...), cfg...)
	st.buf = append(append(st.buf, `,"tokens":`...), tj...)
	st.buf = append(st.buf, `,"tensors":{`...)
	for i, t := range d.Tensors {
		if i > 0 {
			st.buf = append(st.buf, ',')
		}
		name, _ := json.Marshal(t.Name)
		st.buf = append(st.buf, name...)
		st.buf = append(st.buf, `:{"shape":`...)
		shape, _ := json.Marshal(t.Shape)
		st.buf = append(st.buf, shape...)
		st.buf = append(st.buf, `,"data":`...)
		st.tensor(t)
		st.buf = append(st.buf, '}')
		st.flushIfFull()
	}
	st.buf = append(st.buf, "}}\n"...)
	st.flush()
	if st.err != nil {
		return st.err
	}
	return bw.Flush()
}
