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
		m.present, m.auto, m.inspecting = true, auto, false
	}
}

// WithStage opens at stage s.
func WithStage(s pipeline.Stage) Option { return func(m *Model) { m.stage = s } }

// WithCard opens on the "why attention" card.
func WithCard() Option { return func(m *Model) { m.card = true } }

// tickMsg advances presenter mode's auto-play; seq drops stale ticks.
type tickMsg struct{ seq int }

func (m Model) tick() tea.Cmd {
	if m.auto <= 0 {
		return nil
	}
	seq := m.tickSeq
	return tea.Tick(m.auto, func(time.Time) tea.Msg { return tickMsg{seq: seq} })
}

// advance moves one step on (+1) or back (−1) through card and stages.
func (m *Model) advance(dir int) {
	switch {
	case m.card && dir > 0:
		m.card = false
	case m.card:
	case dir < 0 && m.stage == 0:
		m.card = true
	case dir > 0 && int(m.stage) < pipeline.NumStages-1:
		m.stage++
	case dir < 0:
		m.stage--
	default:
		return
	}
	m.panel = 0
	m.refresh()
}

// renderCard draws the opening card.
func (m Model) renderCard(w, h int) string {
	c := narrate.Why()
	title := lipgloss.NewStyle().Bold(true).Foreground(m.theme.Accent).Render(c.Title)
	textW := min(w, 72)
	text := lipgloss.NewStyle().Foreground(m.theme.Text).Width(textW).Render(c.Text)
	pic := lipgloss.NewStyle().Foreground(m.theme.Accent).Render(c.Picture)
	hint := lipgloss.NewStyle().Foreground(m.theme.Muted).Render("n / PgDn / space: begin with the tokens")
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
	muted := lipgloss.NewStyle().Foreground(m.theme.Muted)
	footer := muted.Render("PgDn/n/space next · PgUp/p back · q quit")
	if m.auto > 0 {
		footer = muted.Render("auto-advancing every "+m.auto.String()+" · ") + footer
	}
	if m.clean {
		footer = ""
	}
	if m.card {
		return fit(m.renderCard(w, h-1)+"\n", w, h-1) + "\n" + footer
	}
	title := lipgloss.NewStyle().Bold(true).Foreground(m.theme.Accent).
		Render(strings.ToUpper(m.stage.Title())) + muted.Render("   step "+strconv.Itoa(int(m.stage)+1)+" of "+strconv.Itoa(pipeline.NumStages))
	var parts []string
	parts = append(parts, title, m.renderBadge(), "")
	if m.narr.Formula != "" {
		parts = append(parts, lipgloss.NewStyle().Bold(true).Foreground(m.theme.Text).Render(m.narr.Formula))
		parts = append(parts, lipgloss.NewStyle().Foreground(m.theme.Text).Width(min(w, 100)).Render(m.narr.Text), "")
	}
	top := strings.Join(parts, "\n")
	rest := h - lipgloss.Height(top) - 1
	var main string
	switch {
	case m.stage == pipeline.StageTokens:
		main = m.renderTokens() + "\n\n" + m.renderTokenTable(w, rest-2)
	case len(m.hms) > 0:
		main = m.hms[0].View()
	}
	return fit(top+"\n"+fit(main, w, rest), w, h-1) + "\n" + footer
}

// presentTop is the height of presenter mode's title and narration.
func (m Model) presentTop() int {
	n := 3 // title, badge, blank
	if m.narr.Formula != "" {
		text := lipgloss.NewStyle().Width(min(m.width, 100)).Render(m.narr.Text)
		n += 2 + lipgloss.Height(text)
	}
	return n
}
