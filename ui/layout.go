package ui

import "github.com/attnscope/attnscope/pipeline"

// Layout constants of the screen.
const (
	headerLines   = 3  // the title bar, the badge, the tokens
	footerLines   = 2  // the status line, the help line
	inspectorMinW = 34 // narrower than this the inspector goes below or hides
	inspectorMaxW = 64
	sideBySideW   = 96 // from this width the inspector sits beside the heatmaps
	panelGap      = 2
	overlayMaxW   = 80 // the settings and sample panels, below sideBySideW
	// minSecondaryW and minSecondaryH are the least room beside or below
	// the main matrix worth filling.
	minSecondaryW = 16
	minSecondaryH = 6
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
	l.overlayW = min(m.width, overlayMaxW)
	if m.width >= sideBySideW {
		l.overlayW = m.width / 2
	}
	below := l.bodyH - l.narration // under the narration
	if m.inspecting && m.view.def.Kind != pipeline.KindTokens {
		switch {
		case m.width >= sideBySideW:
			l.inspW, l.inspH, l.beside = min(max(m.width*2/5, inspectorMinW), inspectorMaxW), below, true
		case below >= 22:
			l.inspW, l.inspH = m.width, below/2
		}
	}
	l.panelW, l.panelH = m.width, below
	if l.beside {
		l.panelW -= l.inspW + panelGap
	} else {
		l.panelH -= l.inspH
	}
	l.panelsTop = headerLines + len(m.narrationLines(m.width, l.narration))
	if m.pres.on {
		p := m.proseLay()
		l.panelW, l.panelH, l.panelsTop = p.panelW, p.panelH, p.top
		l.inspW, l.inspH, l.beside = p.inspW, p.inspH, p.beside
	}
	l.panelW, l.panelH = max(l.panelW, 0), max(l.panelH, 0)
	return l
}
