package themes

import (
	"image/color"
	"math"
)

// Swatch is a foreground on a background.
type Swatch struct {
	Fg, Bg color.Color
}

// Theme is the interface palette together with the colormaps heatmaps use.
type Theme struct {
	// Name is "dark", "light", "contrast-dark" or "contrast-light".
	Name string
	// Dark is true for palettes meant for a dark terminal background.
	Dark bool
	// HighContrast is true for the high-contrast palettes.
	HighContrast bool

	// Map is the sequential map for weights, masks and auto ranges.
	Map Colormap
	// Diverging is the map for values symmetric around 0 (raw scores).
	Diverging Colormap

	// Background is the page colour the palette is designed on. The TUI
	// leaves the terminal's own background alone; renderers without a
	// terminal (SVG, PNG, HTML) paint it, with Text as the default foreground.
	Background color.Color

	Accent  color.Color // titles, the active stage, key names in help
	Muted   color.Color // secondary text: hints, axis notes, separators
	Text    color.Color // normal text
	Border  color.Color // panel borders and rules
	Warning color.Color // warnings (e.g. an invalid setting kept the last screen)
	Error   color.Color // errors

	Cursor  Swatch // the cell cursor and the labels of its row and column
	Badge   Swatch // the "book mode" badge
	Masked  Swatch // −∞ (masked) cells: a neutral background under a hatch glyph
	Dropped Swatch // cells zeroed by dropout
	Invalid Swatch // NaN cells (should never happen; drawn loudly if it does)
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

// Dark returns the palette for a dark terminal, with viridis.
func Dark() Theme {
	return Theme{
		Name: "dark", Dark: true, Map: Viridis, Diverging: BlueWhiteRed,
		Background: rgb(0x1a, 0x1b, 0x26),
		Accent:     rgb(0x7a, 0xa2, 0xf7),
		Muted:      rgb(0x80, 0x87, 0x93),
		Text:       rgb(0xe0, 0xe0, 0xe0),
		Border:     rgb(0x4a, 0x50, 0x5c),
		Warning:    rgb(0xe0, 0xaf, 0x68),
		Error:      rgb(0xf7, 0x76, 0x8e),
		Cursor:     Swatch{Fg: rgb(0x1a, 0x1b, 0x26), Bg: rgb(0xff, 0x9e, 0x64)},
		Badge:      Swatch{Fg: rgb(0x1a, 0x1b, 0x26), Bg: rgb(0xbb, 0x9a, 0xf7)},
		Masked:     Swatch{Fg: rgb(0x8a, 0x8a, 0x8a), Bg: rgb(0x2e, 0x2e, 0x2e)},
		Dropped:    Swatch{Fg: rgb(0xf7, 0x76, 0x8e), Bg: rgb(0x1e, 0x1e, 0x1e)},
		Invalid:    Swatch{Fg: rgb(0x1a, 0x1b, 0x26), Bg: rgb(0xf7, 0x76, 0x8e)},
	}
}

// Light returns the palette for a light terminal, with viridis.
func Light() Theme {
	return Theme{
		Name: "light", Dark: false, Map: Viridis, Diverging: BlueWhiteRed,
		Background: rgb(0xfa, 0xfa, 0xf7),
		Accent:     rgb(0x2e, 0x5c, 0xb8),
		Muted:      rgb(0x6a, 0x6f, 0x7a),
		Text:       rgb(0x20, 0x20, 0x20),
		Border:     rgb(0xa8, 0xae, 0xb8),
		Warning:    rgb(0x9a, 0x5b, 0x00),
		Error:      rgb(0xc0, 0x1c, 0x28),
		Cursor:     Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0xd9, 0x4f, 0x00)},
		Badge:      Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0x6f, 0x42, 0xc1)},
		Masked:     Swatch{Fg: rgb(0x70, 0x70, 0x70), Bg: rgb(0xd4, 0xd4, 0xd4)},
		Dropped:    Swatch{Fg: rgb(0xc0, 0x1c, 0x28), Bg: rgb(0xee, 0xee, 0xee)},
		Invalid:    Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0xc0, 0x1c, 0x28)},
	}
}

