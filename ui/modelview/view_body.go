package modelview

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/ui/internal/cells"
)

// renderView draws the view shown in width × viewH.
func (m Model) renderView() string {
	if m.Stage() == viewTokens && len(m.tokens()) > 0 {
		return m.renderTokenTable()
	}
	if m.sc == nil {
		return m.renderLoading()
	}
	if s := m.pendingView(); s != "" {
		_, muted, _, _ := m.style()
		return muted.Render(lipgloss.Wrap(s, m.width, " "))
	}
	switch m.Stage() {
	case viewOverview:
		return m.grid.View()
	case viewHead:
		return m.renderHead()
	case viewQuery:
		return m.query.View()
	case viewMetrics:
		return m.table.View()
	case viewNext:
		return m.next.View()
	}
	return ""
}

// renderLoading is the screen while the first pass runs.
func (m Model) renderLoading() string {
	accent, muted, _, _ := m.style()
	if !m.load.active {
		return muted.Render("nothing loaded — e edits the text, R loads the induction probe")
	}
	return accent.Render("loading "+specName(m.req.Spec)) + "\n\n" + progressLine(m.load, m.width) + "\n\n" +
		muted.Render("the views open as soon as the pass starts, each layer as its block ends; the tokens are already here (p)")
}

// renderTokenTable lists the tokens: position, label, id and bytes.
func (m Model) renderTokenTable() string {
	const labelW = 18
	_, muted, _, _ := m.style()
	toks := m.tokens()
	rows := max(m.viewH()-2, 1)
	var b strings.Builder
	b.WriteString(muted.Render(fmt.Sprintf("%5s  %s %8s  %s", "pos", cells.Pad("token", labelW), "id", "bytes")) + "\n")
	for i := 0; i < len(toks) && i < rows; i++ {
		t := toks[i]
		b.WriteString(fmt.Sprintf("%5d  %s %8d  % x\n", i, cells.Pad(ansi.Truncate(t.Label, labelW, "…"), labelW), t.ID, t.Bytes))
	}
	if len(toks) > rows {
		b.WriteString(muted.Render(fmt.Sprintf("… %d more (%d tokens, counted from 0)", len(toks)-rows, len(toks))))
	}
	return b.String()
}

// renderHead is the head's heatmap with the explanation beside it.
func (m Model) renderHead() string {
	if !m.hv.ready {
		_, muted, _, _ := m.style()
		return muted.Render(fmt.Sprintf("computing layer %d's attention…", m.layer))
	}
	hm := m.hm.View()
	iw := m.inspectorW()
	if iw == 0 && m.summaryLine() {
		_, muted, _, _ := m.style()
		_, h := m.heatSize()
		return cells.Fit(hm, m.width, h) + "\n" + muted.Render(ansi.Truncate(m.hv.summary, m.width, "…"))
	}
	if iw == 0 {
		return hm
	}
	hw, _ := m.heatSize()
	return lipgloss.JoinHorizontal(lipgloss.Top, padLines(hm, hw), "  ", m.renderExplain(iw, m.viewH()))
}

// renderExplain draws the explanation in w × h.
func (m Model) renderExplain(w, h int) string {
	accent, muted, text, _ := m.style()
	lines := make([]string, 0, h)
	for i, l := range m.hv.explain {
		if len(lines) >= h {
			break
		}
		st := text
		switch {
		case i == 0:
			st = accent
		case strings.HasPrefix(l, "query") || strings.HasPrefix(l, "key"):
			st = muted
		}
		lines = append(lines, st.Render(ansi.Truncate(l, w, "…")))
	}
	return strings.Join(lines, "\n")
}

// padLines pads every line of s with spaces to w cells.
func padLines(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if d := w - ansi.StringWidth(l); d > 0 {
			lines[i] = l + strings.Repeat(" ", d)
		}
	}
	return strings.Join(lines, "\n")
}
