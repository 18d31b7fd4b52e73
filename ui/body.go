package ui

import (
	"strings"
	"sync/atomic"

	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/internal/cells"
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
	grid     headGrid          // its tiles, built once for the stage and the size
	narr     narrate.Narration // what the stage is
	// narrShown is how many lines the narration takes at the screen's
	// width (fewer than the lines kept for it when the text is short).
	narrShown int
	narrView  narrate.Model // draws narr; its More key pages through what does not fit
}

// stages is the list of stages being shown: the scene's, or the source's
// until the first scene lands.
func (m Model) stages() []pipeline.StageDef {
	switch {
	case m.scene != nil:
		return m.scene.Stages
	case m.build.source != nil:
		return m.build.source.Stages()
	}
	return nil
}

// stageData is what the selected stage is drawn from, at the selected layer.
func (m Model) stageData() pipeline.View {
	v := m.scene.View(m.sel.stage)
	v.Layer = m.sel.layer
	return v
}

// showGrid reports whether the all-heads grid replaces the panels.
func (m Model) showGrid() bool { return m.grid && m.view.def.Grid != "" && m.scene != nil }

// refresh rebuilds the stage view (heatmaps, narration) and the inspector
// from the scene. It runs in Update (stage, head, scene or theme changed),
// never in View.
func (m *Model) refresh() {
	m.view = stageView{narrView: m.view.narrView, grid: m.view.grid} // keeps the page being read, and the grid while it is current
	if st := m.stages(); m.sel.stage >= 0 && int(m.sel.stage) < len(st) {
		m.view.def = st[m.sel.stage]
	}
	m.keys.Grid.SetEnabled(m.view.def.Grid != "")
	if m.scene == nil {
		return
	}
	v := m.stageData()
	m.sel.head = min(max(m.sel.head, 0), max(v.Heads-1, 0))
	m.view.narr = narrate.For(m.view.def, v.Config, m.scene.Book)
	m.view.narrView.SetNarration(m.view.narr)
	m.view.panels = panelsFor(m.view.def, v, m.labels(), m.sel.head)
	if len(m.view.panels) > 0 {
		m.sel.panel = m.mainPanel()
		lay := m.layout()
		lay.panelW, lay.panelH = m.mainSize(lay)
		main := m.newHeatmap(m.view.panels[m.sel.panel], m.sameShape(m.sel.panel), lay)
		m.view.hms = []heatmap.Model{main}
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
		heatmap.WithScaleMode(m.look.scale), heatmap.WithFill(m.pres.on))
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
	m.view.narrShown = len(m.narrationLines(m.width, lay.narration))
	if len(m.view.hms) > 0 {
		main := m.view.hms[0]
		main.SetSize(m.mainSize(lay))
		m.view.hms = []heatmap.Model{main}
		if !m.pres.on { // presenter mode shows the main matrix alone, filling the screen
			m.view.hms = m.withSecondaries(main, lay)
		}
	}
	m.insp.SetSize(lay.inspW, lay.inspH)
	m.view.narrView.SetSize(m.width, lay.narration)
	m.syncCursor()
	m.drawChrome()
}

// mainSize is the size of the main heatmap in lay: the panels' area less
// the hint line under it (presenter mode has none).
func (m Model) mainSize(lay layout) (w, h int) {
	if m.pres.on {
		return lay.panelW, lay.panelH
	}
	return lay.panelW, max(lay.panelH-1, 0)
}

// withSecondaries returns the main heatmap and, when the main matrix
// leaves room beside or below it, the stage's other panels: at T = 256 a
// 65,536-cell matrix that cannot be seen is not worth building on every
// step.
func (m Model) withSecondaries(main heatmap.Model, lay layout) []heatmap.Model {
	hms := []heatmap.Model{main}
	if len(m.view.panels) < 2 {
		return hms
	}
	full := lay.panelH
	lay.panelH = max(lay.panelH-1, 0) // one line kept for the hint
	rows := 0
	for _, p := range m.view.panels {
		rows = max(rows, p.m.Rows)
	}
	mainView := main.View()
	mainW, mainH := cells.MaxWidth(mainView), lipgloss.Height(mainView)
	roomy := lay.panelW-mainW-panelGap >= minSecondaryW || lay.panelH-mainH >= minSecondaryH
	if !roomy && lay.panelH < 2*(rows+4) { // not even two matrices of one-line cells
		return hms
	}
	for _, i := range m.order()[1:] {
		hm := m.newHeatmap(m.view.panels[i], false, lay)
		hm.SetCursorVisible(i == 0 && !m.clean) // the cursor's own matrix, out of the main place
		hms = append(hms, hm)
	}
	// Tall cells are wider and taller; when that pushes the stage's other
	// matrices out of view, all of them get the tallest cells that let them
	// all be seen (Q, K and V together matter more than big cells), down to
	// one-line cells. rows + 4: title, header, legend, one spare.
	if shown, _ := arrange(hms, lay.panelW, full, nil); shown < len(hms) {
		fitAll(hms, lay.panelW, full, rows)
	}
	return hms
}

