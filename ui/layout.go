package ui

import "github.com/attnscope/attnscope/pipeline"

// Layout constants of the screen.
const (
	headerLines   = 3  // the title bar, the badge, the tokens
	footerLines   = 2  // the status line, the help line
	inspectorMinW = 34 // narrower than this the inspector goes below or hides
	inspectorMinH = 5  // fewer lines than this below the matrix: i shows it in the matrix's place
	inspectorMaxW = 64
	sideBySideW   = 96 // from this width the inspector sits beside the heatmaps
	panelGap      = 2
	overlayMaxW   = 80 // the settings and sample panels, below sideBySideW
	// minSecondaryW and minSecondaryH are the least room beside or below
	// the main matrix worth filling.
	minSecondaryW = 16
	minSecondaryH = 6
	maxCellLines  = 7 // the tallest cells a heatmap draws
)

// layout is where everything goes on the screen, computed in one place from
// the size and the state: Render, the component sizes and mouse
// hit-testing all read it.
type layout struct {
	bodyH          int  // lines between the header and the footer
	narration      int  // lines kept for the narration at the top of the body
	panelsTop      int  // screen row of the main heatmap's first line (below the narration's lines in use)
	panelW, panelH int  // the heatmaps' area
	inspW, inspH   int  // the inspector's box; inspW == 0: hidden
	beside         bool // the inspector sits beside the heatmaps, else below them
	inspIn         bool // the inspector fills the heatmaps' place (i, when there is no room for both)
	inspHidden     bool // the inspector is on but has no room: the screen names the key that shows it
	overlayW       int  // the settings and sample panels' width
}

// layout computes the screen's layout.
func (m Model) layout() layout {
	var l layout
	l.bodyH = max(m.height-headerLines-footerLines, 0)
	switch {
	case l.bodyH >= 30:
		l.narration = 5
	case l.bodyH >= 16:
		l.narration = 3
	case l.bodyH >= 10:
		l.narration = 1
	}
	if m.view.def.Kind == pipeline.KindTokens && m.scene != nil && l.narration > 0 {
		// The token table is short: the narration of the journey's first
		// stage gets the lines it leaves, up to the whole text.
		v := m.view.narrView
		v.SetSize(m.width, l.bodyH)
		spare := l.bodyH - len(m.scene.Tokens) - 2 // the table's header and its scroll line
		l.narration = max(l.narration, min(v.Lines(), spare))
	}
	l.overlayW = min(m.width, overlayMaxW)
	if m.width >= sideBySideW {
		l.overlayW = m.width / 2
	}
	below := l.bodyH - l.narration // under the narration
	if m.inspecting && m.view.def.Kind != pipeline.KindTokens {
		need := m.mainNeed() // the main matrix in one-line cells, below it the hint
		switch {
		case m.width >= sideBySideW:
			l.inspW, l.inspH, l.beside = min(max(m.width*2/5, inspectorMinW), inspectorMaxW), below, true
		case below >= 22:
			l.inspW, l.inspH = m.width, max(below/2, below-need)
		case below-need >= inspectorMinH:
			l.inspW, l.inspH = m.width, below-need
		case m.inspIn:
			l.inspW, l.inspH, l.inspIn = m.width, below-1, true // one line says how to go back
		default:
			l.inspHidden = true
		}
	}
	l.panelW, l.panelH = m.width, below
	switch {
	case l.beside:
		l.panelW -= l.inspW + panelGap
	case !l.inspIn:
		l.panelH -= l.inspH
	}
	l.panelsTop = headerLines + min(m.view.narrShown, l.narration)
	if m.pres.on {
		p := m.proseLay()
		l.panelW, l.panelH, l.panelsTop = p.panelW, p.panelH, p.top
		l.inspW, l.inspH, l.beside = p.inspW, p.inspH, p.beside
	}
	l.panelW, l.panelH = max(l.panelW, 0), max(l.panelH, 0)
	return l
}

// mainNeed is the height of the matrix in the main place drawn with
// one-line cells (title, header, rows, legend) and the hint line below.
func (m Model) mainNeed() int {
	if len(m.view.panels) == 0 {
		return 0
	}
	return m.view.panels[m.mainPanel()].m.Rows + 4
}
