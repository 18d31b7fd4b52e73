package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/narrate"
)

// Layout constants of the body.
const (
	inspectorMinW = 34 // narrower than this the inspector goes below or hides
	inspectorMaxW = 64
	sideBySideW   = 96 // from this width the inspector sits beside the heatmaps
	panelGap      = 2
)

func toHeatScale(s scaleKind) heatmap.Scale {
	switch s {
	case scaleUnit:
		return heatmap.Unit
	case scaleDiverging:
		return heatmap.Diverging
	case scaleMask:
		return heatmap.Mask
	}
	return heatmap.Auto
}

// refresh rebuilds the stage's heatmaps, the inspector and the narration
// from the scene. It runs in Update (stage, head, scene or theme changed),
// never in View.
func (m *Model) refresh() {
	m.hms, m.narr = nil, narrate.Narration{}
	if m.scene == nil {
		return
	}
	r := m.scene.ResultFor(m.stage)
	m.head = min(max(m.head, 0), max(r.Config.Heads-1, 0))
	m.narr = narrate.For(m.stage, r.Config, m.scene.Book)
	m.narrView.SetNarration(m.narr)
	labels := m.labels()
	m.panels = panelsFor(m.stage, r, labels, m.head)
	m.hms = make([]heatmap.Model, 0, len(m.panels))
	m.gridView = ""
	if len(m.panels) > 0 {
		m.hms = append(m.hms, m.newHeatmap(m.panels[0], true))
	}
	m.clamp()
	m.resize()
}

// newHeatmap builds the heatmap of one panel; only the main one has the
// cursor.
func (m Model) newHeatmap(p panel, main bool) heatmap.Model {
	d := heatmap.FromMatrix(p.name, p.m, p.rows, p.cols, toHeatScale(p.scale))
	if p.dropped != nil {
		d.Dropped = make([]bool, len(p.dropped.Data))
		for k, v := range p.dropped.Data {
			d.Dropped[k] = v == 0
		}
	}
	if p.masked && p.m != nil && p.m.Rows == p.m.Cols {
		d.Masked = upperTriangle(p.m.Rows)
	}
	w, h := m.panelArea()
	hm := heatmap.New(heatmap.WithData(d), heatmap.WithTheme(m.theme), heatmap.WithNoColor(m.noColor),
		heatmap.WithProfile(m.profile), heatmap.WithRowSums(p.rowSums), heatmap.WithSize(w, h), heatmap.WithScaleMode(m.scaleMode))
	if !main {
		hm.Blur()
		hm.SetCursorVisible(false)
	}
	return hm
}

// buildSecondaries builds the other panels of the stage, but only when the
// main matrix leaves room beside or below it: at T = 256 a 65,536-cell
// matrix that cannot be seen is not worth building on every step.
func (m *Model) buildSecondaries() {
	if len(m.hms) == 0 {
		return
	}
	m.hms = m.hms[:1]
	w, h := m.panelArea()
	mainW, mainH := lipgloss.Size(m.hms[0].View())
	if w-mainW-panelGap < minSecondaryW && h-mainH < minSecondaryH {
		if len(m.panels) < 2 || h/2 < m.hms[0].Data().Rows+4 {
			return
		}
		m.hms[0].SetSize(w, h/2) // cells grown to fill the area leave the others half
	}
	for _, p := range m.panels[1:] {
		m.hms = append(m.hms, m.newHeatmap(p, false))
	}
	// Tall cells are wider and taller; when that pushes the stage's other
	// matrices out of view, one-line cells let them all be seen (Q, K and V
	// beside each other matter more than big cells).
	if shown, _ := m.arrange(w, h, nil); shown < len(m.hms) {
		rows := 0
		for _, p := range m.panels {
			rows = max(rows, p.m.Rows)
		}
		for _, short := range []int{h / 2, h / 3, h / 4, rows + 4} { // rows + 4: title, header, legend, one spare
			if short >= rows+4 && short < h {
				for i := range m.hms {
					m.hms[i].SetSize(w, short)
				}
				if shown, _ := m.arrange(w, h, nil); shown == len(m.hms) {
					break
				}
			}
		}
	}
}

