package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/internal/cells"
)

// presentLay is where presenter mode puts a stage: the title, the
// configuration badge when there is room, the formula, as many lines of the
// narration as leave the main matrix whole (the rest pages with ↓), then the
// matrix filling what is left, with the inspector beside or below it when
// a number is being explained, and the footer.
type presentLay struct {
	badge, gap     bool     // the badge line; blank lines around the words
	formula, prose []string // wrapped
	shown, pages   int      // narration lines per page; pages of them
	top            int      // screen row of the matrix area
	matH           int      // the matrix area's height (the inspector's too when below)
	panelW, panelH int
	inspW, inspH   int
	beside         bool
}

// proseLay computes presenter mode's layout for the current stage and size.
func (m Model) proseLay() presentLay {
	w, h := m.width, m.height
	var p presentLay
	if n := m.view.narr; n.Formula != "" {
		p.formula = wrapLines(n.Formula, w)
		p.prose = wrapLines(n.Text, min(w, presentTextW))
	}
	p.panelW = w
	if m.inspecting && w >= sideBySideW {
		p.inspW, p.beside = min(max(w*2/5, inspectorMinW), inspectorMaxW), true
		p.panelW = w - p.inspW - panelGap
	}
	fits := m.fitsIn(p.panelW)
	// The badge and the blank lines only when the matrix is whole with them
	// and two lines of words.
	above := 1 + len(p.formula) // the title, the formula
	room := h - above - 1       // less the footer
	if h >= 24 && fits(room-min(len(p.prose), 2)-3) {
		p.badge, p.gap = true, true
		above, room = above+2, room-3
	}
	switch {
	case m.inspecting && !p.beside:
		p.shown = 0 // the inspector below takes the words' place
	case !fits(room): // the matrix pans whatever the words do: a page of them stays
		p.shown = min(len(p.prose), 1+b2i(h >= 24))
	default: // as many words as leave the matrix whole
		for k := len(p.prose); k >= 0; k-- {
			if fits(room - k) {
				p.shown = k
				break
			}
		}
	}
	if p.shown > 0 {
		p.pages = (len(p.prose) + p.shown - 1) / p.shown
	}
	p.top = above + p.shown + b2i(p.gap)
	p.matH = max(h-1-p.top, 0)
	p.panelH = p.matH
	if m.inspecting && !p.beside {
		p.panelH = p.matH / 2
		for need := 1; need < p.matH; need++ {
			if fits(need) {
				p.panelH = max(need, p.matH-inspectorMaxH)
				break
			}
		}
		p.inspW, p.inspH = w, p.matH-p.panelH
	} else if p.beside {
		p.inspH = p.matH
	}
	return p
}

// inspectorMaxH is the most lines the inspector takes below the matrix.
const inspectorMaxH = 14

// fitsIn returns whether the stage's main matrix (or the token table) is
// whole in w×h cells.
func (m Model) fitsIn(w int) func(h int) bool {
	switch {
	case m.view.def.Kind == pipeline.KindTokens && m.scene != nil:
		need := len(m.scene.Tokens) + 4 // the tokens, a blank, the table's header and rows
		return func(h int) bool { return h >= need }
	case len(m.view.hms) == 0:
		return func(int) bool { return true }
	}
	hm := m.view.hms[0]
	return func(h int) bool {
		if h <= 0 {
			return false
		}
		hm.SetSize(w, h)
		_, down := hm.Panned()
		return !down
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wrapLines word-wraps s to w cells and returns its lines.
func wrapLines(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, " "), "\n")
}

// renderPresent draws a presenter-mode screen.
func (m Model) renderPresent() string {
	w, h := m.width, m.height
	if m.pres.blank {
		return cells.Fit("", w, h)
	}
	var footer string
	if !m.clean {
		footer = m.presentFooter()
	}
	if m.pres.card {
		return cells.Fit(m.renderCard(w, h-1)+"\n", w, h-1) + "\n" + footer
	}
	th := m.look.theme
	muted := lipgloss.NewStyle().Foreground(th.Muted)
	p := m.proseLay()
	parts := []string{lipgloss.NewStyle().Bold(true).Foreground(th.Accent).Render(strings.ToUpper(m.view.def.Title)) +
		muted.Render("   step "+strconv.Itoa(int(m.sel.stage)+1)+" of "+strconv.Itoa(len(m.stages())))}
	if p.badge {
		parts = append(parts, m.renderBadge())
	}
	if p.gap {
		parts = append(parts, "")
	}
	bold, text := lipgloss.NewStyle().Bold(true).Foreground(th.Text), lipgloss.NewStyle().Foreground(th.Text)
	for _, l := range p.formula {
		parts = append(parts, bold.Render(l))
	}
	if p.shown > 0 {
		first := min(m.pres.page, p.pages-1) * p.shown
		for i := first; i < first+p.shown; i++ {
			if i < len(p.prose) {
				parts = append(parts, text.Render(p.prose[i]))
			} else {
				parts = append(parts, "")
			}
		}
	}
	top := cells.Fit(strings.Join(parts, "\n"), w, p.top)
	return top + "\n" + cells.Fit(m.renderPresentMain(p), w, p.matH) + "\n" + footer
}

