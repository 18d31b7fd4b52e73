package themes

import (
	"image/color"
	"testing"
)

func TestColormapEnds(t *testing.T) {
	// Expected ends are matplotlib's first and last table entries
	// (viridis #440154 … #fde725, magma #000004 … #fcfdbf).
	tests := []struct {
		cm     Colormap
		lo, hi color.RGBA
	}{
		{Viridis, rgb(0x44, 0x01, 0x54), rgb(0xfd, 0xe7, 0x25)},
		{Magma, rgb(0x00, 0x00, 0x04), rgb(0xfc, 0xfd, 0xbf)},
		{BlueWhiteRed, rgb(0x05, 0x30, 0x61), rgb(0x67, 0x00, 0x1f)},
	}
	for _, tt := range tests {
		if got := tt.cm.At(0); got != tt.lo {
			t.Errorf("%s.At(0) = %v, want %v", tt.cm.Name, got, tt.lo)
		}
		if got := tt.cm.At(1); got != tt.hi {
			t.Errorf("%s.At(1) = %v, want %v", tt.cm.Name, got, tt.hi)
		}
		if got := tt.cm.At(-3); got != tt.lo {
			t.Errorf("%s.At(-3) = %v, want clamp to %v", tt.cm.Name, got, tt.lo)
		}
		if got := tt.cm.At(7); got != tt.hi {
			t.Errorf("%s.At(7) = %v, want clamp to %v", tt.cm.Name, got, tt.hi)
		}
	}
	var nan float64
	nan = nan / nan
	if got := Viridis.At(nan); got != Viridis.At(0) {
		t.Errorf("At(NaN) = %v, want the low end", got)
	}
	if got := (Colormap{}).At(0.5); got.A != 0xff {
		t.Errorf("empty map At = %v, want an opaque colour", got)
	}
}

// The sequential maps are perceptually ordered: luminance must rise with t.
func TestSequentialMonotone(t *testing.T) {
	for _, cm := range Colormaps {
		if cm.Stops() < 16 {
			t.Errorf("%s has %d stops, want at least 16 for smooth gradients", cm.Name, cm.Stops())
		}
		prev := -1.0
		for i := 0; i <= 100; i++ {
			l := Luminance(cm.At(float64(i) / 100))
			if l < prev-1e-3 {
				t.Errorf("%s: luminance falls at t=%.2f (%.4f < %.4f)", cm.Name, float64(i)/100, l, prev)
				break
			}
			prev = l
		}
	}
}

func TestDivergingCentre(t *testing.T) {
	mid := BlueWhiteRed.At(0.5)
	if Luminance(mid) < 0.85 {
		t.Errorf("diverging midpoint %v is not near white (luminance %.3f)", mid, Luminance(mid))
	}
	lo, hi := BlueWhiteRed.At(0.1), BlueWhiteRed.At(0.9)
	if !(lo.B > lo.R && hi.R > hi.B) {
		t.Errorf("diverging ends: low %v should be blue, high %v red", lo, hi)
	}
}

func TestNextCycles(t *testing.T) {
	cm := Viridis
	seen := map[string]bool{}
	for range Colormaps {
		seen[cm.Name] = true
		cm = Next(cm)
	}
	if cm.Name != Viridis.Name || len(seen) != len(Colormaps) {
		t.Errorf("cycling visited %v and ended on %s", seen, cm.Name)
	}
	if got := Next(BlueWhiteRed); got.Name != Colormaps[0].Name {
		t.Errorf("Next(unknown) = %s, want %s", got.Name, Colormaps[0].Name)
	}
	th := Dark().NextMap()
	if th.Map.Name != "cividis" {
		t.Errorf("Dark().NextMap().Map = %s, want cividis", th.Map.Name)
	}
	for _, name := range []string{"viridis", "cividis", "magma", "grayscale", "blue-white-red"} {
		if _, ok := MapByName(name); !ok {
			t.Errorf("MapByName(%q) not found", name)
		}
	}
	if _, ok := MapByName("jet"); ok {
		t.Error("MapByName(jet) found a map")
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		bg   color.Color
		want color.Color
	}{
		{Viridis.At(1), black}, // yellow
		{Viridis.At(0), white}, // dark purple
		{Magma.At(1), black},
		{Cividis.At(0), white},
		{BlueWhiteRed.At(0.5), black},
	}
	for _, tt := range tests {
		if got := Contrast(tt.bg); got != tt.want {
			t.Errorf("Contrast(%v) = %v, want %v", tt.bg, got, tt.want)
		}
	}
	// Every colour of every map must reach WCAG AA-large (3:1) with the
	// chosen text colour, so numbers inside cells stay readable.
	for _, cm := range append(Colormaps, BlueWhiteRed) {
		for i := 0; i <= 64; i++ {
			bg := cm.At(float64(i) / 64)
			if r := ContrastRatio(bg, Contrast(bg)); r < 3 {
				t.Errorf("%s at %d/64: contrast %.2f < 3", cm.Name, i, r)
			}
		}
	}
}

