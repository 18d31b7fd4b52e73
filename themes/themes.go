package themes

import (
	"image/color"
	"math"
)

// Colormap maps t in [0, 1] to a colour.
type Colormap struct {
	Name  string
	stops []color.RGBA
}

// At returns the colour at t, clamped to [0, 1]; NaN maps to 0.
func (c Colormap) At(t float64) color.RGBA {
	if math.IsNaN(t) || t < 0 {
		t = 0
	}
	if t > 1 {
		t = 1
	}
	n := len(c.stops) - 1
	x := t * float64(n)
	i := int(x)
	if i >= n {
		return c.stops[n]
	}
	f := x - float64(i)
	a, b := c.stops[i], c.stops[i+1]
	lerp := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + f*(float64(q)-float64(p)))) }
	return color.RGBA{lerp(a.R, b.R), lerp(a.G, b.G), lerp(a.B, b.B), 255}
}

// Viridis is matplotlib's viridis, sampled at nine stops.
var Viridis = Colormap{Name: "viridis", stops: []color.RGBA{
	{68, 1, 84, 255}, {71, 44, 122, 255}, {59, 81, 139, 255}, {44, 113, 142, 255},
	{33, 144, 141, 255}, {39, 173, 129, 255}, {92, 200, 99, 255}, {170, 220, 50, 255},
	{253, 231, 37, 255},
}}

// Theme is the interface palette.
type Theme struct {
	Name    string
	Map     Colormap
	Accent  color.RGBA
	Muted   color.RGBA
	Text    color.RGBA
	Warning color.RGBA
}

// Default is the dark theme with viridis.
var Default = Theme{
	Name: "dark", Map: Viridis,
	Accent:  color.RGBA{0x7a, 0xa2, 0xf7, 255},
	Muted:   color.RGBA{0x80, 0x80, 0x80, 255},
	Text:    color.RGBA{0xe0, 0xe0, 0xe0, 255},
	Warning: color.RGBA{0xe0, 0xaf, 0x68, 255},
}

// Contrast returns black or white, whichever reads better on bg.
func Contrast(bg color.RGBA) color.RGBA {
	l := 0.2126*float64(bg.R) + 0.7152*float64(bg.G) + 0.0722*float64(bg.B)
	if l > 140 {
		return color.RGBA{0, 0, 0, 255}
	}
	return color.RGBA{255, 255, 255, 255}
}
