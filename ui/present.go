package ui

import (
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/narrate"
)

// WithPresent turns on presenter mode (add WithCard to open on the card):
// one
// stage per key (PgDn/PgUp from a clicker, n/p, space), the narration in
// large type, the main matrix only; advanced panels are hidden. auto > 0
// advances by itself every auto.
func WithPresent(auto time.Duration) Option {
	return func(m *Model) {
		m.pres.on, m.pres.auto, m.inspecting = true, auto, false
	}
}

// WithStage opens at stage s.
func WithStage(s pipeline.Stage) Option { return func(m *Model) { m.sel.stage = s } }

// WithCard opens on the "why attention" card.
func WithCard() Option { return func(m *Model) { m.pres.card = true } }

// presentTextW is the widest presenter-mode narration.
const presentTextW = 100

// tickMsg advances presenter mode's auto-play; seq drops stale ticks.
type tickMsg struct{ seq int }

func (m Model) tick() tea.Cmd {
	if m.pres.auto <= 0 {
		return nil
	}
	seq := m.pres.tickSeq
	return tea.Tick(m.pres.auto, func(time.Time) tea.Msg { return tickMsg{seq: seq} })
}

// ticked advances presenter mode's auto-play; a stale tick is dropped and
// the last stage stops it.
func (m Model) ticked(msg tickMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.pres.tickSeq || !m.pres.on {
		return m, nil
	}
	if !m.pres.card && int(m.sel.stage) >= len(m.stages())-1 {
		return m, nil // the end: stop ticking
	}
	m.advance(+1)
	return m, m.tick()
}

// advance moves one step on (+1) or back (−1) through card and stages.
func (m *Model) advance(dir int) {
	switch {
	case m.pres.card && dir > 0:
		m.pres.card = false
	case m.pres.card:
	case dir < 0 && m.sel.stage == 0:
		m.pres.card = true
	case dir > 0 && int(m.sel.stage) < len(m.stages())-1:
		m.sel.stage++
	case dir < 0:
		m.sel.stage--
	default:
		return
	}
	m.sel.panel = 0
	m.refresh()
}

// renderCard draws the opening card.
func (m Model) renderCard(w, h int) string {
	c := narrate.Why()
	title := lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Accent).Render(c.Title)
	textW := min(w, 72)
	text := lipgloss.NewStyle().Foreground(m.look.theme.Text).Width(textW).Render(c.Text)
	pic := lipgloss.NewStyle().Foreground(m.look.theme.Accent).Render(c.Picture)
	hint := lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("n / PgDn / space: begin with the tokens")
	var body string
	if w >= textW+narrate.PictureWidth+4 {
		body = lipgloss.JoinHorizontal(lipgloss.Top, text, "    ", pic)
	} else {
		body = text + "\n\n" + pic
	}
	out := title + "\n\n" + body + "\n\n" + hint
	if lipgloss.Height(out) < h {
		out = lipgloss.PlaceVertical(h, lipgloss.Center, out)
	}
	return out
}

// renderPresent draws a presenter-mode screen: big title, the narration,
// the stage's main matrix.
func (m Model) renderPresent() string {
	w, h := m.width, m.height
	muted := lipgloss.NewStyle().Foreground(m.look.theme.Muted)
	footer := muted.Render("PgDn/n/space next · PgUp/p back · q quit")
	if m.pres.auto > 0 {
		footer = muted.Render("auto-advancing every "+m.pres.auto.String()+" · ") + footer
	}
	if m.clean {
		footer = ""
	}
	if m.pres.card {
		return fit(m.renderCard(w, h-1)+"\n", w, h-1) + "\n" + footer
	}
	title := lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Accent).
		Render(strings.ToUpper(m.view.def.Title)) + muted.Render("   step "+strconv.Itoa(int(m.sel.stage)+1)+" of "+strconv.Itoa(len(m.stages())))
	var parts []string
	parts = append(parts, title, m.renderBadge(), "")
	if n := m.view.narr; n.Formula != "" {
		parts = append(parts, lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Text).Render(n.Formula))
		parts = append(parts, lipgloss.NewStyle().Foreground(m.look.theme.Text).Width(min(w, presentTextW)).Render(n.Text), "")
	}
	top := strings.Join(parts, "\n")
	rest := h - lipgloss.Height(top) - 1
	var main string
	switch {
	case m.view.def.Kind == pipeline.KindTokens:
		main = m.renderTokens() + "\n\n" + m.renderTokenTable(w, rest-2)
	case len(m.view.hms) > 0:
		main = m.view.hms[0].View()
	}
	return fit(top+"\n"+fit(main, w, rest), w, h-1) + "\n" + footer
}
