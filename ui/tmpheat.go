package ui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/themes"
)

// drawPanel is a stand-in heatmap until ui/heatmap lands.
func (m Model) drawPanel(p panel, focused bool, h int) string {
	var b strings.Builder
	title := lipgloss.NewStyle().Bold(focused).Foreground(m.theme.Accent)
	b.WriteString(title.Render(p.name) + "\n")
	mn, mx := float32(math.Inf(1)), float32(math.Inf(-1))
	for _, v := range p.m.Data {
		if !math.IsInf(float64(v), 0) {
			mn, mx = min(mn, v), max(mx, v)
		}
	}
	b.WriteString(strings.Repeat(" ", 9))
	for j := 0; j < p.m.Cols; j++ {
		b.WriteString(fmt.Sprintf("%-8s", ansi.Truncate(p.cols[j], 7, "…")))
	}
	b.WriteString("\n")
	for i := 0; i < p.m.Rows && i < h-2; i++ {
		b.WriteString(fmt.Sprintf("%-9s", ansi.Truncate(p.rows[i], 8, "…")))
		for j := 0; j < p.m.Cols; j++ {
			v := p.m.At(i, j)
			t := 0.0
			if mx > mn {
				t = float64((v - mn) / (mx - mn))
			}
			bg := m.theme.Map.At(t)
			st := lipgloss.NewStyle().Background(bg).Foreground(themes.Contrast(bg))
			if focused && i == m.row && j == m.col {
				st = st.Reverse(true)
			}
			txt := fmt.Sprintf("%7.4f ", v)
			if math.IsInf(float64(v), -1) {
				txt = "   -∞   "
			}
			b.WriteString(st.Render(txt))
		}
		b.WriteString("\n")
	}
	return b.String()
}
