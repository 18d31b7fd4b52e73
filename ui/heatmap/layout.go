package heatmap

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// headerMode is how column labels are drawn.
type headerMode uint8

const (
	headerNone       headerMode = iota
	headerHorizontal            // one line, labels truncated to the cell
	headerVertical              // labels written downwards, one character per line
	headerNumbered              // column numbers every few columns
)

// Limits of the layout.
const (
	maxLabelWidth  = 12 // row labels never take more than this
	maxCellHeight  = 7  // lines per cell when there is room
	maxFillHeight  = 7  // lines per cell when filling the area
	maxFillWidth   = 40 // columns per cell when filling the area
	maxVertical    = 6  // lines of a vertical column header
	minCellsToFlip = 3  // a vertical header must leave this many rows
)

// layout is where everything goes for the current size and data; it is
// computed by relayout, never by View.
type layout struct {
	titleLines  int
	header      headerMode
	headerLines int
	legendLines int
	labelW      int // row label width; the gutter is labelW+1 (cursor marker)
	gutter      int
	cw, ch      int // cell width and height
	sumW        int
	sumFmt      numFormat
	panX, panY  bool // the matrix does not fit across / down
	tight       bool // cells have a left margin only (squeezed)
	visCols     int
	visRows     int
	format      numFormat
	textW       int      // width of the widest number: numbers are right-aligned to it, then centred
	rowLabels   []string // truncated and padded to labelW
	// Pre-rendered pieces, so that View styles only what the cursor touches.
	rowLabelsR  []string // rowLabels rendered with Styles.RowLabel
	blankLabelR string   // labelW spaces, rendered
	sumsR       []string // row sums rendered with Styles.Sum
	blankSumR   string
	markerR     map[string]string // "▸", "▴", "▾", "◂" rendered with Styles.Indicator
	titleR      string
	colLabels   []string // truncated to cw-1 (horizontal) or maxVertical (vertical)
	// The styles View renders the header and the cursor's label with.
	colSt, cursorSt, sumSt styler
}

// labelOr returns labels[i], or i numbered from the model's index base.
func (m *Model) labelOr(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return strconv.Itoa(i + m.indexBase)
}

// IndexLabels returns n labels prefix+number counted from base: x1 x2 x3
// for the maths' 1-based components, or L0 L1 for a model's 0-based layers.
func IndexLabels(prefix string, n, base int) []string {
	out := make([]string, max(n, 0))
	for i := range out {
		out[i] = prefix + strconv.Itoa(i+base)
	}
	return out
}

// relayout recomputes the layout for the current size, data and options.
func (m *Model) relayout() {
	if m.compact {
		m.relayoutCompact()
		return
	}
	d := m.data
	W, H := m.width, m.height
	l := layout{colSt: newStyler(m.Styles.ColLabel), cursorSt: newStyler(m.Styles.CursorLabel), sumSt: newStyler(m.Styles.Sum)}
	defer func() { l.titleR = m.renderTitle(); m.lay = l; m.scrollToCursor() }()
	if W <= 0 || H <= 0 || d.Rows == 0 || d.Cols == 0 {
		l.titleLines = min(H, 1)
		return
	}

	// Row labels: as wide as the widest, within limits.
	if W >= 8 {
		l.labelW = min(m.rowLabelW, maxLabelWidth, max(W/4, 1))
		l.gutter = l.labelW + 1
	}

	// Row sums.
	if m.rowSums {
		sst := statsOf32(m.sums)
		l.sumFmt = numFormat{ok: true, decimals: 2}
		l.sumW = max(widest(sst, l.sumFmt), 1) + 1
		if W-l.gutter-l.sumW < 2 {
			l.sumW = 0
		}
	}

	// Cell width: full precision if every column fits, else squeeze, else pan.
	availW := W - l.gutter - l.sumW
	ideal := idealWidth(m.st) + 2
	switch {
	case d.Cols*ideal <= availW:
		l.cw = ideal
	case availW/d.Cols >= 2:
		l.cw = availW / d.Cols
	default:
		l.panX = true
		availW--
		l.cw = min(2, max(availW, 1))
	}
	l.visCols = min(d.Cols, max(availW/l.cw, 0))

	m.chooseHeader(&l)

	// Title and legend, if there is room for them and at least one row.
	rest := H - l.headerLines
	if d.Title != "" && rest >= 3 {
		l.titleLines = 1
		rest--
	}
	if m.showLegend && rest >= 3 {
		l.legendLines = 1
		rest--
	}

	m.sizeCells(&l, rest, availW, ideal)

	// Squeezed (but not panned) cells drop their right margin when that
	// buys a digit.
	n := l.cw - 2
	if !l.panX && l.cw < ideal && l.cw >= 3 && chooseFormat(m.st, l.cw-1) != chooseFormat(m.st, n) {
		l.tight, n = true, l.cw-1
	}
	l.format = chooseFormat(m.st, n)
	l.textW = widest(m.st, l.format)
	m.prerender(&l)
}

