package render_test

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/render"
)

func ExampleParseKeys() {
	keys, err := render.ParseKeys("n shift+tab ctrl+u ? space N")
	if err != nil {
		panic(err)
	}
	for _, k := range keys {
		fmt.Printf("%q ", k.String())
	}
	// Output: "n" "shift+tab" "ctrl+u" "?" "space" "N"
}

func ExampleEncode() {
	// A styled frame with a stray bell and a screen-clearing sequence: the
	// text format keeps only the characters, cut to the screen.
	frame := "\x1b[1;38;2;122;162;247mattnscope\x1b[0m 3/12\a\n\x1b[2Jscores ω = X·Xᵀ and more"
	err := render.Encode(os.Stdout, tea.NewView(frame), render.Options{Width: 16, Height: 3, Format: "text"})
	if err != nil {
		panic(err)
	}
	// Output:
	// attnscope 3/12
	// scores ω = X·Xᵀ
	//
}
