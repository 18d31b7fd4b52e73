// Package nexttok is model mode's answer: the most likely next tokens at
// the end of the text with their probabilities, as bars — what all the
// attention is for. It has no keys; the root gives it the candidates.
//
// In the manner of bubbles: Model, New, Styles, SetSize and a pure View.
//
// Imports: lipgloss, themes, ui/internal/cells.
package nexttok

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/internal/cells"
)

// Candidate is one possible next token.
type Candidate struct {
	ID    int
	Label string  // safe to print
	Prob  float32 // softmax probability
}

// Styles are the list's styles.
type Styles struct {
	Title, Label, Bar, Muted lipgloss.Style
}

// DefaultStyles builds the styles from theme roles.
func DefaultStyles(t themes.Theme) Styles {
	s := lipgloss.NewStyle
	return Styles{
		Title: s().Bold(true).Foreground(t.Accent),
		Label: s().Foreground(t.Text),
		Bar:   s().Foreground(t.Accent),
		Muted: s().Foreground(t.Muted),
	}
}

// Model is the list of next-token candidates.
type Model struct {
	Styles        Styles
	after         string
	items         []Candidate
	width, height int
}

// New returns an empty list.
func New(theme themes.Theme) Model { return Model{Styles: DefaultStyles(theme)} }

// SetTheme restyles the list.
func (m *Model) SetTheme(t themes.Theme) { m.Styles = DefaultStyles(t) }

// SetCandidates sets the candidates, most likely first, and the label of
// the last token of the text they follow.
func (m *Model) SetCandidates(after string, c []Candidate) { m.after, m.items = after, c }

// SetSize sets the list's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Update does nothing: the list has no keys.
func (m Model) Update(tea.Msg) (Model, tea.Cmd) { return m, nil }

// View draws the list in at most width × height cells; it is pure.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if len(m.items) == 0 {
		return cells.Clip(m.Styles.Muted.Render("no prediction yet"), m.width)
	}
	lines := []string{m.Styles.Title.Render("next token") + m.Styles.Muted.Render(fmt.Sprintf(" after \"%s\"", m.after))}
	lw := 4
	for _, c := range m.items {
		lw = max(lw, lipgloss.Width(c.Label))
	}
	lw = min(lw, max(4, m.width/3))
	barW := max(1, m.width-lw-16)
	for i, c := range m.items {
		if len(lines) >= m.height {
			break
		}
		n, pct := 0, "      ?%" // a probability that is not one draws no bar
		if c.Prob >= 0 && c.Prob <= 1 {
			n, pct = min(int(c.Prob*float32(barW)+0.5), barW), fmt.Sprintf(" %6.2f%%", 100*c.Prob)
		}
		bar := m.Styles.Bar.Render(strings.Repeat("█", n)) + strings.Repeat(" ", barW-n)
		line := fmt.Sprintf("%2d. ", i+1) + m.Styles.Label.Render(cells.Pad(cells.Clip(c.Label, lw), lw)) + " " + bar +
			m.Styles.Muted.Render(pct)
		lines = append(lines, cells.Clip(line, m.width))
	}
	for i := range lines {
		lines[i] = cells.Clip(lines[i], m.width)
	}
	return strings.Join(lines, "\n")
}
