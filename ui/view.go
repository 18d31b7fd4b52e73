package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/internal/cells"
	"github.com/attnscope/attnscope/ui/settings"
)

// View implements tea.Model.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "attnscope"
	m.paintView(&v)
	return v
}

// Render draws the whole screen as exactly height lines of at most width
// cells. It is a pure function of the model.
func (m Model) Render() string {
	if m.mm.on {
		return m.mm.view.Render()
	}
	w, h := m.width, m.height
	if w < MinWidth || h < MinHeight {
		return cells.Fit(fmt.Sprintf("attnscope needs at least %d×%d cells; this terminal is %d×%d.\nEnlarge it, or press q to quit.", MinWidth, MinHeight, w, h), w, h)
	}
	if m.mode == modeHelp {
		return cells.Fit(m.renderHelp(), w, h)
	}
	if m.pres.on {
		return m.renderPresent()
	}
	if m.pres.card {
		muted := lipgloss.NewStyle().Foreground(m.look.theme.Muted)
		return cells.Fit(m.renderCard(w, h-1), w, h-1) + "\n" + muted.Render(cells.Clip("n begin with the tokens · w back · q quit", w))
	}
	top := [headerLines]string{m.renderHeader(), m.renderBadge(), m.renderTokens(true)}
	bottom := [footerLines]string{m.renderStatus(), m.renderHelpLine()}
	bodyH := m.layout().bodyH
	body := cells.Fit(m.renderBody(w, bodyH), w, bodyH)
	return fitAround(top[:], body, bottom[:], w, h)
}

// fitAround is cells.Fit(top, body and bottom joined by newlines, w, h) for a
// body already fitted to w: its lines are not measured again.
func fitAround(top []string, body string, bottom []string, w, h int) string {
	var lines []string
	cut := func(parts []string) {
		for _, p := range parts {
			for _, l := range strings.Split(p, "\n") {
				lines = append(lines, truncate(l, w))
			}
		}
	}
	cut(top)
	lines = append(lines, strings.Split(body, "\n")...)
	cut(bottom)
	if h <= 0 {
		return ""
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// truncate is ansi.Truncate(l, w, ""), which leaves a line that fits as
// it is: most lines fit, and are measured only once, quickly.
func truncate(l string, w int) string {
	if cells.Width(l) <= max(w, 0) {
		return l
	}
	return ansi.Truncate(l, max(w, 0), "")
}

func (m Model) renderHeader() string {
	st := lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Accent)
	muted := lipgloss.NewStyle().Foreground(m.look.theme.Muted)
	stages := m.stages()
	cur := int(m.sel.stage)
	pos := muted.Render(fmt.Sprintf("%d/%d ", cur+1, len(stages)))
	title := st.Render(m.view.def.Title)
	var prev, next string
	if cur > 0 && cur <= len(stages) {
		prev = muted.Render(stages[cur-1].Name + " ‹ ")
	}
	if cur >= -1 && cur < len(stages)-1 {
		next = muted.Render(" › " + stages[cur+1].Name)
	}
	dots := make([]string, len(stages))
	for i := range dots {
		dots[i] = "·"
		if i == cur {
			dots[i] = "●"
		}
	}
	// Drop what does not fit, least useful first: the dots, the
	// neighbours' names, the program's name.
	name := st.Render("attnscope") + "  "
	for _, parts := range [][]string{
		{name, pos, prev, title, next},
		{pos, prev, title, next},
		{pos, title},
	} {
		line := strings.Join(parts, "")
		if w := ansi.StringWidth(line); w <= m.width {
			if pad := m.width - w - len(stages) - 1; pad > 0 {
				line += strings.Repeat(" ", pad) + muted.Render(strings.Join(dots, ""))
			}
			return line
		}
	}
	return pos + title
}

func (m Model) renderBadge() string {
	if m.scene == nil {
		return lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("tokenizing…")
	}
	badge := lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Badge.Fg).Background(m.look.theme.Badge.Bg)
	muted := lipgloss.NewStyle().Foreground(m.look.theme.Muted)
	var label string
	if m.scene.Book {
		label = badge.Render(" BOOK ") + muted.Render(" numbers as the book prints them · "+m.scene.ConfigLabel(m.sel.stage))
	} else {
		label = badge.Render(" CUSTOM ") + muted.Render(" "+pipeline.Badge(m.scene.Request))
	}
	src := "inputs: the book's table"
	if m.scene.Source == pipeline.FromEmbedding {
		src = fmt.Sprintf("inputs: nn.Embedding rows, seed %d", m.scene.Request.Config.Seed)
	}
	return label + muted.Render(" · "+src)
}