// arrange lays the heatmaps out in rows within w×h: the main one first,
// then the others (from the one [ and ] chose) left to right, a new row
// below when one is full, while there is height left (one line is kept for
// the hint). It returns how many are shown and the rows of views (views, if
// given, are the heatmaps' View()s, so View renders each once).
func (m Model) arrange(w, h int, views []string) (shown int, rows [][]string) {
	if len(m.hms) == 0 {
		return 0, nil
	}
	if views == nil {
		views = make([]string, len(m.hms))
		for i := range m.hms {
			views[i] = m.hms[i].View()
		}
	}
	row := []string{views[0]}
	used, height := lipgloss.Width(views[0]), 0
	rowH := lipgloss.Height(views[0])
	shown = 1
	for k := 0; k < len(m.hms)-1; k++ {
		v := views[1+(m.panel+k)%(len(m.hms)-1)]
		pw, ph := lipgloss.Size(v)
		if used+panelGap+pw <= w {
			row = append(row, strings.Repeat(" ", panelGap), v)
			used += panelGap + pw
			rowH = max(rowH, ph)
			shown++
			continue
		}
		if pw > w || height+rowH+ph > h-1 {
			break
		}
		rows = append(rows, row)
		height += rowH
		row, used, rowH = []string{v}, pw, ph
		shown++
	}
	return shown, append(rows, row)
}

// minSecondaryW and minSecondaryH are the least room beside or below the
// main matrix worth filling.
const (
	minSecondaryW = 16
	minSecondaryH = 6
)

// panelArea is the size the heatmaps get.
func (m Model) panelArea() (w, h int) {
	iw, ih, beside := m.inspectorBox()
	w, h = m.width, m.bodyHeight()-m.narrationLines()
	if beside {
		w -= iw + panelGap
	} else if iw > 0 {
		h -= ih
	}
	if m.present {
		w, h = m.width, m.height-m.presentTop()-1
	}
	return max(w, 0), max(h, 0)
}

// bodyHeight is the height of the body between the top and bottom bars.
func (m Model) bodyHeight() int { return max(m.height-5, 0) }

// bodyTop is the screen row where the main heatmap starts.
func (m Model) bodyTop() int {
	top := 3 // header, badge, tokens
	if m.narrationLines() > 0 {
		top += m.narrationLines()
	}
	return top
}

// narrationLines is how many lines the stage's narration gets.
func (m Model) narrationLines() int {
	switch h := m.bodyHeight(); {
	case h >= 30:
		return 5
	case h >= 16:
		return 3
	case h >= 10:
		return 1
	}
	return 0
}

// inspectorBox returns the inspector's size and whether it sits beside the
// heatmaps (else below them); w == 0 means hidden.
func (m Model) inspectorBox() (w, h int, beside bool) {
	if !m.inspecting || m.stage == pipeline.StageTokens {
		return 0, 0, false
	}
	bh := m.bodyHeight() - m.narrationLines()
	if m.width >= sideBySideW {
		return min(max(m.width*2/5, inspectorMinW), inspectorMaxW), bh, true
	}
	if bh >= 22 {
		return m.width, bh / 2, false
	}
	return 0, 0, false
}

// resize pushes sizes down to the heatmaps and the inspector, and redraws
// what depends on the size (the secondary panels, the heads grid).
func (m *Model) resize() {
	iw, ih, _ := m.inspectorBox()
	w, h := m.panelArea()
	if len(m.hms) > 0 {
		m.hms = m.hms[:1]
		if m.hms[0].Width() != w || m.hms[0].Height() != h {
			m.hms[0].SetSize(w, h)
		}
		m.buildSecondaries()
	}
	m.insp.SetSize(iw, ih)
	m.narrView.SetSize(m.width, m.narrationLines())
	m.syncCursor()
}

