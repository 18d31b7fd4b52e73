package export

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/attnscope/attnscope/compute"
)

// bookX is the chapter's 6×3 input table.
func bookX() *compute.Matrix {
	return compute.NewMatrixFrom(6, 3, []float32{
		0.43, 0.15, 0.89, 0.55, 0.87, 0.66, 0.57, 0.85, 0.64,
		0.22, 0.58, 0.33, 0.77, 0.25, 0.10, 0.05, 0.80, 0.55,
	})
}

// bookTokens are the gpt2 tokens of the book sentence.
var bookTokens = []Token{
	{7120, "Your", []byte("Your")}, {7002, "␣journey", []byte(" journey")}, {4940, "␣starts", []byte(" starts")},
	{351, "␣with", []byte(" with")}, {530, "␣one", []byte(" one")}, {2239, "␣step", []byte(" step")},
}

// configFromFlags understands the flags book_cases.json uses.
func configFromFlags(t *testing.T, flags []string) compute.Config {
	t.Helper()
	cfg := compute.DefaultConfig()
	for i := 0; i+1 < len(flags); i += 2 {
		v := flags[i+1]
		switch flags[i] {
		case "--init":
			cfg.Init = map[string]compute.Init{"rand": compute.InitRand, "linear": compute.InitLinear}[v]
		case "--seed":
			cfg.Seed, _ = strconv.ParseUint(v, 10, 64)
		case "--dropout":
			cfg.Dropout, _ = strconv.ParseFloat(v, 64)
		case "--dropout-seed":
			s, _ := strconv.ParseUint(v, 10, 64)
			cfg.DropoutSeed = &s
		default:
			t.Fatalf("flag %s not understood by this test", flags[i])
		}
	}
	return cfg
}

