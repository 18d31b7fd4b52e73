package heatmap

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

// Styles are the text styles around the cells. Cell colours come from the
// theme's colormaps and swatches; see SetTheme.
type Styles struct {
	Title       lipgloss.Style // the heading above the matrix
	RowLabel    lipgloss.Style // query tokens down the side
	ColLabel    lipgloss.Style // key tokens across the top
	CursorLabel lipgloss.Style // the labels of the cursor's row and column
	Sum         lipgloss.Style // the row-sum column
	Legend      lipgloss.Style // legend text
	Indicator   lipgloss.Style // "more" arrows and the panning offset
}

// DefaultStyles returns the styles for th.
func DefaultStyles(th themes.Theme) Styles {
	return Styles{
		Title:       lipgloss.NewStyle().Bold(true).Foreground(th.Accent),
		RowLabel:    lipgloss.NewStyle().Foreground(th.Text),
		ColLabel:    lipgloss.NewStyle().Foreground(th.Text),
		CursorLabel: lipgloss.NewStyle().Bold(true).Foreground(th.Cursor.Fg).Background(th.Cursor.Bg),
		Sum:         lipgloss.NewStyle().Foreground(th.Muted),
		Legend:      lipgloss.NewStyle().Foreground(th.Muted),
		Indicator:   lipgloss.NewStyle().Bold(true).Foreground(th.Accent),
	}
}

// PlainStyles returns styles with no colour and no attributes, for NO_COLOR.
func PlainStyles() Styles {
	p := lipgloss.NewStyle()
	return Styles{Title: p, RowLabel: p, ColLabel: p, CursorLabel: p, Sum: p, Legend: p, Indicator: p}
}

// buckets is how many colours a scale is quantised to; with 32-stop maps
// 64 levels are indistinguishable from continuous.
const buckets = 64

// shades is the glyph ramp used when colour is off, low to high.
var shades = []string{" ", "░", "▒", "▓", "█"}

// Glyphs that mark special cells in every mode.
const (
	hatchGlyph   = "╱" // −∞ (masked) cells, on the neutral Masked swatch
	droppedGlyph = "×" // cells zeroed by dropout
	nanGlyph     = "?" // NaN
	cursorGlyph  = "◆" // the cursor in cells too narrow for brackets
)

// palette holds precomputed SGR prefixes, so View writes cells without
// building a style per cell.
type palette struct {
	noColor                bool
	cell                   [buckets]string // background from the map, contrasting text
	cursor                 [buckets]string // the same, bold and underlined
	bg                     [buckets]color.Color
	masked, maskedCursor   string
	dropped, droppedCursor string
	invalid, invalidCursor string
	narrowCursor           string // the theme's cursor swatch
	reset                  string
}

// convert maps c into profile p (TrueColor and Unknown leave it alone).
func convert(p colorprofile.Profile, c color.Color) color.Color {
	if c == nil || p == colorprofile.TrueColor || p == colorprofile.Unknown {
		return c
	}
	return p.Convert(c)
}

// sgr returns the escape sequence setting fg on bg, optionally bold and
// underlined. Text colour is chosen against the colour the terminal will
// actually show, so it stays readable in 16- and 256-colour profiles.
func sgr(p colorprofile.Profile, fg, bg color.Color, emph bool) string {
	bg = convert(p, bg)
	if fg == nil {
		fg = themes.Contrast(bg)
	}
	st := ansi.NewStyle().BackgroundColor(bg).ForegroundColor(convert(p, fg))
	if emph {
		// The cursor: reverse video marks it without taking a column from
		// the number or its neighbours.
		st = st.Bold().Underline(true).Reverse(true)
	}
	return st.String()
}

func newPalette(th themes.Theme, cm themes.Colormap, p colorprofile.Profile, noColor bool) *palette {
	if noColor || p == colorprofile.ASCII || p == colorprofile.NoTTY {
		return &palette{noColor: true}
	}
	pl := &palette{}
	for i := range buckets {
		t := float64(i) / (buckets - 1)
		var bg color.Color = cm.At(t)
		if idx, ok := cm.ANSIIndex(t); ok && p == colorprofile.ANSI {
			// 16 colours: the map's own ramp, not nearest-colour hues.
			bg = ansi.BasicColor(idx)
		}
		pl.bg[i] = bg
		pl.cell[i] = sgr(p, nil, bg, false)
		pl.cursor[i] = sgr(p, nil, bg, true)
	}
	pl.masked = sgr(p, th.Masked.Fg, th.Masked.Bg, false)
	pl.maskedCursor = sgr(p, th.Masked.Fg, th.Masked.Bg, true)
	pl.dropped = sgr(p, th.Dropped.Fg, th.Dropped.Bg, false)
	pl.droppedCursor = sgr(p, th.Dropped.Fg, th.Dropped.Bg, true)
	pl.invalid = sgr(p, th.Invalid.Fg, th.Invalid.Bg, false)
	pl.invalidCursor = sgr(p, th.Invalid.Fg, th.Invalid.Bg, true)
	pl.narrowCursor = sgr(p, th.Cursor.Fg, th.Cursor.Bg, false)
	pl.reset = ansi.ResetStyle
	return pl
}

// bucket quantises t in [0, 1] to a palette index.
func bucket(t float64) uint8 {
	if !(t > 0) {
		return 0
	}
	if t >= 1 {
		return buckets - 1
	}
	return uint8(t*(buckets-1) + 0.5)
}

// shade returns the glyph for bucket b when colour is off.
func shade(b uint8) string {
	return shades[int(b)*len(shades)/buckets]
}

// styler renders single lines with a lipgloss style as the style itself
// would, without its per-call cost where that is plain concatenation: a
// style of colours and attributes only wraps a line of text in one
// prefix and one reset.
type styler struct {
	st       lipgloss.Style
	pre, suf string
	wraps    bool // pre + s + suf is what st renders for a line s
}

// newStyler probes st once for its prefix and suffix.
func newStyler(st lipgloss.Style) styler {
	s := styler{st: st}
	if st.GetWidth() != 0 || st.GetMaxWidth() != 0 || st.GetTransform() != nil {
		return s
	}
	r := st.Render("a")
	i := strings.IndexByte(r, 'a')
	if i < 0 || strings.Count(r, "a") != 1 {
		return s
	}
	s.pre, s.suf = r[:i], r[i+1:]
	s.wraps = st.Render(" a b ") == s.pre+" a b "+s.suf
	return s
}

// render is st.Render(line).
func (s styler) render(line string) string {
	if !s.wraps || line == "" || strings.ContainsAny(line, "\t\r\n") {
		return s.st.Render(line)
	}
	return s.pre + line + s.suf
}