// arrange lays the heatmaps out in rows within w×h: the main one first,
// then the others left to right, a new row below when one is full, while
// there is height left (one line is kept for the hint). It returns how
// many are shown and the rows of views (views, if given, are the heatmaps'
// View()s, so View renders each once).
func arrange(hms []heatmap.Model, w, h int, views []string) (shown int, rows [][]string) {
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
	used, height := cells.MaxWidth(views[0]), 0
	rowH := lipgloss.Height(views[0])
	shown = 1
	for k := 0; k < len(hms)-1; k++ {
		v := views[1+k]
		pw, ph := cells.MaxWidth(v), lipgloss.Height(v)
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
	m.view.gridView = "" // the grid's tiles show the cursor: redrawn with it
	if m.showGrid() {
		lay := m.layout()
		if !m.view.grid.current(m, lay.panelW, lay.panelH) {
			m.view.grid = m.buildHeadGrid(lay.panelW, lay.panelH)
		}
		m.view.gridView = m.renderHeadGrid()
	}
	if m.scene != nil {
		m.insp.SetCell(m.view.def, m.scene.ResultFor(m.sel.stage), m.sel.head, m.sel.row, m.sel.col, m.labels())
	}
}

// narrationLines is the narration drawn in at most n lines of w cells:
// the notice alone in one line, else the formula and the text, paged by
// the narration's More key when cut (fewer than n lines when it is short).
func (m Model) narrationLines(w, n int) []string {
	if n == 0 || m.view.narr.Title == "" {
		return nil
	}
	if m.clean && !m.narrationFits(w, n) {
		return []string{m.formulaOnly(w)}
	}
	v := m.view.narrView
	v.SetSize(w, n)
	if !v.Cut() {
		v.SetSize(w, min(n, v.Lines()))
	}
	if v.Height() == 0 {
		return nil
	}
	return strings.Split(v.View(), "\n")
}

// renderPanels lays the heatmaps side by side: the one in the main place
// first, then as many of the others as fit, and under them the hint that
// names the keys for what is out of view.
func (m Model) renderPanels(w, h int, lay layout) string {
	shown, rows := arrange(m.view.hms, w, h, nil)
	if shown == 0 {
		return ""
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = cells.JoinTop(r...)
	}
	out := strings.Join(lines, "\n")
	if hint := m.panelHint(shown, w, lay); hint != "" {
		out += "\n" + hint
	}
	return out
}

// upperTriangle flags the causally masked cells of an n×n matrix. The
// last size's flags are shared (a causal stage at T = 256 would draw
// 65,536 on every step, twelve times over in the grid) and never changed
// by their readers.
func upperTriangle(n int) []bool {
	if t := lastTriangle.Load(); t != nil && t.n == n {
		return t.flags
	}
	out := make([]bool, n*n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			out[i*n+j] = true
		}
	}
	lastTriangle.Store(&triangle{n, out})
	return out
}

type triangle struct {
	n     int
	flags []bool
}

var lastTriangle atomic.Pointer[triangle]

// renderMain draws the body of a stage in w×h: the narration, then the
// heatmaps (or the grid, or the token table) with the inspector beside or
// below them.
func (m Model) renderMain(w, h int) string {
	lay := m.layout()
	narr := m.narrationLines(w, lay.narration)
	var area string
	areaW, areaH := w, h-len(narr)
	if lay.beside {
		areaW -= lay.inspW + panelGap
	}
	panelsH := areaH
	if lay.inspW > 0 && !lay.beside && !lay.inspIn {
		panelsH -= m.insp.Height()
	}
	switch {
	case m.view.def.Kind == pipeline.KindTokens:
		area = m.renderTokenTable(w, areaH)
	case lay.inspIn:
		area = m.renderInspectorIn()
	case m.showGrid():
		area = m.view.gridView
	default:
		area = m.renderPanels(areaW, panelsH, lay)
	}
	switch {
	case lay.inspIn || lay.inspW == 0:
	case lay.beside:
		area = cells.JoinTop(cells.Fit(area, areaW, areaH), strings.Repeat(" ", panelGap), m.insp.View())
	default:
		area = cells.Fit(area, w, panelsH) + "\n" + m.insp.View()
	}
	if len(narr) == 0 {
		return area
	}
	return strings.Join(narr, "\n") + "\n" + area
}