// chooseHeader picks how column labels are drawn: across when cells are
// wide enough, else downwards if that leaves rows, else numbered.
func (m *Model) chooseHeader(l *layout) {
	d, H, maxColW := m.data, m.height, m.colLabelW
	switch {
	case l.cw >= 4:
		l.header, l.headerLines = headerHorizontal, 1
	default:
		hv := min(maxColW, maxVertical)
		if H-hv-1 >= min(d.Rows, minCellsToFlip)+1 {
			l.header, l.headerLines = headerVertical, hv
		} else {
			l.header, l.headerLines = headerNumbered, 1
		}
	}
	if H < 2 {
		l.header, l.headerLines = headerNone, 0
	}
}

// prerender fits the labels to the layout and renders the pieces View
// only concatenates: labels, sums, markers.
func (m *Model) prerender(l *layout) {
	d := m.data
	l.rowLabels = make([]string, d.Rows)
	for r := range l.rowLabels {
		l.rowLabels[r] = fit(m.labelOr(d.RowLabels, r), l.labelW)
	}
	label, sum := newStyler(m.Styles.RowLabel), newStyler(m.Styles.Sum)
	l.rowLabelsR = make([]string, d.Rows)
	for r, s := range l.rowLabels {
		l.rowLabelsR[r] = label.render(s)
	}
	l.blankLabelR = label.render(spaces(l.labelW))
	if l.sumW > 0 {
		l.sumsR = make([]string, d.Rows)
		for r, v := range m.sums {
			s := string(l.sumFmt.appendValue(nil, float32(v)))
			l.sumsR[r] = sum.render(spaces(l.sumW-len(s)) + s)
		}
		l.blankSumR = sum.render(spaces(l.sumW))
	}
	l.markerR = map[string]string{}
	for _, g := range []string{"▸", "▴", "▾", "◂"} {
		l.markerR[g] = m.Styles.Indicator.Render(g)
	}
	l.colLabels = make([]string, d.Cols)
	for c := range l.colLabels {
		s := m.labelOr(d.ColLabels, c)
		switch l.header {
		case headerHorizontal:
			if l.tight {
				// Over the number, which sits right of the one margin.
				s = " " + center(ansi.Truncate(s, l.cw-1, "…"), l.cw-1)
			} else {
				s = center(ansi.Truncate(s, l.cw-1, "…"), l.cw)
			}
		case headerVertical:
			// A token's leading space would waste the top line.
			s = ansi.Truncate(strings.TrimLeft(s, " "), l.headerLines, "…")
		}
		l.colLabels[c] = s
	}
}

