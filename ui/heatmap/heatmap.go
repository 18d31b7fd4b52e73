package heatmap

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/themes"
)

// Data is what a heatmap shows.
type Data struct {
	Title      string
	Rows, Cols int
	// Values holds Rows×Cols values, row-major. A shorter slice is read as
	// far as it goes; missing cells show as NaN ('?').
	Values []float32
	// RowLabels are the query tokens (down the side); ColLabels the key
	// tokens (across the top). Missing labels are numbered.
	RowLabels, ColLabels []string
	Scale                Scale
	// Dropped, if set (row-major like Values), marks cells zeroed by
	// dropout: a flagged cell whose value is exactly 0 gets the dropped style.
	Dropped []bool
	// Masked, if set (row-major), marks cells removed by the causal mask
	// whose value is finite (the zeros above the diagonal of causal
	// weights): they get the masked style, hatched like −∞, with the value
	// still printed. −∞ cells are masked whether flagged or not.
	Masked []bool
	// Range, if set, fixes the span mapped onto the colormap (so that
	// several heatmaps, e.g. all heads, share one scale). Ignored for Mask.
	Range *Range
}

// FromMatrix returns Data for m. A nil m gives an empty matrix.
func FromMatrix(title string, m *compute.Matrix, rowLabels, colLabels []string, s Scale) Data {
	d := Data{Title: title, RowLabels: rowLabels, ColLabels: colLabels, Scale: s}
	if m != nil {
		d.Rows, d.Cols, d.Values = m.Rows, m.Cols, m.Data
	}
	return d
}

// CursorMovedMsg is sent when a key moves the cursor.
type CursorMovedMsg struct {
	Row, Col int
}

// cellKind tells special cells apart from ordinary values.
type cellKind uint8

const (
	kindValue cellKind = iota
	kindNegInf
	kindPosInf
	kindNaN
	kindDropped
	kindMasked // finite, flagged in Data.Masked
)

// Model is the heatmap component.
type Model struct {
	// KeyMap is the cursor bindings; replace or unbind as needed.
	KeyMap KeyMap
	// Styles is the text styles; SetTheme and SetNoColor rebuild it. Change
	// it with SetStyles.
	Styles Styles

	data      Data
	st        stats
	rng       Range
	scale     Scale     // the scale in force: Data.Scale under scaleMode
	scaleMode ScaleMode // the viewer's choice; see KeyMap.Scale
	indexBase int       // first number of generated labels (1: x₁ as in the maths)
	kind      []cellKind
	level     []uint8 // colour bucket of each cell
	sums      []float64
	hasDrop   bool
	hasMasked bool // some finite cell is flagged masked
	// rowLabelW and colLabelW are the widest row label and column label
	// (without its leading spaces), measured once per SetData.
	rowLabelW, colLabelW int

	theme   themes.Theme
	profile colorprofile.Profile
	noColor bool
	pal     *palette // shared and immutable once built

	rowSums       bool
	compact       bool
	tileLabels    bool // compact mode with token labels and larger cells
	showLegend    bool
	fillArea      bool
	cursorVisible bool
	focused       bool

	width, height  int
	cr, cc         int // cursor
	rowOff, colOff int // first visible row and column
	lay            layout
}

// Option configures a Model in New.
type Option func(*Model)

// WithTheme sets the theme (default themes.Default).
func WithTheme(th themes.Theme) Option { return func(m *Model) { m.theme = th } }

// WithNoColor turns colour off: glyphs instead of colours (NO_COLOR).
func WithNoColor(off bool) Option { return func(m *Model) { m.noColor = off } }

// WithProfile sets the terminal's colour profile (default TrueColor).
// ASCII and NoTTY turn colour off; ANSI and ANSI256 choose text colours
// against the colours those profiles will really show.
func WithProfile(p colorprofile.Profile) Option { return func(m *Model) { m.profile = p } }

// WithRowSums shows a Σ column with each row's sum.
func WithRowSums(on bool) Option { return func(m *Model) { m.rowSums = on } }

// WithCompact selects small-multiples mode: one or two characters per
// value, no labels, numbers or legend; larger matrices are subsampled.
func WithCompact(on bool) Option { return func(m *Model) { m.compact = on } }

