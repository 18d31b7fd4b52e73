package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// cellsOf lays a view's content out on a w×h screen.
func cellsOf(v tea.View, w, h int) uv.ScreenBuffer {
	buf := uv.NewScreenBuffer(w, h)
	buf.Method = ansi.GraphemeWidth
	uv.NewStyledString(v.Content).Draw(buf, buf.Bounds())
	return buf
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2
}

// Every theme paints every cell of its screen, in the TUI and in
// presenter mode: no cell is left on the terminal's own background or in
// its own text colour.
func TestThemePaintsEveryCell(t *testing.T) {
	sc := bookScene(t)
	for _, th := range []themes.Theme{themes.Dark(), themes.Light(), themes.HighContrast(true), themes.HighContrast(false)} {
		for _, present := range []bool{false, true} {
			for _, sz := range [][2]int{{100, 30}, {60, 18}} {
				opts := []Option{WithTheme(th)}
				if present {
					opts = append(opts, WithPresent(0))
				}
				name := fmt.Sprintf("%s/present=%v/%dx%d", th.Name, present, sz[0], sz[1])
				m := sized(New(sc, pipeline.StageCausal, opts...), sz[0], sz[1])
				v := m.View()
				if !sameColor(v.BackgroundColor, th.Background) || !sameColor(v.ForegroundColor, th.Text) {
					t.Errorf("%s: the terminal's default colours are not the theme's", name)
				}
				buf := cellsOf(v, sz[0], sz[1])
				page := 0
				for y := range sz[1] {
					for x, c := range buf.Line(y) {
						if c.Style.Bg == nil || c.Style.Fg == nil {
							t.Fatalf("%s: cell (%d,%d) %q has no colour of its own", name, x, y, c.Content)
						}
						if sameColor(c.Style.Bg, th.Background) {
							page++
						}
					}
				}
				if page < sz[0]*sz[1]/2 {
					t.Errorf("%s: only %d cells on the theme's background", name, page)
				}
			}
		}
	}
}

// Without colour (NO_COLOR) nothing is painted and the terminal's colours
// are left alone.
func TestNoColorPaintsNothing(t *testing.T) {
	for _, present := range []bool{false, true} {
		opts := []Option{WithTheme(themes.Light()), WithNoColor(true)}
		if present {
			opts = append(opts, WithPresent(0))
		}
		m := sized(New(bookScene(t), pipeline.StageCausal, opts...), 100, 30)
		v := m.View()
		if v.BackgroundColor != nil || v.ForegroundColor != nil {
			t.Errorf("present=%v: NO_COLOR set the terminal's colours", present)
		}
		if v.Content != m.Render() {
			t.Errorf("present=%v: NO_COLOR painted the screen", present)
		}
	}
}

// Until the terminal has said what its background is, an automatic theme
// does not set the terminal's colours (it would hear its own back).
func TestAutoThemeWaitsForTheTerminal(t *testing.T) {
	m := New(bookScene(t), pipeline.StageCausal)
	m.width, m.height = 80, 24
	if v := m.View(); v.BackgroundColor != nil {
		t.Fatal("the terminal's background was set before it answered")
	}
	m = send(m, tea.BackgroundColorMsg{Color: color.White})
	if v := m.View(); !sameColor(v.BackgroundColor, themes.Light().Background) {
		t.Fatalf("after a light terminal answered, the background is %v", v.BackgroundColor)
	}
}

// paint keeps the page's colours through every kind of reset, and never
// reads the numbers of a colour as a reset.
func TestPaintRewritesResets(t *testing.T) {
	fg, bg := color.RGBA{1, 2, 3, 255}, color.RGBA{250, 251, 252, 255}
	base := "38;2;1;2;3;48;2;250;251;252"
	for _, c := range []struct{ in, want string }{
		{"a\x1b[mb", "\x1b[" + base + "ma\x1b[0;" + base + "mb"},
		{"\x1b[0;1mb", "\x1b[" + base + "m\x1b[0;" + base + ";1mb"},
		{"\x1b[1;mb", "\x1b[" + base + "m\x1b[1;0;" + base + "mb"},
		{"\x1b[38;2;0;0;0mb", "\x1b[" + base + "m\x1b[38;2;0;0;0mb"},
		{"\x1b[48;5;0;39mb", "\x1b[" + base + "m\x1b[48;5;0;38;2;1;2;3mb"},
		{"\x1b[49mb", "\x1b[" + base + "m\x1b[48;2;250;251;252mb"},
		{"\x1b]8;;x\x1b\\b", "\x1b[" + base + "m\x1b]8;;x\x1b\\b"},
	} {
		want := c.want + strings.Repeat(" ", 3-ansi.StringWidth(c.in)) + ansi.ResetStyle // padded to 3 cells
		if got := paint(c.in, 3, 1, fg, bg); got != want {
			t.Errorf("paint(%q) = %q, want %q", c.in, got, want)
		}
	}
}
