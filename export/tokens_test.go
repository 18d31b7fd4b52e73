package export

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
)

// tokenDoc has a whole word, a character's first two bytes (not valid
// UTF-8) and a token holding an escape byte.
func tokenDoc() Document {
	return Document{
		Config: compute.DefaultConfig(),
		Tokens: []Token{
			{ID: 40, Piece: "I", Bytes: []byte("I")},
			{ID: 162, Piece: "<e6 88>", Bytes: []byte{0xe6, 0x88}},
			{ID: 7, Piece: "␛[", Bytes: []byte("\x1b[")},
		},
	}
}

func TestJSONTokenText(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, tokenDoc()); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte{0x1b}) {
		t.Error("JSON holds a raw escape byte")
	}
	var doc struct {
		Tokens []struct {
			Piece    string  `json:"piece"`
			Text     *string `json:"text"`
			BytesHex string  `json:"bytes_hex"`
		} `json:"tokens"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	tk := doc.Tokens
	if len(tk) != 3 || tk[0].Text == nil || *tk[0].Text != "I" || tk[1].Text != nil || tk[1].BytesHex != "e688" ||
		tk[2].Text == nil || *tk[2].Text != "\x1b[" || tk[1].Piece != "<e6 88>" {
		t.Errorf("tokens %s", buf.String())
	}
}

func TestNPZTokenText(t *testing.T) {
	var buf bytes.Buffer
	if err := NPZ(&buf, tokenDoc()); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	arrays := map[string][]string{}
	for _, f := range zr.File {
		if f.Name != "tokens.text.npy" && f.Name != "tokens.label.npy" {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		arrays[f.Name] = readUnicode(t, data)
	}
	want := map[string][]string{"tokens.text.npy": {"I", "", "\x1b["}, "tokens.label.npy": {"I", "<e6 88>", "␛["}}
	for name, w := range want {
		if strings.Join(arrays[name], "|") != strings.Join(w, "|") {
			t.Errorf("%s = %q, want %q", name, arrays[name], w)
		}
	}
}

// readUnicode reads a 1-d '<U' .npy array (trailing NULs dropped, as
// NumPy does).
func readUnicode(t *testing.T, data []byte) []string {
	t.Helper()
	hl := int(binary.LittleEndian.Uint16(data[8:10]))
	header := string(data[10 : 10+hl])
	var width, n int
	i := strings.Index(header, "<U")
	if _, err := fmt.Sscanf(header[max(i, 0):], "<U%d', 'fortran_order': False, 'shape': (%d,)", &width, &n); i < 0 || err != nil {
		t.Fatalf("header %q: %v", header, err)
	}
	body := data[10+hl:]
	out := make([]string, n)
	for i := range n {
		var rs []rune
		for k := range width {
			r := rune(binary.LittleEndian.Uint32(body[4*(i*width+k):]))
			if r != 0 {
				rs = append(rs, r)
			}
		}
		out[i] = string(rs)
	}
	return out
}
