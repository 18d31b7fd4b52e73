package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/internal/cells"
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
		m.pkeys = DefaultPresentKeyMap(auto > 0)
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
	if msg.seq != m.pres.tickSeq || !m.pres.on || m.pres.paused || m.pres.blank {
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
	case m.pres.card && dir > 0: // the card's words: "begin with the tokens"
		m.pres.card, m.sel.stage = false, 0
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
	m.sel.panel, m.pres.page = 0, 0
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
		body = cells.JoinTop(text, "    ", pic)
	} else {
		body = text + "\n\n" + pic
	}
	out := title + "\n\n" + body + "\n\n" + hint
	if lipgloss.Height(out) > h { // the words and the way on matter more than the picture
		out = title + "\n\n" + text + "\n\n" + hint
	}
	if lipgloss.Height(out) < h {
		out = lipgloss.PlaceVertical(h, lipgloss.Center, out)
	}
	return out
}
