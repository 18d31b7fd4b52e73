package render

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui"
)

// Options say what to draw and how.
type Options struct {
	Stage         pipeline.Stage
	Width, Height int
	Color         string            // none, 16, 256, truecolor ("" is truecolor)
	Format        string            // ansi, text, svg, png, html, gif ("" is ansi)
	Scale         int               // PNG pixels per cell pixel; SVG width/height factor (0 is 1)
	Keys          []tea.KeyPressMsg // replayed through Update before drawing (ParseKeys)
	UI            []ui.Option       // theme, presenter mode…, passed to ui.New

	Clean   bool          // a slide: no key hints, cursor or "widen" notes (ui.WithClean)
	Panel   string        // crop to this matrix of the stage (ui.Model.PanelNames); "" is the whole screen
	Delay   time.Duration // GIF: how long each frame shows (0 is DefaultDelay)
	SVGText string        // SVG glyphs: "text" (<text> in a monospace font stack, the default) or "outline"
	Log     io.Writer     // where notes go (glyphs no font has); nil: nowhere
}

// Formats lists the output formats, in the order the help gives them.
func Formats() []string { return []string{"ansi", "text", "svg", "png", "html", "gif"} }

// SVGTextModes lists the values of Options.SVGText.
func SVGTextModes() []string { return []string{"text", "outline"} }

// DefaultDelay is how long a GIF frame shows unless Options.Delay says.
const DefaultDelay = 1500 * time.Millisecond

// MaxDelay bounds Options.Delay (a GIF counts in hundredths of a second,
// in 16 bits).
const MaxDelay = 600 * time.Second

// Limits on Options.
const (
	MaxSize  = 1000 // cells, either way
	MaxScale = 8
)

// Profile maps a --color value to a colour profile.
func Profile(name string) (colorprofile.Profile, error) {
	switch name {
	case "none":
		return colorprofile.NoTTY, nil
	case "16":
		return colorprofile.ANSI, nil
	case "256":
		return colorprofile.ANSI256, nil
	case "truecolor", "":
		return colorprofile.TrueColor, nil
	}
	return 0, fmt.Errorf("unknown colour profile %q (want none, 16, 256 or truecolor)", name)
}

// Check validates opts, with messages that name the flag at fault.
func (o Options) Check() error {
	if _, err := Profile(o.Color); err != nil {
		return fmt.Errorf("--color: %w", err)
	}
	if o.Format != "" && !slices.Contains(Formats(), o.Format) {
		return fmt.Errorf("--format: must be one of %s, got %q", strings.Join(Formats(), ", "), o.Format)
	}
	if o.Width < 1 || o.Width > MaxSize || o.Height < 1 || o.Height > MaxSize {
		return fmt.Errorf("--width and --height: must be between 1 and %d, got %dx%d", MaxSize, o.Width, o.Height)
	}
	if o.Scale < 0 || o.Scale > MaxScale {
		return fmt.Errorf("--scale: must be between 1 and %d, got %d", MaxScale, o.Scale)
	}
	if o.SVGText != "" && !slices.Contains(SVGTextModes(), o.SVGText) {
		return fmt.Errorf("--svg-text: must be text or outline, got %q", o.SVGText)
	}
	if o.Delay < 0 || o.Delay > MaxDelay {
		return fmt.Errorf("--delay: must be between 0 and %v, got %v", MaxDelay, o.Delay)
	}
	if o.Format == "png" || o.Format == "gif" {
		s := int64(max(o.Scale, 1))
		if W, H := int64(o.Width)*CellWidth*s, int64(o.Height)*CellHeight*s; W*H > maxPixels {
			return fmt.Errorf("--scale, --width and --height: a %d×%d-pixel PNG is too large (at most %d pixels)", W, H, maxPixels)
		}
	}
	return nil
}

// CheckScreen is Check for a screen the TUI draws (Write): below
// ui.MinWidth×ui.MinHeight the TUI shows only a note asking for more room,
// so a smaller size is an error naming the minimum.
func (o Options) CheckScreen() error {
	if err := o.Check(); err != nil {
		return err
	}
	if o.Width < ui.MinWidth || o.Height < ui.MinHeight {
		return fmt.Errorf("--width and --height: the screen must be at least %d×%d cells, got %dx%d", ui.MinWidth, ui.MinHeight, o.Width, o.Height)
	}
	return nil
}

// Model returns the TUI's root model for scene at opts.Stage, started at
// opts' size and colour profile (Start) with opts.Keys replayed (Replay).
func Model(scene *pipeline.Scene, opts Options) (tea.Model, error) {
	prof, err := Profile(opts.Color)
	if err != nil {
		return nil, err
	}
	uiOpts := append(append([]ui.Option(nil), opts.UI...), ui.WithoutPreload())
	if prof == colorprofile.NoTTY || prof == colorprofile.Ascii {
		uiOpts = append(append([]ui.Option(nil), uiOpts...), ui.WithNoColor(true)) // shade glyphs keep the matrices readable
	}
	if opts.Clean {
		uiOpts = append(append([]ui.Option(nil), uiOpts...), ui.WithClean(true))
	}
	m, err := Start(ui.New(scene, opts.Stage, uiOpts...), opts.Width, opts.Height, prof, nil)
	if err != nil {
		return nil, err
	}
	return Replay(m, opts.Keys...)
}

