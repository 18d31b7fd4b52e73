package render

import (
	"image/color"

	"github.com/attnscope/attnscope/themes"
)

// defaultColors returns the foreground and background that a cell without
// an explicit colour is drawn with in SVG, PNG and HTML, when the view does
// not set its own (tea.View.ForegroundColor/BackgroundColor).
//
// TEMPORARY: the terminal background belongs in package themes (a
// Theme.Background/Theme.Foreground pair, dark by default); the lead moves it
// there and this function then reads it. Until then it is the one colour
// literal outside themes.
func defaultColors() (fg, bg color.RGBA) {
	return toRGBA(themes.Default.Text), color.RGBA{0x1a, 0x1b, 0x26, 0xff}
}

// toRGBA converts any colour (including ansi.BasicColor and
// ansi.IndexedColor, which carry the xterm palette) to opaque RGBA.
func toRGBA(c color.Color) color.RGBA {
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
}

// mix returns a·fg + (1−a)·bg per channel, a in [0, 1], rounded.
func mix(fg, bg color.RGBA, a float64) color.RGBA {
	l := func(p, q uint8) uint8 { return uint8(float64(p)*a + float64(q)*(1-a) + 0.5) }
	return color.RGBA{l(fg.R, bg.R), l(fg.G, bg.G), l(fg.B, bg.B), 0xff}
}
