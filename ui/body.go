package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/narrate"
)

// stageView is the selected stage, ready to draw: its definition, its
// panels and their heatmaps, the all-heads grid and the narration. Its
// slices are never changed in place once set (a copy of the model may
// still be drawing them): changes build new ones.
type stageView struct {
	def      pipeline.StageDef
	panels   []panel           // the stage's matrices, main first
	hms      []heatmap.Model   // heatmaps of the main panel and, when they fit, the others
	gridView string            // the all-heads grid, drawn in Update when shown
	narr     narrate.Narration // what the stage is
}

// stages is the list of stages being shown: the scene's, or the chapter's
// until the first scene lands.
func (m Model) stages() []pipeline.StageDef {
	if m.scene != nil {
		return m.scene.Stages
	}
	return pipeline.Chapter3Stages()
}

// showGrid reports whether the all-heads grid replaces the panels.
func (m Model) showGrid() bool { return m.grid && m.view.def.Grid != "" && m.scene != nil }

// refresh rebuilds the stage view (heatmaps, narration) and the inspector
// from the scene. It runs in Update (stage, head, scene or theme changed),
// never in View.
func (m *Model) refresh() {
	m.view = stageView{}
	if st := m.stages(); m.sel.stage >= 0 && int(m.sel.stage) < len(st) {
		m.view.def = st[m.sel.stage]
	}
	m.keys.Grid.SetEnabled(m.view.def.Grid != "")
	if m.scene == nil {
		return
	}
	v := m.scene.View(m.sel.stage)
	m.sel.head = min(max(m.sel.head, 0), max(v.Heads-1, 0))
	m.view.narr = narrate.For(m.view.def, m.scene.ResultFor(m.sel.stage).Config, m.scene.Book)
	m.view.panels = panelsFor(m.view.def, v, m.labels(), m.sel.head)
	if len(m.view.panels) > 0 {
		m.view.hms = []heatmap.Model{m.newHeatmap(m.view.panels[0], true, m.layout())}
	}
	m.clamp()
	m.resize()
}

// newHeatmap builds the heatmap of one panel; only the main one has the
// cursor, and on a stage with a grid its g is the grid's, not "first row".
func (m Model) newHeatmap(p panel, main bool, lay layout) heatmap.Model {
	d := heatmap.FromMatrix(p.name, p.m, p.rows, p.cols, p.scale)
	if p.dropped != nil {
		d.Dropped = make([]bool, len(p.dropped.Data))
		for k, v := range p.dropped.Data {
			d.Dropped[k] = v == 0
		}
	}
	if p.masked && p.m.Rows == p.m.Cols {
		d.Masked = upperTriangle(p.m.Rows)
	}
	hm := heatmap.New(heatmap.WithData(d), heatmap.WithTheme(m.look.theme), heatmap.WithNoColor(m.look.noColor),
		heatmap.WithProfile(m.look.profile), heatmap.WithRowSums(p.rowSums), heatmap.WithSize(lay.panelW, lay.panelH),
		heatmap.WithFill(m.pres.on))
	hm.KeyMap.Top.SetEnabled(m.view.def.Grid == "")
	if !main {
		hm.Blur()
	}
	if !main || m.clean || (m.pres.on && !m.inspecting) {
		hm.SetCursorVisible(false)
	}
	return hm
}

// resize pushes sizes down to the heatmaps and the inspector, and redraws
// what depends on the size (the secondary panels, the heads grid).
func (m *Model) resize() {
	lay := m.layout()
	if len(m.view.hms) > 0 {
		main := m.view.hms[0]
		if main.Width() != lay.panelW || main.Height() != lay.panelH {
			main.SetSize(lay.panelW, lay.panelH)
		}
		m.view.hms = []heatmap.Model{main}
		if !m.pres.on { // presenter mode shows the main matrix alone, filling the screen
			m.view.hms = m.withSecondaries(main, lay)
		}
	}
	m.insp.SetSize(lay.inspW, lay.inspH)
	m.view.gridView = ""
	if m.showGrid() {
		m.view.gridView = m.renderHeadGrid(lay.panelW, lay.panelH)
	}
	m.syncCursor()
}

// withSecondaries returns the main heatmap and, when the main matrix
// leaves room beside or below it, the stage's other panels: at T = 256 a
// 65,536-cell matrix that cannot be seen is not worth building on every
// step.
func (m Model) withSecondaries(main heatmap.Model, lay layout) []heatmap.Model {
	hms := []heatmap.Model{main}
	mainW, mainH := lipgloss.Size(main.View())
	if lay.panelW-mainW-panelGap < minSecondaryW && lay.panelH-mainH < minSecondaryH {
		return hms
	}
	for _, p := range m.view.panels[1:] {
		hms = append(hms, m.newHeatmap(p, false, lay))
	}
	// Tall cells are wider and taller; when that pushes the stage's other
	// matrices out of view, one-line cells let them all be seen (Q, K and V
	// beside each other matter more than big cells).
	if shown, _ := arrange(hms, m.sel.panel, lay.panelW, lay.panelH, nil); shown < len(hms) {
		rows := 0
		for _, p := range m.view.panels {
			rows = max(rows, p.m.Rows)
		}
		if short := rows + 4; short < lay.panelH { // title, header, legend, one spare
			for i := range hms {
				hms[i].SetSize(lay.panelW, short)
			}
		}
	}
	return hms
}

