package heatmap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

// Limits of a labelled tile (compact mode with labels).
const (
	tileMaxLabel = 6 // row labels of a tile
	tileMaxCellW = 12
	tileMaxCellH = 6
)

// relayoutCompact lays out small-multiples mode: an optional title line,
// then one or two characters per value, subsampled if the matrix is larger
// than the view. A labelled tile also gets row labels, a column header
// and cells that grow with the room.
func (m *Model) relayoutCompact() {
	d := m.data
	W, H := m.width, m.height
	l := layout{ch: 1}
	defer func() { l.titleR = m.renderTitle(); m.lay = l; m.rowOff, m.colOff = 0, 0 }()
	if W <= 0 || H <= 0 || d.Rows == 0 || d.Cols == 0 {
		l.titleLines = min(H, 1)
		return
	}
	if d.Title != "" && H >= 2 {
		l.titleLines = 1
	}
	if m.tileLabels && W >= 12 && H-l.titleLines >= 4 {
		m.layoutTile(&l)
	} else {
		l.cw = 1
		if 2*d.Cols <= W {
			l.cw = 2
		}
	}
	l.visCols = min(d.Cols, (W-l.gutter)/l.cw)
	l.visRows = min(d.Rows, (H-l.titleLines-l.headerLines)/l.ch)
	l.panX, l.panY = l.visCols < d.Cols, l.visRows < d.Rows
}

// layoutTile sizes a labelled tile: labels first, then cells as large as
// the rest allows (within limits), never less than one cell per value.
func (m *Model) layoutTile(l *layout) {
	d := m.data
	l.labelW = min(m.rowLabelW, tileMaxLabel, m.width/4)
	l.gutter = l.labelW + 1
	availW, availH := m.width-l.gutter, m.height-l.titleLines-1
	l.cw = min(max(availW/d.Cols, 1), tileMaxCellW)
	l.ch = min(max(availH/d.Rows, 1), tileMaxCellH, max(l.cw*3/4, 1))
	if l.cw >= 2 {
		l.header, l.headerLines = headerHorizontal, 1
	}
	l.rowLabels = make([]string, d.Rows)
	for r := range l.rowLabels {
		l.rowLabels[r] = fit(m.labelOr(d.RowLabels, r), l.labelW)
	}
	l.colLabels = make([]string, d.Cols)
	for c := range l.colLabels {
		s := strings.TrimLeft(m.labelOr(d.ColLabels, c), " ")
		l.colLabels[c] = fit(ansi.Truncate(s, l.cw-1, "…"), l.cw)
	}
	l.markerR = map[string]string{"▸": m.Styles.Indicator.Render("▸")}
}

// writeCompact draws small-multiples mode: one glyph-cell per value, with
// labels around a labelled tile.
func (m *Model) writeCompact(b *strings.Builder, nl func()) {
	l := m.lay
	if l.headerLines > 0 {
		b.WriteString(spaces(l.gutter))
		for j := 0; j < l.visCols; j++ {
			c := m.srcCol(j)
			st := m.Styles.ColLabel
			if m.cursorVisible && m.cc >= c && m.cc < max(m.srcCol(j+1), c+1) {
				st = m.Styles.CursorLabel
			}
			b.WriteString(st.Render(l.colLabels[c]))
		}
		nl()
	}
	buf := make([]byte, 0, 64)
	for i := 0; i < l.visRows; i++ {
		r := m.srcRow(i)
		rNext := m.srcRow(i + 1)
		curRow := m.cursorVisible && m.cr >= r && m.cr < max(rNext, r+1)
		for line := 0; line < l.ch; line++ {
			mid := line == l.ch/2
			if l.gutter > 0 {
				label, marker := spaces(l.labelW), " "
				if mid {
					label = l.rowLabels[r]
				}
				st := m.Styles.RowLabel
				if curRow {
					st = m.Styles.CursorLabel
					if mid {
						marker = m.marker("▸")
					}
				}
				b.WriteString(st.Render(label) + marker)
			}
			last := ""
			for j := 0; j < l.visCols; j++ {
				c := m.srcCol(j)
				cNext := m.srcCol(j + 1)
				idx := r*m.data.Cols + c
				cursor := curRow && m.cc >= c && m.cc < max(cNext, c+1)
				pre, g := m.prefix(idx, false), m.fill(idx)
				if cursor {
					pre, g = m.pal.narrowCursor, cursorGlyph
				}
				buf = setPrefix(buf[:0], pre, &last)
				for k := 0; k < l.cw; k++ {
					switch {
					case !cursor:
						buf = append(buf, g...)
					case k == (l.cw-1)/2 && mid:
						buf = append(buf, g...)
					default:
						buf = append(buf, ' ')
					}
				}
				b.Write(buf)
			}
			if last != "" {
				b.WriteString(m.pal.reset)
			}
			nl()
		}
	}
}

// RenderCompact renders d in compact mode within w×h, without a cursor: a
// shortcut for tiling small multiples (one call per head).
func RenderCompact(d Data, th themes.Theme, w, h int, noColor bool) string {
	m := New(WithData(d), WithTheme(th), WithSize(w, h), WithCompact(true), WithNoColor(noColor), WithLegend(false))
	m.cursorVisible = false
	return m.View()
}

// RenderTile renders d as one tile of a grid of small multiples within
// w×h: compact, but with token labels and the cursor at (row, col) when
// there is room for them, and cells that grow to fill a large tile.
func RenderTile(d Data, th themes.Theme, w, h int, noColor bool, row, col int) string {
	m := NewTile(d, th, w, h, noColor)
	m.SetCursor(row, col)
	return m.View()
}

// NewTile is the model RenderTile draws, for a caller that redraws the
// tile as the cursor moves (SetCursor, View) without analysing d again.
func NewTile(d Data, th themes.Theme, w, h int, noColor bool) Model {
	m := New(WithData(d), WithTheme(th), WithCompact(true), WithNoColor(noColor), WithLegend(false))
	m.tileLabels = true
	m.SetSize(w, h)
	return m
}