// sizeCells sets the cell height (taller cells when rest lines leave room,
// panning down when not) and widens the cells to match, within availW:
// up to ideal plus two columns a line, or up to maxFillWidth when filling.
func (m *Model) sizeCells(l *layout, rest, availW, ideal int) {
	d := m.data
	l.ch = 1
	maxCH := maxCellHeight
	if m.fillArea {
		maxCH = maxFillHeight
	}
	if m.colorOff() {
		maxCH = 1 // tall glyph cells are noise, not signal
	}
	if rest >= d.Rows {
		l.ch = min(max(rest/d.Rows, 1), maxCH)
		l.visRows = d.Rows
	} else {
		l.panY = true
		l.visRows = max(rest, 0)
	}
	if l.ch > 1 && !l.panX {
		l.cw = max(l.cw, min(availW/d.Cols, ideal+2*(l.ch-1)))
	}
	if m.fillArea && !l.panX {
		l.cw = max(l.cw, min(availW/d.Cols, maxFillWidth))
	}
}

// srcRow and srcCol map a displayed cell to its source cell: the identity,
// shifted by the scroll offset, except in compact mode where larger
// matrices are subsampled.
func (m *Model) srcRow(i int) int {
	if m.compact && m.lay.visRows > 0 {
		return i * m.data.Rows / m.lay.visRows
	}
	return m.rowOff + i
}

func (m *Model) srcCol(j int) int {
	if m.compact && m.lay.visCols > 0 {
		return j * m.data.Cols / m.lay.visCols
	}
	return m.colOff + j
}

// scrollToCursor pans so that the cursor is visible.
func (m *Model) scrollToCursor() {
	if m.compact {
		return
	}
	l := m.lay
	m.rowOff = scroll(m.rowOff, m.cr, l.visRows, m.data.Rows)
	m.colOff = scroll(m.colOff, m.cc, l.visCols, m.data.Cols)
}

func scroll(off, cur, vis, n int) int {
	if vis <= 0 {
		return min(max(cur, 0), max(n-1, 0))
	}
	if cur < off {
		off = cur
	}
	if cur >= off+vis {
		off = cur - vis + 1
	}
	return min(max(off, 0), max(n-vis, 0))
}

// CellAt maps view-local coordinates (0, 0 is the top-left of View's output)
// to the cell drawn there. ok is false outside the cells.
func (m Model) CellAt(x, y int) (row, col int, ok bool) {
	l := m.lay
	if l.cw <= 0 || l.ch <= 0 {
		return 0, 0, false
	}
	x -= l.gutter
	y -= l.titleLines + l.headerLines
	if x < 0 || y < 0 {
		return 0, 0, false
	}
	i, j := y/l.ch, x/l.cw
	if i >= l.visRows || j >= l.visCols {
		return 0, 0, false
	}
	row, col = m.srcRow(i), m.srcCol(j)
	if row >= m.data.Rows || col >= m.data.Cols {
		return 0, 0, false
	}
	return row, col, true
}

// fit truncates s to width w (with "…") and pads it with spaces to w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if len(s) > w { // no wider than its bytes: a shorter s fits as it is
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += spaces(pad)
	}
	return s
}

// center pads s with spaces on both sides to width w.
func center(s string, w int) string {
	pad := w - ansi.StringWidth(s)
	if pad <= 0 {
		return s
	}
	return spaces(pad/2) + s + spaces(pad-pad/2)
}

const spaceRun = "                                                                "

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(spaceRun) {
		return spaceRun[:n]
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}

// statsOf32 summarises float64 values (row sums) for formatting.
func statsOf32(v []float64) stats {
	f := make([]float32, len(v))
	for i, x := range v {
		f[i] = float32(x)
	}
	return statsOf(f)
}

// renderTitle renders the title line, truncated to the width.
func (m *Model) renderTitle() string {
	t := m.data.Title
	if m.data.Rows == 0 || m.data.Cols == 0 {
		t = strings.TrimSpace(t + " (empty)")
	}
	return m.Styles.Title.Render(ansi.Truncate(t, m.width, "…"))
}