// WithLegend shows or hides the legend line (default shown).
func WithLegend(on bool) Option { return func(m *Model) { m.showLegend = on } }

// WithScaleMode sets the colour scale (default ScaleAsData).
func WithScaleMode(s ScaleMode) Option { return func(m *Model) { m.scaleMode = s % numScaleModes } }

// WithIndexBase sets the first number of generated labels and column
// numbers: 1 (the default) reads as the maths (x₁, column 1), 0 as code
// (layer and head names in a real model).
func WithIndexBase(base int) Option { return func(m *Model) { m.indexBase = base } }

// WithFill lets cells grow, taller and wider than the numbers need, until
// the matrix fills its area (a projector's screen).
func WithFill(on bool) Option { return func(m *Model) { m.fillArea = on } }

// Panned reports whether the matrix does not fit its area across or down,
// so that only part of it shows.
func (m Model) Panned() (across, down bool) { return m.lay.panX, m.lay.panY }

// WithData sets the data.
func WithData(d Data) Option { return func(m *Model) { m.data = d } }

// WithSize sets the size.
func WithSize(w, h int) Option { return func(m *Model) { m.width, m.height = w, h } }

// New returns a focused heatmap with a visible cursor at (0, 0).
func New(opts ...Option) Model {
	m := Model{
		KeyMap:        DefaultKeyMap(),
		theme:         themes.Default,
		profile:       colorprofile.TrueColor,
		showLegend:    true,
		cursorVisible: true,
		focused:       true,
		indexBase:     1,
	}
	for _, o := range opts {
		o(&m)
	}
	m.rebuildStyles()
	m.SetData(m.data)
	return m
}

// SetData replaces the matrix, keeping the cursor where it still fits.
func (m *Model) SetData(d Data) {
	d.Rows, d.Cols = max(d.Rows, 0), max(d.Cols, 0)
	m.data = d
	n := d.Rows * d.Cols
	vals := d.Values
	if len(vals) > n {
		vals = vals[:n]
	}
	m.st = statsOf(vals)
	if len(vals) < n {
		m.st.nan = true
	}
	m.scale = effectiveScale(d.Scale, m.scaleMode)
	m.rng = rangeFor(m.scale, m.st)
	if d.Range != nil && d.Scale != Mask && m.scaleMode == ScaleAsData {
		m.rng = *d.Range
	}
	var rows []Range
	if m.scaleMode == ScaleRow && m.scale != Mask {
		rows = rowRanges(vals, d.Rows, d.Cols)
	}
	m.kind = resize(m.kind, n)
	m.level = resize(m.level, n)
	m.hasDrop, m.hasMasked = false, false
	m.sums = m.sums[:0]
	whole := newLeveller(m.scale, m.rng)
	for r := 0; r < d.Rows; r++ {
		lv := whole
		if rows != nil {
			lv = newLeveller(Auto, rows[r])
		}
		m.sums = append(m.sums, m.classifyRow(r, vals, lv))
	}
	m.measureLabels()
	m.rebuildPalette()
	m.clampCursor()
	m.relayout()
}

func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// Data returns the data shown.
func (m Model) Data() Data { return m.data }

// SetTheme switches theme (e.g. after tea.BackgroundColorMsg or a colormap
// cycle) and rebuilds Styles.
func (m *Model) SetTheme(th themes.Theme) {
	m.theme = th
	m.rebuildStyles()
	m.rebuildPalette()
	m.relayout()
}

// Theme returns the theme in use.
func (m Model) Theme() themes.Theme { return m.theme }

// SetStyles replaces the text styles (call it rather than assigning
// Styles, so that pre-rendered labels follow).
func (m *Model) SetStyles(s Styles) {
	m.Styles = s
	m.relayout()
}

// SetNoColor turns colour off (glyph fallback) or back on.
func (m *Model) SetNoColor(off bool) {
	m.noColor = off
	m.rebuildStyles()
	m.rebuildPalette()
	m.relayout()
}

// SetProfile sets the terminal's colour profile; see WithProfile.
func (m *Model) SetProfile(p colorprofile.Profile) {
	m.profile = p
	m.rebuildStyles()
	m.rebuildPalette()
	m.relayout()
}

// SetRowSums shows or hides the Σ column.
func (m *Model) SetRowSums(on bool) { m.rowSums = on; m.relayout() }