func docFor(t *testing.T, cfg compute.Config) Document {
	t.Helper()
	r, err := compute.Run(bookX(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return New(r, "gpt2", "book table", bookTokens)
}

func flattenAny(v any) []float64 {
	switch x := v.(type) {
	case []any:
		var out []float64
		for _, e := range x {
			out = append(out, flattenAny(e)...)
		}
		return out
	case float64:
		return []float64{x}
	case string:
		return []float64{map[string]float64{"-Inf": math.Inf(-1), "Inf": math.Inf(1)}[x]}
	}
	return []float64{math.NaN()}
}

var rngWeight = regexp.MustCompile(`(^|\.)(W_(query|key|value)|b_(query|key|value))$|^mha\.out_proj\.(W|b)$`)

// TestBookCases is the reference export checker's comparison, in Go, on
// testdata/book_cases.json (PyTorch's tensors by catalogue name):
// masks and −∞ positions exactly, RNG weights within 1e-7, the rest
// within 1e-5 + 1e-5·max|expected|.
func TestBookCases(t *testing.T) {
	b, err := os.ReadFile("testdata/book_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Cases []struct {
			Name     string   `json:"name"`
			Flags    []string `json:"flags"`
			Expected struct {
				Tokens  []struct{ ID int } `json:"tokens"`
				Tensors map[string]struct {
					Shape []int `json:"shape"`
					Data  any   `json:"data"`
				} `json:"tensors"`
			} `json:"expected"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	if len(spec.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range spec.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := JSON(&buf, docFor(t, configFromFlags(t, c.Flags))); err != nil {
				t.Fatal(err)
			}
			var got struct {
				Tokens  []struct{ ID int } `json:"tokens"`
				Tensors map[string]struct {
					Shape []int `json:"shape"`
					Data  any   `json:"data"`
				} `json:"tensors"`
			}
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			for i, tok := range c.Expected.Tokens {
				if got.Tokens[i].ID != tok.ID {
					t.Errorf("token %d id %d, want %d", i, got.Tokens[i].ID, tok.ID)
				}
			}
			for name, exp := range c.Expected.Tensors {
				g, ok := got.Tensors[name]
				if !ok {
					t.Errorf("%s missing", name)
					continue
				}
				if fmt.Sprint(g.Shape) != fmt.Sprint(exp.Shape) {
					t.Errorf("%s shape %v, want %v", name, g.Shape, exp.Shape)
					continue
				}
				ev, gv := flattenAny(exp.Data), flattenAny(g.Data)
				scale := 0.0
				for _, e := range ev {
					if !math.IsInf(e, 0) {
						scale = max(scale, math.Abs(e))
					}
				}
				tol := 1e-5 + 1e-5*scale
				switch {
				case strings.HasSuffix(name, "_mask"):
					tol = 0
				case rngWeight.MatchString(name):
					tol = 1e-7
				case name == "inputs":
					tol = 1e-5
				}
				for k := range ev {
					if math.IsInf(ev[k], 0) || math.IsInf(gv[k], 0) {
						if ev[k] != gv[k] {
							t.Errorf("%s[%d] = %v, want %v", name, k, gv[k], ev[k])
						}
					} else if d := math.Abs(ev[k] - gv[k]); d > tol || math.IsNaN(d) {
						t.Errorf("%s[%d] = %v, want %v ± %g", name, k, gv[k], ev[k], tol)
					}
				}
			}
		})
	}
}

// Every documented name is present, with its documented shape, for a configuration
// with a bias and 3 heads.
func TestTensorNamesAndShapes(t *testing.T) {
	cfg := compute.DefaultConfig()
	cfg.DOut, cfg.Heads, cfg.QKVBias = 6, 3, true
	d := docFor(t, cfg)
	shapes := map[string]string{}
	for _, ts := range d.Tensors {
		if _, dup := shapes[ts.Name]; dup {
			t.Errorf("%s appears twice", ts.Name)
		}
		shapes[ts.Name] = fmt.Sprint(ts.Shape)
		n := 1
		for _, s := range ts.Shape {
			n *= s
		}
		if got := len(ts.Values()); n != got {
			t.Errorf("%s: shape %v but %d values", ts.Name, ts.Shape, got)
		}
	}
	want := map[string]string{
		"inputs": "[6 3]", "simple.attn_scores": "[6 6]", "simple.attn_weights": "[6 6]", "simple.context": "[6 3]",
		"single.W_query": "[3 6]", "single.W_key": "[3 6]", "single.W_value": "[3 6]",
		"single.b_query": "[6]", "single.b_key": "[6]", "single.b_value": "[6]",
		"single.queries": "[6 6]", "single.keys": "[6 6]", "single.values": "[6 6]",
		"single.attn_scores": "[6 6]", "single.scaled_scores": "[6 6]", "single.attn_weights": "[6 6]",
		"single.context": "[6 6]", "single.causal_mask": "[6 6]", "single.masked_scores": "[6 6]",
		"single.causal_weights": "[6 6]", "single.causal_weights_renorm": "[6 6]",
		"single.dropout_mask": "[6 6]", "single.dropped_weights": "[6 6]", "single.causal_context": "[6 6]",
		"wrapper.head2.W_query": "[3 6]", "wrapper.head2.W_key": "[3 6]", "wrapper.head2.W_value": "[3 6]",
		"wrapper.head2.weights": "[6 6]", "wrapper.context": "[6 18]",
		"mha.W_query": "[3 6]", "mha.W_key": "[3 6]", "mha.W_value": "[3 6]",
		"mha.b_query": "[6]", "mha.b_key": "[6]", "mha.b_value": "[6]",
		"mha.out_proj.W": "[6 6]", "mha.out_proj.b": "[6]",
		"mha.queries": "[3 6 2]", "mha.keys": "[3 6 2]", "mha.values": "[3 6 2]",
		"mha.masked_scores": "[3 6 6]", "mha.attn_weights": "[3 6 6]", "mha.dropout_mask": "[3 6 6]",
		"mha.dropped_weights": "[3 6 6]", "mha.context": "[3 6 2]", "mha.concat": "[6 6]", "mha.output": "[6 6]",
	}
	for name, shape := range want {
		if shapes[name] != shape {
			t.Errorf("%s: shape %q, want %s", name, shapes[name], shape)
		}
	}
	// Without a bias there are no b_ tensors.
	for _, ts := range docFor(t, compute.DefaultConfig()).Tensors {
		if strings.Contains(ts.Name, ".b_") {
			t.Errorf("%s present without --qkv-bias", ts.Name)
		}
	}
}

// readNPY parses one .npy member: header dict and raw data.
func readNPY(t *testing.T, f *zip.File) (header string, data []byte) {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:8]) != "\x93NUMPY\x01\x00" {
		t.Fatalf("%s: bad magic %q", f.Name, b[:8])
	}
	n := int(binary.LittleEndian.Uint16(b[8:10]))
	if (10+n)%64 != 0 || b[10+n-1] != '\n' {
		t.Errorf("%s: header of %d bytes is not 64-aligned and newline-terminated", f.Name, n)
	}
	return string(b[10 : 10+n]), b[10+n:]
}

func TestNPZRoundTrip(t *testing.T) {
	cfg := compute.DefaultConfig()
	cfg.Dropout = 0.5
	d := docFor(t, cfg)
	var buf bytes.Buffer
	if err := NPZ(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]*zip.File{}
	for _, f := range zr.File {
		members[f.Name] = f
	}
	for _, ts := range d.Tensors {
		f, ok := members[ts.Name+".npy"]
		if !ok {
			t.Errorf("%s.npy missing", ts.Name)
			continue
		}
		hdr, data := readNPY(t, f)
		shape := strings.Trim(strings.ReplaceAll(fmt.Sprint(ts.Shape), " ", ", "), "[]")
		if len(ts.Shape) == 1 {
			shape += ","
		}
		if !strings.Contains(hdr, "'descr': '<f4'") || !strings.Contains(hdr, "'shape': ("+shape+")") {
			t.Errorf("%s: header %q", ts.Name, hdr)
		}
		if len(data) != 4*ts.Len() {
			t.Fatalf("%s: %d data bytes, want %d", ts.Name, len(data), 4*ts.Len())
		}
		for i, v := range ts.Values() {
			if got := binary.LittleEndian.Uint32(data[4*i:]); got != math.Float32bits(v) {
				t.Fatalf("%s[%d]: bits %#x, want %#x", ts.Name, i, got, math.Float32bits(v))
			}
		}
	}
	hdr, data := readNPY(t, members["token_ids.npy"])
	if !strings.Contains(hdr, "'<i8'") || binary.LittleEndian.Uint64(data) != 7120 {
		t.Errorf("token_ids: header %q, first id %d", hdr, binary.LittleEndian.Uint64(data))
	}
	hdr, _ = readNPY(t, members["config.npy"])
	if !strings.Contains(hdr, "'<U") || !strings.Contains(hdr, "'shape': ()") {
		t.Errorf("config header %q", hdr)
	}
}

func TestCSVBlocks(t *testing.T) {
	d := docFor(t, compute.DefaultConfig())
	var buf bytes.Buffer
	if err := CSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n\n")
	if len(blocks) != 2+len(d.Tensors) {
		t.Fatalf("%d blocks, want %d", len(blocks), 2+len(d.Tensors))
	}
	for i, ts := range d.Tensors {
		blk := blocks[2+i]
		head, body, _ := strings.Cut(blk, "\n")
		if !strings.HasPrefix(head, "# "+ts.Name+" shape ") {
			t.Fatalf("block %d header %q, want %s", i, head, ts.Name)
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", ts.Name, err)
		}
		k := 0
		for _, rec := range recs {
			for _, f := range rec {
				v, err := strconv.ParseFloat(f, 32)
				if err != nil || float32(v) != ts.Values()[k] {
					t.Fatalf("%s[%d] = %q, want %v", ts.Name, k, f, ts.Values()[k])
				}
				k++
			}
		}
		if k != ts.Len() {
			t.Errorf("%s: %d values, want %d", ts.Name, k, ts.Len())
		}
	}
	if !strings.Contains(buf.String(), "-Inf") {
		t.Error("masked scores should contain -Inf")
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(io.Discard, "xml", Document{}); err == nil {
		t.Error("want an error for format xml")
	}
}

// A one-token document in CSV.
func ExampleCSV() {
	d := Document{
		Config:   compute.DefaultConfig(),
		Encoding: "gpt2",
		Inputs:   "example",
		Tokens:   []Token{{ID: 40, Piece: "I", Bytes: []byte("I")}},
		Tensors: []Tensor{
			NewTensor("single.masked_scores", []int{2, 2}, []float32{0.5, float32(math.Inf(-1)), 0.25, 1}),
		},
	}
	_ = CSV(os.Stdout, d)
	// Output:
	// # config
	// d_in,3
	// d_out,2
	// dropout,0
	// dropout_rng,torch
	// dropout_seed,
	// encoding,gpt2
	// heads,2
	// init,linear
	// inputs,example
	// qkv_bias,false
	// seed,123
	//
	// # tokens
	// id,piece,bytes_hex
	// 40,I,49
	//
	// # single.masked_scores shape 2×2
	// 0.5,-Inf
	// 0.25,1
}

// JSON writes −∞ as the string "-Inf" and float32 values in their
// shortest exact form.
func ExampleJSON() {
	d := Document{
		Config:  compute.DefaultConfig(),
		Tensors: []Tensor{NewTensor("single.masked_scores", []int{1, 2}, []float32{0.1, float32(math.Inf(-1))})},
	}
	var buf bytes.Buffer
	_ = JSON(&buf, d)
	_, tensors, _ := strings.Cut(buf.String(), `"tensors":`)
	fmt.Print(tensors)
	// Output:
	// {"single.masked_scores":{"shape":[1,2],"data":[[0.1,"-Inf"]]}}}
}
