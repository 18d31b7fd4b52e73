package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
)

// chrome is the token line drawn ahead of View: at T = 256 styling every
// token costs more than the rest of the screen's text, and it changes
// only with the scene, the theme and the width.
type chrome struct {
	scene     *pipeline.Scene
	width     int
	key       string // the styles it was drawn with (tokenStyleKey)
	tokens    string // every token, styled, separated by a muted bar
	tokensFit string // tokens cut to the width
}

// tokenStyleKey names the styles of the token line in the model's theme.
func (m Model) tokenStyleKey() string {
	return lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("│") +
		lipgloss.NewStyle().Foreground(m.look.theme.Text).Render("a")
}

// drawChrome redraws the token line if the scene, the theme or the width
// changed since it was drawn.
func (m *Model) drawChrome() {
	if m.scene == nil {
		m.chrome = chrome{}
		return
	}
	key := m.tokenStyleKey()
	if c := m.chrome; c.scene == m.scene && c.width == m.width && c.key == key {
		return
	}
	line := m.tokenLine()
	m.chrome = chrome{scene: m.scene, width: m.width, key: key, tokens: line, tokensFit: ansi.Truncate(line, max(m.width, 0), "")}
}

// chromeTokens is the token line, fitted to the width if fit: the one
// drawn ahead if it is current, else drawn now.
func (m Model) chromeTokens(fit bool) string {
	c := m.chrome
	if c.scene != m.scene || c.width != m.width || c.key != m.tokenStyleKey() {
		c.tokens = m.tokenLine()
		c.tokensFit = ansi.Truncate(c.tokens, max(m.width, 0), "")
	}
	if fit {
		return c.tokensFit
	}
	return c.tokens
}

// tokenLine styles every token of the scene, separated by a muted bar.
func (m Model) tokenLine() string {
	sep := lipgloss.NewStyle().Foreground(m.look.theme.Muted).Render("│")
	tok := lipgloss.NewStyle().Foreground(m.look.theme.Text)
	parts := make([]string, len(m.scene.Tokens))
	for i, t := range m.scene.Tokens {
		parts[i] = tok.Render(t.Label)
	}
	return strings.Join(parts, sep)
}