// SetCompact switches small-multiples mode on or off.
func (m *Model) SetCompact(on bool) { m.compact = on; m.relayout() }

// SetLegend shows or hides the legend line.
func (m *Model) SetLegend(on bool) { m.showLegend = on; m.relayout() }

// SetCursorVisible shows or hides the cursor (it still moves).
// The layout does not depend on it.
func (m *Model) SetCursorVisible(on bool) { m.cursorVisible = on }

// SetSize sets the size the view may use; View never exceeds it.
func (m *Model) SetSize(w, h int) {
	w, h = max(w, 0), max(h, 0)
	if w == m.width && h == m.height && m.pal != nil {
		return // laid out for this size already
	}
	m.width, m.height = w, h
	m.relayout()
}

// Width returns the width set by SetSize.
func (m Model) Width() int { return m.width }

// Height returns the height set by SetSize.
func (m Model) Height() int { return m.height }

// Focus makes Update handle keys.
func (m *Model) Focus() { m.focused = true }

// Blur makes Update ignore keys.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether Update handles keys.
func (m Model) Focused() bool { return m.focused }

// Cursor returns the cursor's row and column.
func (m Model) Cursor() (row, col int) { return m.cr, m.cc }

// SetCursor moves the cursor, clamped to the matrix, and scrolls it into view.
func (m *Model) SetCursor(row, col int) {
	m.cr, m.cc = row, col
	m.clampCursor()
	m.scrollToCursor()
}

// Value returns the value under the cursor and whether there is one.
func (m Model) Value() (float32, bool) {
	i := m.cr*m.data.Cols + m.cc
	if m.data.Rows == 0 || m.data.Cols == 0 || i >= len(m.data.Values) {
		return 0, false
	}
	return m.data.Values[i], true
}

// Range returns the span of values the colormap covers.
func (m Model) Range() Range { return m.rng }

// Offset returns the first visible row and column (non-zero when panned).
func (m Model) Offset() (row, col int) { return m.rowOff, m.colOff }

func (m *Model) clampCursor() {
	m.cr = min(max(m.cr, 0), max(m.data.Rows-1, 0))
	m.cc = min(max(m.cc, 0), max(m.data.Cols-1, 0))
}

func (m *Model) rebuildStyles() {
	if m.colorOff() {
		m.Styles = PlainStyles()
		return
	}
	m.Styles = DefaultStyles(m.theme)
}

func (m *Model) colorOff() bool {
	return m.noColor || m.profile == colorprofile.ASCII || m.profile == colorprofile.NoTTY
}

func (m *Model) rebuildPalette() {
	cm := m.theme.Map
	if m.scale == Diverging {
		cm = m.theme.Diverging
	}
	m.pal = newPalette(m.theme, cm, m.profile, m.colorOff())
}

// Update moves the cursor on the KeyMap's keys when focused, returning a
// command that sends CursorMovedMsg if it moved. Mouse clicks are the
// root's: translate them to view-local coordinates and call CellAt.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	r, c := m.cr, m.cc
	switch {
	case key.Matches(kp, m.KeyMap.Scale):
		m.SetScaleMode(m.nextScaleMode())
		mode := m.scaleMode
		return m, func() tea.Msg { return ScaleChangedMsg{Mode: mode} }
	case key.Matches(kp, m.KeyMap.Up):
		r--
	case key.Matches(kp, m.KeyMap.Down):
		r++
	case key.Matches(kp, m.KeyMap.Left):
		c--
	case key.Matches(kp, m.KeyMap.Right):
		c++
	case key.Matches(kp, m.KeyMap.RowStart):
		c = 0
	case key.Matches(kp, m.KeyMap.RowEnd):
		c = m.data.Cols - 1
	case key.Matches(kp, m.KeyMap.Top):
		r = 0
	case key.Matches(kp, m.KeyMap.Bottom):
		r = m.data.Rows - 1
	default:
		return m, nil
	}
	or, oc := m.cr, m.cc
	m.SetCursor(r, c)
	if m.cr == or && m.cc == oc {
		return m, nil
	}
	row, col := m.cr, m.cc
	return m, func() tea.Msg { return CursorMovedMsg{Row: row, Col: col} }
}
