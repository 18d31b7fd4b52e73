package modelview

import (
	"math"

	"github.com/attnscope/attnscope/ui/headgrid"
	"github.com/attnscope/attnscope/ui/narrate"
	"github.com/attnscope/attnscope/ui/scoretable"
)

// Screen rows: the header (title, checkpoint, tokens) and the footer
// (status, key help).
const (
	headerLines = 3
	footerLines = 2
)

// Minimum usable size; below it the screen says so.
const (
	MinWidth  = 40
	MinHeight = 12
)

// scoreRange is the colour range of a head score: 0…1, except entropy,
// 0…ln T (a uniform row over all T tokens).
func scoreRange(name string, t int) (lo, hi float32) {
	if name == "entropy" {
		return 0, float32(math.Log(float64(max(t, 2))))
	}
	return 0, 1
}

// scoreSets are the head scores known so far, for the overview (every
// layer, NaN for those to come) and for the table (the layers done).
func (m Model) scoreSets() ([]headgrid.Score, []scoretable.Column) {
	named := m.met.Named()
	t := len(m.sc.Tokens)
	scores := make([]headgrid.Score, len(named))
	cols := make([]scoretable.Column, len(named))
	for i, s := range named {
		lo, hi := scoreRange(s.Name, t)
		scores[i] = headgrid.Score{Name: s.Name, Values: s.Values, Lo: lo, Hi: hi}
		cols[i] = scoretable.Column{Name: s.Name, Values: s.Values[:m.done], Lo: lo, Hi: hi}
	}
	return scores, cols
}

// setScores gives the overview and the table the scene's head scores.
func (m *Model) setScores() {
	scores, cols := m.scoreSets()
	c := m.sc.Model.Info.Config
	g := headgrid.New(c.Layers, c.Heads, m.theme)
	g.SetTheme(m.theme, m.profile, m.noColor)
	g.SetScores(scores)
	if name := m.grid.ScoreName(); name != "" {
		g.SelectScore(name)
	}
	g.SetCursor(m.layer, m.head)
	m.grid = g
	if !m.partial {
		m.setThumbs()
	}
	m.table.SetColumns(cols)
}

// setThumbs gives the overview the pooled patterns computed so far.
func (m *Model) setThumbs() {
	if m.sc == nil {
		return
	}
	pats := m.thumbs
	m.grid.SetThumbs(headgrid.Thumbs{N: min(len(m.sc.Tokens), thumbN), Pattern: func(l, h int) []float32 {
		if p := pats[l]; h < len(p) {
			return p[h]
		}
		return nil
	}})
}

// sync hands the selection to every component and prepares the view
// shown.
func (m *Model) sync() {
	if m.sc == nil {
		return
	}
	c := m.sc.Model.Info.Config
	m.layer = min(max(m.layer, 0), c.Layers-1)
	m.head = min(max(m.head, 0), c.Heads-1)
	m.grid.SetCursor(m.layer, m.head)
	if ly := m.cache.get(m.layer); ly != nil {
		m.query.SetLayer(m.layer, c.Heads, func(h, i int) []float32 { return ly.Weights[h].Row(i) })
	}
	m.query.SetHead(m.head)
	m.syncHead()
	m.focus()
}

// focus gives the keys to the component of the view shown.
func (m *Model) focus() {
	m.grid.Blur()
	m.table.Blur()
	m.query.Blur()
	m.hm.Blur()
	switch m.Stage() {
	case viewOverview:
		m.grid.Focus()
	case viewMetrics:
		m.table.Focus()
	case viewQuery:
		m.query.Focus()
	case viewHead:
		m.hm.Focus()
	}
}

// bodyH is the height between header and footer.
func (m Model) bodyH() int { return max(m.height-headerLines-footerLines, 0) }

// narrationH is how many lines the narration takes under the view.
func (m Model) narrationH() int {
	b := m.bodyH()
	switch {
	case m.present:
		return min(8, b/3)
	case b >= 24:
		return 5
	case b >= 16:
		return 4
	case b >= 10:
		return 2
	}
	return 0
}

// viewH is the height of the view proper.
func (m Model) viewH() int {
	n := m.narrationH()
	if n > 0 {
		n++ // a blank line between
	}
	return max(m.bodyH()-n, 0)
}

// inspectorW is the head view's explanation panel width (0: hidden).
func (m Model) inspectorW() int {
	if !m.inspecting || m.present || m.width < 90 {
		return 0
	}
	return min(48, m.width*2/5)
}

// heatSize is the head view heatmap's room.
func (m Model) heatSize() (w, h int) {
	w, h = m.width, m.viewH()
	if iw := m.inspectorW(); iw > 0 {
		w -= iw + 2
	} else if m.summaryLine() {
		h--
	}
	return w, h
}

// summaryLine reports whether the head view explains its cell in one line
// under the heatmap (no room for the panel beside it).
func (m Model) summaryLine() bool {
	return m.inspecting && !m.present && m.inspectorW() == 0 && m.viewH() > 4
}

// resize sizes every component for the screen.
func (m *Model) resize() {
	w, h := m.width, m.viewH()
	m.grid.SetSize(w, h)
	m.table.SetSize(w, h)
	m.query.SetSize(w, h)
	m.next.SetSize(min(w, 100), h)
	m.hm.SetSize(m.heatSize())
	m.input.SetSize(w, 1)
	m.help.SetWidth(w)
	m.narr.SetSize(min(w, 150), m.narrationH())
	m.hv.ready = false
	m.sync()
	m.syncNarration()
}

// syncNarration gives the narration panel the words of the view shown.
func (m *Model) syncNarration() {
	w := m.narrate()
	n := narrate.Narration{Title: m.stages[m.stage].Title, Formula: w.formula, Text: w.text}
	if n != m.narr.Narration() {
		m.narr.SetNarration(n)
	}
}

// SetSize sets the screen's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.resize()
}
