// Package swatch colours single cells by a value on a theme's colormap, for
// the model-mode components that draw many small coloured cells (the head
// grid, the score table, shaded text). It precomputes one escape prefix per
// level so a view writes cells without building a style per cell, and falls
// back to shade glyphs when colour is off (NO_COLOR, no terminal).
//
// Imports: themes, colorprofile and x/ansi.
package swatch

import (
	"image/color"
	"math"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

// Levels is how many colours a scale is quantised to.
const Levels = 64

// shades is the glyph ramp used when colour is off, low to high.
var shades = []string{" ", "░", "▒", "▓", "█"}

// Palette holds the escape prefixes of every level.
type Palette struct {
	NoColor bool
	bg      [Levels]string // level as background, contrasting text
	fg      [Levels]string // level as foreground on the default background
	half    [Levels][Levels]string
	Reset   string
}

// New builds a palette from theme's sequential map. With colour off (or
// an ASCII / NoTTY profile) it draws shade glyphs instead.
func New(th themes.Theme, p colorprofile.Profile, noColor bool) *Palette {
	if noColor || p == colorprofile.ASCII || p == colorprofile.NoTTY {
		return &Palette{NoColor: true}
	}
	pl := &Palette{Reset: ansi.ResetStyle}
	var cols [Levels]color.Color
	for i := range Levels {
		t := float64(i) / (Levels - 1)
		var c color.Color = th.Map.At(t)
		if idx, ok := th.Map.ANSIIndex(t); ok && p == colorprofile.ANSI {
			c = ansi.BasicColor(idx)
		} else if p != colorprofile.TrueColor && p != colorprofile.Unknown {
			c = p.Convert(c)
		}
		cols[i] = c
		pl.bg[i] = ansi.NewStyle().BackgroundColor(c).ForegroundColor(themes.Contrast(c)).String()
		pl.fg[i] = ansi.NewStyle().ForegroundColor(c).String()
	}
	for i := range Levels {
		for j := range Levels {
			pl.half[i][j] = ansi.NewStyle().ForegroundColor(cols[i]).BackgroundColor(cols[j]).String()
		}
	}
	return pl
}

// Level maps v in [lo, hi] to a level (NaN and an empty range give 0).
func Level(v, lo, hi float32) int {
	if !(hi > lo) || math.IsNaN(float64(v)) {
		return 0
	}
	t := (v - lo) / (hi - lo)
	switch {
	case t <= 0:
		return 0
	case t >= 1:
		return Levels - 1
	}
	return int(t*(Levels-1) + 0.5)
}

// Shade is the glyph for a level with colour off.
func Shade(level int) string {
	return shades[min(len(shades)-1, max(0, level*len(shades)/Levels))]
}

// Cell returns s (already padded to its cells) on the colour of level:
// reverse-coloured with colour on, or s with colour off.
func (p *Palette) Cell(level int, s string) string {
	if p.NoColor {
		return s
	}
	return p.bg[clamp(level)] + s + p.Reset
}

// Fill returns n cells of level's colour (shade glyphs with colour off).
func (p *Palette) Fill(level, n int) string {
	if n <= 0 {
		return ""
	}
	if p.NoColor {
		g := Shade(level)
		out := make([]byte, 0, n*len(g))
		for range n {
			out = append(out, g...)
		}
		return string(out)
	}
	out := make([]byte, 0, n+len(p.bg[0])+len(p.Reset))
	out = append(out, p.bg[clamp(level)]...)
	for range n {
		out = append(out, ' ')
	}
	return string(append(out, p.Reset...))
}

// Text returns s in level's colour as foreground (unchanged with colour
// off).
func (p *Palette) Text(level int, s string) string {
	if p.NoColor {
		return s
	}
	return p.fg[clamp(level)] + s + p.Reset
}

// Half returns one cell showing two stacked values: the upper half block
// in top's colour over bottom's (a shade of their mean with colour off).
func (p *Palette) Half(top, bottom int) string {
	if p.NoColor {
		return Shade((clamp(top) + clamp(bottom)) / 2)
	}
	return p.half[clamp(top)][clamp(bottom)] + "▀" + p.Reset
}

func clamp(l int) int { return min(Levels-1, max(0, l)) }
