package render

import (
	"image/color"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/themes"
)

// defaultColors returns the foreground and background that a cell without
// an explicit colour is drawn with in SVG, PNG and HTML when neither the
// view nor the model says otherwise: the default theme's Text on its
// Background.
func defaultColors() (fg, bg color.RGBA) {
	return toRGBA(themes.Default.Text), toRGBA(themes.Default.Background)
}

// themed is a model that reports its palette (the root ui.Model).
type themed interface {
	Theme() themes.Theme
}

// pageColors fills in v's ForegroundColor and BackgroundColor, where the
// view leaves them unset, from m's theme if m reports one, so that an SVG,
// PNG or HTML of a light-theme screen is painted on the light page.
func pageColors(m tea.Model, v tea.View) tea.View {
	t, ok := m.(themed)
	if !ok {
		return v
	}
	th := t.Theme()
	if v.BackgroundColor == nil && th.Background != nil {
		v.BackgroundColor = th.Background
	}
	if v.ForegroundColor == nil && th.Text != nil {
		v.ForegroundColor = th.Text
	}
	return v
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