// syncCursor pushes the cursor to the heatmaps and the inspector.
func (m *Model) syncCursor() {
	for i := range m.hms {
		m.hms[i].SetCursor(m.row, m.col)
	}
	m.gridView = "" // the grid's tiles show the cursor: redrawn with it
	if m.grid && m.stage == pipeline.StageHeads && m.scene != nil {
		m.gridView = m.renderHeadGrid(m.panelArea())
	}
	if m.scene != nil {
		m.insp.SetCell(m.stage, m.scene.ResultFor(m.stage), m.head, m.row, m.col, m.labels())
	}
}

func (m Model) renderNarration(w int) string {
	if m.narr.Title == "" {
		return ""
	}
	v := m.narrView
	v.SetSize(w, m.narrationLines())
	return v.View()
}

// renderPanels lays the heatmaps side by side: the main one first, then as
// many of the others (starting from the one [ and ] chose) as fit.
func (m Model) renderPanels(w, h int) string {
	shown, rows := m.arrange(w, h, nil)
	if shown == 0 {
		return ""
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = lipgloss.JoinHorizontal(lipgloss.Top, r...)
	}
	out := strings.Join(lines, "\n")
	if hidden := len(m.panels) - shown; hidden > 0 {
		what := "more matrices"
		if hidden == 1 {
			what = "more matrix"
		}
		hint := fmt.Sprintf("%d %s: [ ] to cycle", hidden, what)
		if len(m.hms) == 1 {
			hint = fmt.Sprintf("%d %s (no room beside this one; widen the terminal)", hidden, what)
		}
		out += "\n" + lipgloss.NewStyle().Foreground(m.theme.Muted).Render(hint)
	}
	return out
}

// renderHeadGrid tiles every head's weights as small multiples.
func (m Model) renderHeadGrid(w, h int) string {
	r := m.scene.ResultFor(m.stage)
	heads := r.MHA.Dropped
	if len(heads) == 0 {
		return "no heads computed"
	}
	n := len(heads)
	perRow := max(1, min(n, w/14))
	rowsOfTiles := (n + perRow - 1) / perRow
	tw, th := max(w/perRow-1, 4), max(h/rowsOfTiles-1, 3)
	labels := m.labels()
	var grid []string
	for start := 0; start < n; start += perRow {
		var tiles []string
		for hd := start; hd < min(start+perRow, n); hd++ {
			d := heatmap.FromMatrix(fmt.Sprintf("head %d", hd+1), heads[hd], labels, labels, heatmap.Unit)
			d.Masked = upperTriangle(heads[hd].Rows)
			tile := heatmap.RenderTile(d, m.theme, tw, th, m.noColor, m.row, m.col)
			if hd == m.head {
				tile = lipgloss.NewStyle().Foreground(m.theme.Accent).Render("▶ ") + tile
			}
			tiles = append(tiles, tile, " ")
		}
		grid = append(grid, lipgloss.JoinHorizontal(lipgloss.Top, tiles...))
	}
	return strings.Join(grid, "\n")
}

// upperTriangle flags the causally masked cells of an n×n matrix.
func upperTriangle(n int) []bool {
	out := make([]bool, n*n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			out[i*n+j] = true
		}
	}
	return out
}

func (m Model) renderMain(w, h int) string {
	if m.stage == pipeline.StageTokens {
		return m.renderTokenTable(w, h)
	}
	nar := m.renderNarration(w)
	iw, _, beside := m.inspectorBox()
	areaW := w
	if beside {
		areaW -= iw + panelGap
	}
	var area string
	if m.grid && m.stage == pipeline.StageHeads {
		area = m.gridView
	} else {
		area = m.renderPanels(areaW, h-m.narrationLines())
	}
	switch {
	case iw > 0 && beside:
		area = lipgloss.JoinHorizontal(lipgloss.Top, fit(area, areaW, h-m.narrationLines()), strings.Repeat(" ", panelGap), m.insp.View())
	case iw > 0:
		area = fit(area, w, h-m.narrationLines()-m.insp.Height()) + "\n" + m.insp.View()
	}
	if nar == "" {
		return area
	}
	return nar + "\n" + area
}