// HighContrast returns the high-contrast palette for a dark (dark = true) or
// light terminal: pure black and white text, saturated accents.
func HighContrast(dark bool) Theme {
	if dark {
		return Theme{
			Name: "contrast-dark", Dark: true, HighContrast: true, Map: Viridis, Diverging: BlueWhiteRed,
			Background: rgb(0x00, 0x00, 0x00),
			Accent:     rgb(0xff, 0xd7, 0x00),
			Muted:      rgb(0xc8, 0xc8, 0xc8),
			Text:       rgb(0xff, 0xff, 0xff),
			Border:     rgb(0xff, 0xff, 0xff),
			Warning:    rgb(0xff, 0xaf, 0x00),
			Error:      rgb(0xff, 0x5f, 0x5f),
			Cursor:     Swatch{Fg: rgb(0x00, 0x00, 0x00), Bg: rgb(0x00, 0xff, 0xff)},
			Badge:      Swatch{Fg: rgb(0x00, 0x00, 0x00), Bg: rgb(0xff, 0xd7, 0x00)},
			Masked:     Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0x00, 0x00, 0x00)},
			Dropped:    Swatch{Fg: rgb(0xff, 0x5f, 0x5f), Bg: rgb(0x00, 0x00, 0x00)},
			Invalid:    Swatch{Fg: rgb(0x00, 0x00, 0x00), Bg: rgb(0xff, 0x5f, 0x5f)},
		}
	}
	return Theme{
		Name: "contrast-light", Dark: false, HighContrast: true, Map: Viridis, Diverging: BlueWhiteRed,
		Background: rgb(0xff, 0xff, 0xff),
		Accent:     rgb(0x00, 0x00, 0xaf),
		Muted:      rgb(0x3a, 0x3a, 0x3a),
		Text:       rgb(0x00, 0x00, 0x00),
		Border:     rgb(0x00, 0x00, 0x00),
		Warning:    rgb(0x87, 0x4b, 0x00),
		Error:      rgb(0xaf, 0x00, 0x00),
		Cursor:     Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0x00, 0x00, 0xaf)},
		Badge:      Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0x00, 0x00, 0x00)},
		Masked:     Swatch{Fg: rgb(0x00, 0x00, 0x00), Bg: rgb(0xff, 0xff, 0xff)},
		Dropped:    Swatch{Fg: rgb(0xaf, 0x00, 0x00), Bg: rgb(0xff, 0xff, 0xff)},
		Invalid:    Swatch{Fg: rgb(0xff, 0xff, 0xff), Bg: rgb(0xaf, 0x00, 0x00)},
	}
}

// ForBackground picks the palette for a terminal whose background is dark
// (isDark) or light, optionally the high-contrast one. Use it with
// tea.BackgroundColorMsg.IsDark().
func ForBackground(isDark, highContrast bool) Theme {
	if highContrast {
		return HighContrast(isDark)
	}
	if isDark {
		return Dark()
	}
	return Light()
}

// Default is the dark theme with viridis.
var Default = Dark()

// WithMap returns t using cm as its sequential map.
func (t Theme) WithMap(cm Colormap) Theme {
	t.Map = cm
	return t
}

// NextMap returns t with its sequential map replaced by the next one in
// Colormaps (the key that cycles colormaps calls this).
func (t Theme) NextMap() Theme { return t.WithMap(Next(t.Map)) }

// Luminance returns the relative luminance of c in [0, 1] (WCAG 2).
func Luminance(c color.Color) float64 {
	if c == nil {
		return 0
	}
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// ContrastRatio returns the WCAG contrast ratio of a and b, from 1 to 21.
func ContrastRatio(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

var (
	black = rgb(0, 0, 0)
	white = rgb(0xff, 0xff, 0xff)
)

// Contrast returns black or white, whichever reads better on bg.
func Contrast(bg color.Color) color.Color {
	if ContrastRatio(black, bg) >= ContrastRatio(white, bg) {
		return black
	}
	return white
}
