// Command tinygpt writes a small random GPT-2 checkpoint (model.safetensors
// and config.json) into a folder, for scripts/gallery-model.sh:
//
//	go run ./internal/tinygpt/cmd/tinygpt [-layers 6 -heads 8 -d 64 -context 1024 -seed 1] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/attnscope/attnscope/internal/tinygpt"
)

func main() {
	var s tinygpt.Shape
	flag.IntVar(&s.Layers, "layers", 6, "transformer blocks")
	flag.IntVar(&s.Heads, "heads", 8, "heads per block")
	flag.IntVar(&s.D, "d", 64, "model width (a multiple of -heads)")
	flag.IntVar(&s.Context, "context", 1024, "positions")
	flag.Uint64Var(&s.Seed, "seed", 1, "random seed")
	flag.Parse()
	if flag.NArg() != 1 || s.Layers < 1 || s.Heads < 1 || s.D%s.Heads != 0 || s.Context < 1 {
		fmt.Fprintln(os.Stderr, "usage: tinygpt [flags] DIR (d a multiple of heads, every size at least 1)")
		os.Exit(2)
	}
	if err := os.MkdirAll(flag.Arg(0), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "tinygpt:", err)
		os.Exit(1)
	}
	if _, err := tinygpt.Write(flag.Arg(0), s); err != nil {
		fmt.Fprintln(os.Stderr, "tinygpt:", err)
		os.Exit(1)
	}
}