func TestPalettesComplete(t *testing.T) {
	for _, th := range []Theme{Dark(), Light(), HighContrast(true), HighContrast(false), Default} {
		cs := map[string]color.Color{
			"Background": th.Background,
			"Accent":     th.Accent, "Muted": th.Muted, "Text": th.Text, "Border": th.Border,
			"Warning": th.Warning, "Error": th.Error,
			"Cursor.Fg": th.Cursor.Fg, "Cursor.Bg": th.Cursor.Bg, "Badge.Fg": th.Badge.Fg, "Badge.Bg": th.Badge.Bg,
			"Masked.Fg": th.Masked.Fg, "Masked.Bg": th.Masked.Bg, "Dropped.Fg": th.Dropped.Fg,
			"Dropped.Bg": th.Dropped.Bg, "Invalid.Fg": th.Invalid.Fg, "Invalid.Bg": th.Invalid.Bg,
		}
		for name, c := range cs {
			if c == nil {
				t.Errorf("%s: %s is nil", th.Name, name)
			}
		}
		if th.Map.Stops() == 0 || !th.Diverging.Diverging {
			t.Errorf("%s: maps not set", th.Name)
		}
		// Text must read on the terminal background the palette is for,
		// and on the palette's own page colour.
		bg := white
		if th.Dark {
			bg = black
		}
		if (Luminance(th.Background) < 0.2) != th.Dark {
			t.Errorf("%s: Background %v does not match Dark=%v", th.Name, th.Background, th.Dark)
		}
		if r := ContrastRatio(th.Text, th.Background); r < 7 {
			t.Errorf("%s: Text on Background contrast %.2f < 7", th.Name, r)
		}
		min := 4.5
		if th.HighContrast {
			min = 7
		}
		for name, c := range map[string]color.Color{"Text": th.Text, "Accent": th.Accent} {
			if r := ContrastRatio(c, bg); r < min {
				t.Errorf("%s: %s contrast %.2f on its background < %.1f", th.Name, name, r, min)
			}
		}
		for name, s := range map[string]Swatch{"Cursor": th.Cursor, "Badge": th.Badge, "Masked": th.Masked, "Invalid": th.Invalid} {
			if r := ContrastRatio(s.Fg, s.Bg); r < 3 {
				t.Errorf("%s: %s swatch contrast %.2f < 3", th.Name, name, r)
			}
		}
	}
	if ForBackground(false, false).Name != "light" || ForBackground(true, true).Name != "contrast-dark" {
		t.Error("ForBackground picked the wrong palette")
	}
}

func TestANSIRamps(t *testing.T) {
	for _, cm := range append(Colormaps, BlueWhiteRed) {
		if len(cm.ANSI) < 4 {
			t.Errorf("%s: %d ANSI steps, want at least 4", cm.Name, len(cm.ANSI))
		}
		for _, i := range cm.ANSI {
			if i > 15 {
				t.Errorf("%s: ANSI index %d is not a basic colour", cm.Name, i)
			}
		}
		lo, _ := cm.ANSIIndex(0)
		hi, _ := cm.ANSIIndex(1)
		if lo != cm.ANSI[0] || hi != cm.ANSI[len(cm.ANSI)-1] {
			t.Errorf("%s: ANSIIndex ends %d, %d", cm.Name, lo, hi)
		}
	}
	if mid, _ := BlueWhiteRed.ANSIIndex(0.5); mid != 15 {
		t.Errorf("diverging ANSI midpoint %d, want bright white (15)", mid)
	}
	if _, ok := (Colormap{}).ANSIIndex(0.5); ok {
		t.Error("a map without an ANSI ramp reported one")
	}
}
