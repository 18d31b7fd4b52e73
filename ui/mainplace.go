package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/internal/cells"
)

// The main place: [ and ] bring each of the stage's matrices into it (the
// others follow it, as many as fit), and on a screen with no room for both
// the inspector can take it (i). The cell cursor always belongs to the
// stage's first matrix, the one the inspector explains: a matrix of the
// same shape in the main place shows it and moves it.

// mainPanel is the index of the panel in the main place.
func (m Model) mainPanel() int {
	n := len(m.view.panels)
	if n == 0 {
		return 0
	}
	return ((m.sel.panel % n) + n) % n
}

// order lists the panels as drawn: the one in the main place, then the
// ones after it, wrapping round.
func (m Model) order() []int {
	n := len(m.view.panels)
	out := make([]int, n)
	for k := range out {
		out[k] = (m.mainPanel() + k) % n
	}
	return out
}

// sameShape reports whether panel i has the cursor matrix's shape, so the
// cursor can be shown and moved in it.
func (m Model) sameShape(i int) bool {
	p, q := m.view.panels[i].m, m.view.panels[0].m
	return p.Rows == q.Rows && p.Cols == q.Cols
}

// cursorMap is the heatmap that moves the cursor: the main place's when it
// has the cursor matrix's shape, else one of the cursor matrix, not drawn.
func (m Model) cursorMap() heatmap.Model {
	if m.sameShape(m.mainPanel()) {
		return m.view.hms[0]
	}
	hm := m.newHeatmap(m.view.panels[0], true, m.layout())
	hm.SetCursor(m.sel.row, m.sel.col)
	return hm
}

// toggleInspector is the i key: the inspector on or off where it has room,
// else in the matrix's place and back.
func (m *Model) toggleInspector() {
	lay := m.layout()
	switch {
	case lay.inspIn:
		m.inspIn = false
	case lay.inspHidden:
		m.inspIn = true
	case m.inspecting:
		m.inspecting, m.inspIn = false, false
	default:
		m.inspecting = true
		m.inspIn = m.layout().inspHidden
	}
	m.resize()
}

// panelHint is the line under the matrices, at most w cells: what is out
// of view for lack of room and the key that shows it. shown is how many
// matrices are drawn.
func (m Model) panelHint(shown, w int, lay layout) string {
	if m.clean {
		return ""
	}
	var long, short []string
	if hidden := len(m.view.panels) - shown; hidden > 0 {
		what := "more matrices"
		if hidden == 1 {
			what = "more matrix"
		}
		next := m.view.panels[m.order()[shown]].name
		long = append(long, fmt.Sprintf("%d %s: ] shows %s, [ the one before", hidden, what, next))
		short = append(short, fmt.Sprintf("%d %s: ] next, [ previous", hidden, what))
	}
	if lay.inspHidden {
		long = append(long, "i inspector (in this place)")
		short = append(short, "i inspector")
	}
	hint := strings.Join(long, " · ")
	if ansi.StringWidth(hint) > w {
		hint = strings.Join(short, " · ")
	}
	return lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render(hint)
}

// renderInspectorIn draws the inspector in the matrices' place, under a
// line that says how to go back.
func (m Model) renderInspectorIn() string {
	k := m.keys.Inspector.Help().Key
	hint := lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render(
		k + " back to the matrix · arrows move the cell · J/K scroll")
	return hint + "\n" + m.insp.View()
}

// fitAll sizes the heatmaps so that all of them are seen in w×h (one line
// kept for the hint) with the tallest cells, the same cell height in all:
// either each at its natural width, as many side by side as fit, or k side
// by side in equal widths, cells narrower but taller. Where even one-line
// cells do not show all, they are one-line. rows is the most rows of any.
func fitAll(hms []heatmap.Model, w, h, rows int) {
	size := func(ch, width int) bool {
		for i := range hms {
			hms[i].SetSize(width, min(ch*hms[i].Data().Rows+4, h-1))
		}
		shown, _ := arrange(hms, w, h, nil)
		return shown == len(hms)
	}
	natural := 1
	for ch := min((h-5)/max(rows, 1), maxCellLines); ch >= 1; ch-- {
		if size(ch, w) {
			natural = ch
			break
		}
	}
	if k, ch := tile(hms, w, h, rows); ch > natural && size(ch, (w-(k-1)*panelGap)/k) {
		return
	}
	size(natural, w)
}

// tile finds how many of the heatmaps to set side by side in equal widths
// for the tallest cells, none squeezed below its one-line width: k and the
// cell height (0 when none fits).
func tile(hms []heatmap.Model, w, h, rows int) (k, ch int) {
	natW := 0 // the widest in one-line cells
	for _, hm := range hms {
		hm.SetSize(w, rows+4)
		natW = max(natW, cells.MaxWidth(hm.View()))
	}
	for n := 1; n <= len(hms); n++ {
		tr := (len(hms) + n - 1) / n
		tw, th := (w-(n-1)*panelGap)/n, (h-1)/tr
		if tw < natW || th < rows+4 {
			continue
		}
		if c := min((th-4)/max(rows, 1), maxCellLines); c > ch {
			k, ch = n, c
		}
	}
	return k, ch
}