// arrange lays the heatmaps out in rows within w×h: the main one first,
// then the others (from the one [ and ] chose, first) left to right, a new
// row below when one is full, while there is height left (one line is kept
// for the hint). It returns how many are shown and the rows of views
// (views, if given, are the heatmaps' View()s, so View renders each once).
func arrange(hms []heatmap.Model, first, w, h int, views []string) (shown int, rows [][]string) {
	if len(hms) == 0 {
		return 0, nil
	}
	if views == nil {
		views = make([]string, len(hms))
		for i := range hms {
			views[i] = hms[i].View()
		}
	}
	row := []string{views[0]}
	used, height := lipgloss.Width(views[0]), 0
	rowH := lipgloss.Height(views[0])
	shown = 1
	for k := 0; k < len(hms)-1; k++ {
		v := views[1+(first+k)%(len(hms)-1)]
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

// syncCursor pushes the cursor to the heatmaps and the inspector.
func (m *Model) syncCursor() {
	hms := make([]heatmap.Model, len(m.view.hms))
	for i, hm := range m.view.hms {
		hm.SetCursor(m.sel.row, m.sel.col)
		hms[i] = hm
	}
	m.view.hms = hms
	if m.scene != nil {
		m.insp.SetCell(m.view.def, m.scene.ResultFor(m.sel.stage), m.sel.head, m.sel.row, m.sel.col, m.labels())
	}
}

// narrationLines is the narration drawn in at most n lines of w cells:
// the notice alone in one line, else the formula and as much of the text
// as fits (fewer than n lines when the text is short).
func (m Model) narrationLines(w, n int) []string {
	if n == 0 || m.view.narr.Title == "" {
		return nil
	}
	if m.clean && !m.narrationFits(w, n) {
		return []string{m.formulaOnly(w)}
	}
	th := m.look.theme
	if n == 1 && m.view.narr.Notice != "" {
		return []string{lipgloss.NewStyle().Foreground(th.Text).Render(ansi.Truncate(m.view.narr.Notice, w, "…"))}
	}
	formula := lipgloss.NewStyle().Bold(true).Foreground(th.Accent).Render(m.view.narr.Formula)
	text := lipgloss.NewStyle().Foreground(th.Text).Width(w).Render(m.view.narr.Text)
	lines := append([]string{formula}, strings.Split(text, "\n")...)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1], w-1, "") + "…"
	}
	return lines
}

// renderPanels lays the heatmaps side by side: the main one first, then as
// many of the others (starting from the one [ and ] chose) as fit.
func (m Model) renderPanels(w, h int) string {
	shown, rows := arrange(m.view.hms, m.sel.panel, w, h, nil)
	if shown == 0 {
		return ""
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = lipgloss.JoinHorizontal(lipgloss.Top, r...)
	}
	out := strings.Join(lines, "\n")
	if hidden := len(m.view.panels) - shown; hidden > 0 && !m.clean {
		what := "more matrices"
		if hidden == 1 {
			what = "more matrix"
		}
		hint := fmt.Sprintf("%d %s: [ ] to cycle", hidden, what)
		if len(m.view.hms) == 1 {
			hint = fmt.Sprintf("%d %s (no room beside this one; widen the terminal)", hidden, what)
		}
		out += "\n" + lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render(hint)
	}
	return out
}

// renderHeadGrid tiles every head's matrix (the stage's Grid) as small
// multiples.
func (m Model) renderHeadGrid(w, h int) string {
	v := m.scene.View(m.sel.stage)
	heads := make([]*compute.Matrix, v.Heads)
	for hd := range heads {
		if heads[hd] = v.Tensors.Matrix(m.view.def.Grid, hd); heads[hd] == nil {
			return "no heads computed"
		}
	}
	n := len(heads)
	if n == 0 {
		return "no heads computed"
	}
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
			tile := heatmap.RenderCompact(d, m.look.theme, tw, th, m.look.noColor)
			if hd == m.sel.head {
				tile = lipgloss.NewStyle().Foreground(m.look.theme.Accent).Render("▶ ") + tile
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

// renderMain draws the body of a stage in w×h: the narration, then the
// heatmaps (or the grid, or the token table) with the inspector beside or
// below them.
func (m Model) renderMain(w, h int) string {
	if m.view.def.Kind == pipeline.KindTokens {
		return m.renderTokenTable(w, h)
	}
	lay := m.layout()
	nar := strings.Join(m.narrationLines(w, lay.narration), "\n")
	areaW, areaH := w, h-lay.narration
	if lay.beside {
		areaW -= lay.inspW + panelGap
	}
	var area string
	if m.showGrid() {
		area = m.view.gridView
	} else {
		area = m.renderPanels(areaW, areaH)
	}
	switch {
	case lay.inspW > 0 && lay.beside:
		area = lipgloss.JoinHorizontal(lipgloss.Top, fit(area, areaW, areaH), strings.Repeat(" ", panelGap), m.insp.View())
	case lay.inspW > 0:
		area = fit(area, w, areaH-m.insp.Height()) + "\n" + m.insp.View()
	}
	if nar == "" {
		return area
	}
	return nar + "\n" + area
}