// renderTokens is the sentence being edited, or the scene's tokens; fit
// cuts the tokens to the screen's width.
func (m Model) renderTokens(fit bool) string {
	if m.mode == modeEdit {
		return m.input.View()
	}
	if m.scene == nil {
		return ""
	}
	return m.chromeTokens(fit)
}

func (m Model) renderStatus() string {
	switch {
	case m.message != "":
		return lipgloss.NewStyle().Foreground(m.look.theme.Warning).Render("! " + m.message)
	case m.build.building && m.build.loading != "":
		return lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("loading the " + m.build.loading + " encoder…")
	case m.build.building:
		return lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("computing…")
	case m.said != "":
		return lipgloss.NewStyle().Foreground(m.look.theme.Text).Render(m.said)
	case m.scene != nil && m.scene.Notice != "":
		return lipgloss.NewStyle().Foreground(m.look.theme.Warning).Render("✂ " + m.scene.Notice)
	}
	return ""
}

func (m Model) renderHelpLine() string {
	if m.clean {
		return ""
	}
	if m.mode == modeEdit {
		return m.help.ShortHelpView(append(m.keys.editHelp(), m.input.KeyMap.Newline))
	}
	return m.help.ShortHelpView(m.keys.shortHelpFor(m.view.def))
}

func (m Model) renderHelp() string {
	if m.pres.on {
		return m.renderPresentHelp()
	}
	hm := m.help
	hm.ShowAll = true
	title := lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Accent).Render("attnscope — keys")
	cursorKeys := heatmap.DefaultKeyMap()
	if len(m.view.hms) > 0 {
		cursorKeys = m.view.hms[0].KeyMap // as the screen has them (g is the grid's where there is one)
	}
	cursor := append(cursorKeys.FullHelp(), append(m.insp.KeyMap.FullHelp()[0], m.view.narrView.KeyMap.More))
	sub := lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Muted)
	return title + "\n\n" + hm.FullHelpView(m.keys.FullHelp()) + "\n\n" +
		sub.Render("cell cursor and inspector") + "\n" + hm.FullHelpView(cursor) + "\n\n" +
		sub.Render("settings (s)") + "\n" + hm.FullHelpView(settings.DefaultKeyMap().FullHelp()) + "\n\n" +
		lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("press any key to close")
}

func (m Model) renderBody(w, h int) string {
	var overlay string
	switch m.mode {
	case modeSettings:
		overlay = m.settings.View()
	case modePicker:
		overlay = m.picker.View()
	}
	if m.scene == nil || (overlay != "" && w < sideBySideW) {
		return overlay
	}
	if overlay == "" {
		return m.renderMain(w, h)
	}
	// Wide: the panel takes the inspector's place, the heatmaps stay in view
	// so a change can be watched as it lands.
	ow := min(max(lipgloss.Width(overlay), inspectorMinW), w/2)
	mm := m
	mm.inspecting = false
	main := cells.Fit(mm.renderMain(w-ow-panelGap, h), w-ow-panelGap, h)
	return cells.JoinTop(padLines(main, w-ow-panelGap), strings.Repeat(" ", panelGap), overlay)
}

// padLines pads every line of s with spaces to w cells.
func padLines(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if d := w - cells.Width(l); d > 0 {
			lines[i] = l + strings.Repeat(" ", d)
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) renderTokenTable(w, h int) string {
	const labelW = 18
	muted := lipgloss.NewStyle().Foreground(m.look.theme.Muted)
	cell := func(s string, n int) string { // s cut or padded to n cells
		s = ansi.Truncate(s, n, "…")
		return s + strings.Repeat(" ", max(n-ansi.StringWidth(s), 0))
	}
	var b strings.Builder
	b.WriteString(muted.Render(fmt.Sprintf("%5s  %s %8s  %s", "#", cell("token", labelW), "id", "bytes")) + "\n")
	toks := m.scene.Tokens
	rows := max(h-2, 1)
	first := min(max(m.sel.row-rows/2, 0), max(len(toks)-rows, 0))
	for i := first; i < len(toks) && i < first+rows; i++ {
		t := toks[i]
		line := fmt.Sprintf("%5d  %s %8d  % x", i+1, cell(t.Label, labelW), t.ID, t.Bytes)
		if t.Parts > 0 {
			line += muted.Render(fmt.Sprintf("  part %d of %d of %s", t.Part, t.Parts, t.Whole))
		}
		if t.Special {
			line += muted.Render("  special token")
		}
		if i == m.sel.row && !m.pres.on { // presenter mode has no token cursor
			line = lipgloss.NewStyle().Foreground(m.look.theme.Cursor.Fg).Background(m.look.theme.Cursor.Bg).Render(line)
		}
		b.WriteString(line + "\n")
	}
	if len(toks) > rows {
		b.WriteString(muted.Render(fmt.Sprintf("%d tokens · ↑/↓ scroll", len(toks))))
	}
	return b.String()
}
