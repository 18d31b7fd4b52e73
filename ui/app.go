package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// Model is the root model of the TUI.
type Model struct {
	scene         *pipeline.Scene
	stage         pipeline.Stage
	width, height int
	theme         themes.Theme
}

// New returns the root model showing scene at stage.
func New(scene *pipeline.Scene, stage pipeline.Stage) Model {
	return Model{scene: scene, stage: stage, width: 80, height: 24, theme: themes.Default}
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

// View implements tea.Model.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	return v
}

// Render draws the screen as a string.
func (m Model) Render() string {
	var b strings.Builder
	title := lipgloss.NewStyle().Bold(true).Foreground(m.theme.Accent)
	fmt.Fprintf(&b, "%s\n\n", title.Render(fmt.Sprintf("attnscope · %d/%d %s", m.stage+1, pipeline.NumStages, m.stage.Title())))
	labels := make([]string, len(m.scene.Tokens))
	for i, t := range m.scene.Tokens {
		labels[i] = t.Label
	}
	b.WriteString(strings.Join(labels, " "))
	b.WriteString("\n\n")
	s := m.scene.Result.Simple.Scores
	mn, mx := s.Data[0], s.Data[0]
	for _, v := range s.Data {
		mn, mx = min(mn, v), max(mx, v)
	}
	for i := 0; i < s.Rows; i++ {
		fmt.Fprintf(&b, "%-8s", truncate(labels[i], 8))
		for j := 0; j < s.Cols; j++ {
			v := s.At(i, j)
			t := 0.0
			if mx > mn {
				t = float64((v - mn) / (mx - mn))
			}
			bg := m.theme.Map.At(t)
			st := lipgloss.NewStyle().Background(bg).Foreground(themes.Contrast(bg))
			b.WriteString(st.Render(fmt.Sprintf(" %6.4f ", v)))
		}
		b.WriteString("\n")
	}
	b.WriteString("\nq quit")
	return b.String()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
