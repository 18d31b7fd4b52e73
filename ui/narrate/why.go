package narrate

import "strings"

// Card is a fixed text shown before the first stage.
type Card struct {
	Title string
	// Text is a short explanation, plain prose to be wrapped by the caller.
	Text string
	// Picture is drawn with text characters; its lines must not be wrapped.
	// Every line is at most PictureWidth cells wide.
	Picture string
}

// PictureWidth is the widest line of every Card's Picture, in cells, so a
// 40-column screen can show it whole.
const PictureWidth = 38

// Why is the opening card: why attention exists at all.
func Why() Card {
	return Card{
		Title: "Why attention?",
		Text: "Before attention, a translation model read the whole input into one fixed-size vector and wrote its output from that vector alone. " +
			"A long sentence does not fit: by the time a later word needs an early detail, the detail has been squeezed out. " +
			"Attention removes the bottleneck: at every position the model looks back at every other position directly and decides how much of each to use. " +
			"Those \"how much\" numbers are the attention weights; the stages that follow build them step by step.",
		Picture: strings.Join(whyPicture, "\n"),
	}
}

// whyPicture's weights are the book's causal weights for "step", the last
// row of ch03.ipynb cell 30, rounded to two decimals.
var whyPicture = []string{
	"without attention: one fixed memory",
	" Your→journey→starts→…→step",
	"                        ▼",
	"                     [■■■■] ─▶ output",
	"        early words fade out",
	"",
	"with attention: look back at all",
	" Your journey starts with one step",
	" .19  .17     .17    .15  .17 .15",
	"  └────┴───────┴──────┴────┴───┘",
	"                ▼",
	"       context for \"step\"",
}