// renderPresentMain draws the matrix area: the token table, or the main
// matrix with the inspector beside or below it.
func (m Model) renderPresentMain(p presentLay) string {
	var main string
	switch {
	case m.view.def.Kind == pipeline.KindTokens && m.scene != nil:
		return m.renderTokens(false) + "\n\n" + m.renderTokenTable(m.width, p.matH-2)
	case len(m.view.hms) > 0:
		main = m.view.hms[0].View()
	}
	switch {
	case p.inspW > 0 && p.beside:
		return cells.JoinTop(padLines(cells.Fit(main, p.panelW, p.panelH), p.panelW), strings.Repeat(" ", panelGap), m.insp.View())
	case p.inspW > 0:
		return cells.Fit(main, m.width, p.panelH) + "\n" + m.insp.View()
	}
	// Cells are whole lines: what they leave goes above the matrix, half
	// of it, so that it sits in the middle of its area.
	if spare := p.matH - lipgloss.Height(main); spare > 1 {
		main = strings.Repeat("\n", spare/2) + main
	}
	return main
}

// presentFooter is the state of the show (auto-advance, the narration's
// page) and the keys that work now.
func (m Model) presentFooter() string {
	muted := lipgloss.NewStyle().Foreground(m.look.theme.Muted)
	var state []string
	switch {
	case m.pres.auto > 0 && m.pres.paused:
		state = append(state, "paused")
	case m.pres.auto > 0:
		state = append(state, "auto "+m.pres.auto.String())
	}
	if p := m.proseLay(); !m.pres.card && p.pages > 1 {
		state = append(state, "words "+strconv.Itoa(min(m.pres.page, p.pages-1)+1)+"/"+strconv.Itoa(p.pages)+" ↓↑")
	}
	var lead string
	if len(state) > 0 {
		lead = muted.Render(strings.Join(state, " · ") + " · ")
	}
	keys := m.pkeys.ShortHelp()
	if m.inspecting && len(m.view.hms) > 0 && !m.pres.card {
		c := m.view.hms[0].KeyMap
		next := m.pkeys.Next
		next.SetHelp("pgdn", "next")
		keys = []key.Binding{c.Up, c.Down, c.Left, c.Right, m.pkeys.Explain, next, m.pkeys.Quit}
	}
	hm := m.help
	hm.SetWidth(max(m.width-ansi.StringWidth(lead), 1))
	return ansi.Truncate(lead+hm.ShortHelpView(keys), m.width, "…")
}

// renderPresentHelp is presenter mode's help screen: its own keys only,
// their groups in as many rows as the width needs.
func (m Model) renderPresentHelp() string {
	hm := m.help
	hm.ShowAll = true
	hm.SetWidth(0)
	th := m.look.theme
	title := lipgloss.NewStyle().Bold(true).Foreground(th.Accent).Render("attnscope present — keys")
	sub := lipgloss.NewStyle().Bold(true).Foreground(th.Muted)
	var rows []string
	var row [][]key.Binding
	for _, g := range m.pkeys.FullHelp() {
		if len(row) > 0 && lipgloss.Width(hm.FullHelpView(append(row, g))) > m.width {
			rows, row = append(rows, hm.FullHelpView(row)), nil
		}
		row = append(row, g)
	}
	out := title + "\n\n" + strings.Join(append(rows, hm.FullHelpView(row)), "\n\n")
	if c := m.view.hms; len(c) > 0 {
		k := c[0].KeyMap
		hm.SetWidth(m.width)
		moves := []key.Binding{k.Up, k.Down, k.Left, k.Right}
		scroll := []key.Binding{m.insp.KeyMap.ScrollDown, m.insp.KeyMap.ScrollUp}
		keys := hm.ShortHelpView(append(moves, scroll...)) // one line on a small screen
		if m.height >= 24 {
			keys = hm.FullHelpView([][]key.Binding{moves, scroll})
		}
		out += "\n\n" + sub.Render("while explaining a number (i)") + "\n" + keys
	}
	return out + "\n\n" + lipgloss.NewStyle().Foreground(th.Muted).Render("press any key to close")
}
