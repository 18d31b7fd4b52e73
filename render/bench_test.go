package render

import (
	"io"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
)

// BenchmarkEncode encodes a fixed synthetic 100×30 frame in each format.
func BenchmarkEncode(b *testing.B) {
	frame := synth + "\n" + hostile + "\nᵀ ✓ 你 😀 ╔═╗ ⣿ ╭─╮"
	for _, f := range Formats() {
		b.Run(f, func(b *testing.B) {
			o := Options{Width: 100, Height: 30, Format: f}
			for b.Loop() {
				if err := Encode(io.Discard, tea.NewView(frame), o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite renders the book example's causal stage end to end
// (replaying two keys) as PNG at scale 2, the slide case.
func BenchmarkWrite(b *testing.B) {
	sc := bookScene(b)
	keys, _ := ParseKeys("l j")
	o := Options{Stage: pipeline.StageCausal, Width: 100, Height: 30, Format: "png", Scale: 2, Keys: keys}
	for b.Loop() {
		if err := Write(io.Discard, sc, o); err != nil {
			b.Fatal(err)
		}
	}
}
