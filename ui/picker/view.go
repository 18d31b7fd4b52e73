package picker

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/internal/cells"
	"github.com/attnscope/attnscope/ui/internal/style"
)

// Styles are the picker's styles; DefaultStyles builds them from a theme.
type Styles struct {
	Title    lipgloss.Style
	Cursor   lipgloss.Style // the › before the highlighted sample
	Name     lipgloss.Style
	Selected lipgloss.Style // the highlighted sample's name
	About    lipgloss.Style
	Preview  lipgloss.Style // the highlighted sample's text
	Gutter   lipgloss.Style // the bar left of the preview
	Empty    lipgloss.Style
	Help     help.Styles
}

// DefaultStyles returns styles using only theme's roles (Accent, Muted,
// Text, Warning).
func DefaultStyles(t themes.Theme) Styles {
	s := lipgloss.NewStyle
	return Styles{
		Title:    s().Bold(true).Foreground(t.Accent),
		Cursor:   s().Bold(true).Foreground(t.Accent),
		Name:     s().Foreground(t.Text),
		Selected: s().Bold(true).Foreground(t.Accent),
		About:    s().Foreground(t.Muted),
		Preview:  s().Foreground(t.Text),
		Gutter:   s().Foreground(t.Accent),
		Empty:    s().Foreground(t.Warning),
		Help:     style.Help(t),
	}
}

const maxNameWidth = 16

// View draws the picker in at most Width×Height cells; it is pure.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := m.Styles
	n := len(m.items)
	if n == 0 {
		return cells.Clip(st.Empty.Render("no samples"), w)
	}

	// Budget: the list first (at least one row), then title, help and
	// preview; the preview takes whatever is left.
	showTitle, showHelp := h >= 3, h >= 4
	avail := h - cells.B2I(showTitle) - cells.B2I(showHelp)
	rows := min(n, avail)
	switch { // leave the preview room to be useful
	case avail-rows < 3 && avail >= 4:
		rows = max(1, min(n, avail-3))
	case avail-rows < 1 && avail >= 2:
		rows = avail - 1
	}
	previewLines := avail - rows

	var lines []string
	if showTitle {
		lines = append(lines, st.Title.Render("Samples")+st.About.Render(" · pick a text to tokenize"))
	}
	nameW := 0
	for _, s := range m.items {
		nameW = max(nameW, lipgloss.Width(Safe(s.Name)))
	}
	nameW = min(nameW, maxNameWidth)
	first := max(0, min(m.cursor-rows/2, n-rows))
	for i := first; i < first+rows; i++ {
		s := m.items[i]
		name := cells.Pad(truncate(Safe(s.Name), nameW), nameW)
		if i == m.cursor {
			lines = append(lines, st.Cursor.Render("› ")+st.Selected.Render(name)+"  "+st.About.Render(Safe(s.About)))
		} else {
			lines = append(lines, "  "+st.Name.Render(name)+"  "+st.About.Render(Safe(s.About)))
		}
	}
	if previewLines >= 2 {
		lines = append(lines, "")
		previewLines--
	}
	lines = append(lines, m.preview(previewLines, w)...)
	if showHelp {
		lines = append(lines, m.Help.ShortHelpView(m.KeyMap.ShortHelp()))
	}
	for i, l := range lines {
		lines[i] = cells.Clip(l, w)
	}
	return strings.Join(lines, "\n")
}

// preview is the highlighted sample's text, wrapped to w−2 cells behind a
// gutter, in at most n lines; a cut text ends with "…".
func (m Model) preview(n, w int) []string {
	s, ok := m.Highlighted()
	if n <= 0 || !ok {
		return nil
	}
	st := m.Styles
	tw := max(1, w-2)
	wrapped := strings.Split(lipgloss.Wrap(Safe(s.Text), tw, " "), "\n")
	if len(wrapped) > n {
		wrapped = wrapped[:n]
		last := wrapped[n-1]
		if lipgloss.Width(last) >= tw {
			last = truncate(last, tw-1)
		}
		wrapped[n-1] = last + "…"
	}
	out := make([]string, len(wrapped))
	for i, l := range wrapped {
		out[i] = st.Gutter.Render("│") + " " + st.Preview.Render(l)
	}
	return out
}

// truncate cuts plain text to w cells.
func truncate(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := lipgloss.Width(string(r))
		if used+rw > w {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String()
}