// Screen returns the view the TUI shows for scene under opts: the same
// Update and View code, driven without a terminal. Where the view sets no
// page colours, the model's theme (a Theme() themes.Theme method) gives
// them.
func Screen(scene *pipeline.Scene, opts Options) (tea.View, error) {
	m, err := Model(scene, opts)
	if err != nil {
		return tea.View{}, err
	}
	v, _, err := view(m, opts)
	return v, err
}

// Write draws scene under opts to w in opts.Format. With --panel the
// output is the panel's size, not the screen's; a GIF has one frame
// before the keys and one after each.
func Write(w io.Writer, scene *pipeline.Scene, opts Options) error {
	if err := opts.CheckScreen(); err != nil {
		return err
	}
	if opts.Format == "gif" {
		return writeGIFScript(w, scene, opts)
	}
	m, err := Model(scene, opts)
	if err != nil {
		return err
	}
	v, o, err := view(m, opts)
	if err != nil {
		return err
	}
	return Encode(w, v, o)
}

// Encode writes the view v, laid out on an opts.Width×opts.Height screen,
// in opts.Format under opts.Color. Only Width, Height, Color, Format and
// Scale are read. The same inputs always give the same bytes.
//
//   - ansi: the screen's lines with SGR styles downsampled to the profile
//     (with --color none, the same as text).
//   - text: the characters only; no escape or control byte whatever the
//     frame holds.
//   - svg, png, html, gif: the cell grid with exact colours (cells without
//     one take the view's ForegroundColor/BackgroundColor, else the dark
//     default), in Go Mono; a glyph Go Mono and DejaVu Sans Mono lack
//     comes from an installed font (systemFonts) in PNG, GIF and outline
//     SVG, and is named on opts.Log when none has it. SVG text and HTML
//     leave such glyphs to the viewer's fonts. A GIF here has one frame.
func Encode(w io.Writer, v tea.View, opts Options) error {
	if err := opts.Check(); err != nil {
		return err
	}
	prof, _ := Profile(opts.Color)
	format := opts.Format
	if format == "" {
		format = "ansi"
	}
	if format == "ansi" && prof == colorprofile.NoTTY {
		// --color none: no escapes at all, the same guarantee as text.
		format = "text"
	}
	scale := max(opts.Scale, 1)
	fg, bg := pageRGBA(v)
	switch format {
	case "ansi":
		return writeANSI(w, v.Content, opts.Width, opts.Height, prof)
	case "text":
		g := parseGrid(v.Content, opts.Width, opts.Height, colorprofile.NoTTY, fg, bg)
		_, err := io.WriteString(w, Sanitize(strings.Join(g.lines(), "\n")+"\n", true))
		return err
	}
	g := parseGrid(v.Content, opts.Width, opts.Height, prof, fg, bg)
	outline := format != "svg" || opts.SVGText == "outline"
	if outline && format != "html" {
		noteMissing(opts.Log, g)
	}
	title := Sanitize(v.WindowTitle, false)
	if title == "" {
		title = firstLine(g)
	}
	switch format {
	case "svg":
		return writeSVG(w, g, scale, title, outline)
	case "png":
		return writePNG(w, g, scale)
	case "gif":
		gw := newGIFWriter(opts.Delay)
		if err := gw.add(g, scale); err != nil {
			return err
		}
		return gw.encode(w)
	default:
		return writeHTML(w, g, title)
	}
}

// pageRGBA is v's page foreground and background, else the dark default.
func pageRGBA(v tea.View) (fg, bg color.RGBA) {
	fg, bg = defaultColors()
	if v.ForegroundColor != nil {
		fg = toRGBA(v.ForegroundColor)
	}
	if v.BackgroundColor != nil {
		bg = toRGBA(v.BackgroundColor)
	}
	return fg, bg
}

// firstLine is the first non-blank row of g, trimmed, or "attnscope".
func firstLine(g *grid) string {
	for _, l := range g.lines() {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return "attnscope"
}

// writeANSI lays frame out on the screen and writes its rows with styles
// converted to prof; control bytes in the text do not survive the cell
// buffer.
func writeANSI(w io.Writer, frame string, width, height int, prof colorprofile.Profile) error {
	buf := uv.NewScreenBuffer(max(width, 1), max(height, 1))
	buf.Method = ansi.GraphemeWidth
	uv.NewStyledString(frame).Draw(buf, buf.Bounds())
	var out bytes.Buffer
	for y := range buf.Height() {
		line := buf.Line(y)
		for x := range line {
			line[x].Style = uv.ConvertStyle(line[x].Style, prof)
			line[x].Content = Sanitize(line[x].Content, false)
			if line[x].Content == "" && line[x].Width > 0 {
				line[x].Content = " "
			}
		}
		out.WriteString(line.Render())
		// Styles and links end with the row, as each row is rendered
		// from a clean pen.
		styled, linked := hasStyle(line)
		if styled {
			out.WriteString(ansi.ResetStyle)
		}
		if linked {
			out.WriteString(ansi.ResetHyperlink())
		}
		out.WriteByte('\n')
	}
	_, err := w.Write(out.Bytes())
	return err
}

// hasStyle reports whether any cell of l has a style, and any a link.
func hasStyle(l uv.Line) (styled, linked bool) {
	for i := range l {
		styled = styled || !l[i].Style.IsZero()
		linked = linked || !l[i].Link.IsZero()
	}
	return styled, linked
}
