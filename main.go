// Command attnscope is an interactive terminal visualizer of attention
// weights: it tokenizes a sentence with a real BPE tokenizer and steps
// through every stage of attention as chapter 3 of "Build a Large Language
// Model (From Scratch)" builds it. See README.md.
package main

import (
	"os"

	"github.com/attnscope/attnscope/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
