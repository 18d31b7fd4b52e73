package export

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// Tensor is a named tensor of any rank, row-major.
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
}

// Tensors lists every tensor of scene in SPEC §5's names and order.
func Tensors(sc *pipeline.Scene) []Tensor {
	mat := func(name string, m *compute.Matrix) Tensor {
		return Tensor{Name: name, Shape: []int{m.Rows, m.Cols}, Data: m.Data}
	}
	return []Tensor{
		mat("inputs", sc.Inputs),
		mat("simple.attn_scores", sc.Result.Simple.Scores),
		mat("simple.attn_weights", sc.Result.Simple.Weights),
		mat("simple.context", sc.Result.Simple.Context),
	}
}

// number is a float32 written as JSON: the shortest decimal that reads back
// as the same float32, or the strings "-Inf", "Inf", "NaN".
type number float32

func (n number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	switch {
	case math.IsInf(f, -1):
		return []byte(`"-Inf"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Inf"`), nil
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 32), nil
}

func nest(shape []int, data []float32) any {
	if len(shape) == 0 {
		return number(data[0])
	}
	if len(shape) == 1 {
		out := make([]number, shape[0])
		for i := range out {
			out[i] = number(data[i])
		}
		return out
	}
	stride := len(data) / max(shape[0], 1)
	out := make([]any, shape[0])
	for i := range out {
		out[i] = nest(shape[1:], data[i*stride:(i+1)*stride])
	}
	return out
}

type jsonTensor struct {
	Shape []int `json:"shape"`
	Data  any   `json:"data"`
}

type jsonToken struct {
	ID       int    `json:"id"`
	Piece    string `json:"piece"`
	BytesHex string `json:"bytes_hex"`
}

// orderedTensors keeps SPEC order in the JSON object.
type orderedTensors []Tensor

func (o orderedTensors) MarshalJSON() ([]byte, error) {
	buf := []byte{'{'}
	for i, t := range o {
		if i > 0 {
			buf = append(buf, ',')
		}
		k, _ := json.Marshal(t.Name)
		v, err := json.Marshal(jsonTensor{Shape: t.Shape, Data: nest(t.Shape, t.Data)})
		if err != nil {
			return nil, err
		}
		buf = append(append(append(buf, k...), ':'), v...)
	}
	return append(buf, '}'), nil
}

// JSON writes scene as SPEC §5's JSON document.
func JSON(w io.Writer, sc *pipeline.Scene) error {
	toks := make([]jsonToken, len(sc.Tokens))
	for i, t := range sc.Tokens {
		toks[i] = jsonToken{ID: t.ID, Piece: t.Label, BytesHex: hex.EncodeToString(t.Bytes)}
	}
	cfg := sc.Request.Config
	doc := struct {
		Config  map[string]any `json:"config"`
		Tokens  []jsonToken    `json:"tokens"`
		Tensors orderedTensors `json:"tensors"`
	}{
		Config: map[string]any{
			"encoding": sc.Request.Encoding, "d_in": cfg.DIn, "d_out": cfg.DOut, "heads": cfg.Heads,
			"init": cfg.Init.String(), "qkv_bias": cfg.QKVBias, "seed": cfg.Seed, "dropout": cfg.Dropout,
			"dropout_seed": cfg.DropoutSeed, "dropout_rng": cfg.DropoutRNG.String(),
		},
		Tokens:  toks,
		Tensors: Tensors(sc),
	}
	enc := json.NewEncoder(w)
	return enc.Encode(doc)
}
