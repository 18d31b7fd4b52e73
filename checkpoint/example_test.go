package checkpoint_test

import (
	"errors"
	"fmt"

	"github.com/attnscope/attnscope/checkpoint"
)

func ExampleOpen() {
	m, err := checkpoint.Open("testdata/hf_f16", checkpoint.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	in, c := m.Info, m.Info.Config
	fmt.Println(in.Name, in.Format, in.Dtype, in.Naming)
	fmt.Printf("d=%d heads=%d layers=%d vocab=%d context=%d eps=%g\n", c.D, c.Heads, c.Layers, c.Vocab, c.Context, c.Eps)
	// Output:
	// hf_f16 safetensors F16 hf
	// d=8 heads=2 layers=2 vocab=97 context=16 eps=1e-05
}

func ExampleOpen_bookPth() {
	m, err := checkpoint.Open("testdata/book_pth/model.pth", checkpoint.Options{Heads: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	p := m.Params
	fmt.Println(m.Info.Naming, m.Info.Format)
	fmt.Printf("attention %dx%d, qkv bias %v, head tied %v\n",
		p.Blocks[0].Attn.W.Rows, p.Blocks[0].Attn.W.Cols, p.Blocks[0].Attn.B != nil, p.Head == p.TokenEmb)
	// Output:
	// book pth
	// attention 12x36, qkv bias false, head tied false
}

func ExampleModel_CheckTokens() {
	m, err := checkpoint.Open("testdata/hf_f32/model.safetensors", checkpoint.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	err = m.CheckTokens([]int{464, 3797})
	fmt.Println(errors.Is(err, checkpoint.ErrInput))
	fmt.Println(err)
	// Output:
	// true
	// testdata/hf_f32/model.safetensors: tensor "wte.weight": token id 464 (position 0) is outside the vocabulary of 97 tokens
}

func ExampleDefaultHeads() {
	for _, d := range []int{768, 1024, 1280, 1600, 512} {
		h, ok := checkpoint.DefaultHeads(d)
		fmt.Println(d, h, ok)
	}
	// Output:
	// 768 12 true
	// 1024 16 true
	// 1280 20 true
	// 1600 25 true
	// 512 0 false
}
