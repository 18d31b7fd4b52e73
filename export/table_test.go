package export

import (
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// TestConfigKeysAreTheTables: the config block holds "inputs" and every
// configuration field of pipeline.Fields under its key.
func TestConfigKeysAreTheTables(t *testing.T) {
	want := []string{"inputs"}
	for _, f := range pipeline.Fields {
		if !f.Limit {
			want = append(want, f.Key)
		}
	}
	var got []string
	for k := range docFor(t, compute.DefaultConfig()).configMap() {
		got = append(got, k)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("config keys %q, want %q", got, want)
	}
}

// TestCSVNeutralisesFormulas: a token piece that a spreadsheet would run
// as a formula starts with a single quote; bytes_hex keeps its bytes.
func TestCSVNeutralisesFormulas(t *testing.T) {
	d := docFor(t, compute.DefaultConfig())
	pieces := []string{"=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain"}
	d.Tokens = slices.Clone(d.Tokens) // shared with other tests
	for i := range d.Tokens {
		p := pieces[i%len(pieces)]
		d.Tokens[i] = Token{ID: i, Piece: p, Bytes: []byte(p)}
	}
	var buf bytes.Buffer
	if err := CSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(buf.String(), "\n\n")
	_, body, _ := strings.Cut(blocks[1], "\n")
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs[1:] {
		p := pieces[i%len(pieces)]
		want := p
		if p != "plain" {
			want = "'" + p
		}
		if rec[1] != want || rec[2] != hex.EncodeToString([]byte(p)) {
			t.Errorf("token %d: piece %q hex %s, want %q and the exact bytes", i, rec[1], rec[2], want)
		}
	}
}
