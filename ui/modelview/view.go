package modelview

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/tokenizer"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/internal/cells"
)

// Render draws the whole screen as exactly height lines of at most width
// cells. It is pure.
func (m Model) Render() string {
	w, h := m.width, m.height
	if w < MinWidth || h < MinHeight {
		return cells.Fit(fmt.Sprintf("attnscope needs at least %d×%d cells; this terminal is %d×%d.\nEnlarge it, or press q to quit.", MinWidth, MinHeight, w, h), w, h)
	}
	if m.helpOn {
		return cells.Fit(m.renderHelp(), w, h)
	}
	top := []string{m.renderTitle(), m.renderCheckpoint(), m.renderTokens()}
	body := cells.Fit(m.renderBody(), w, m.bodyH())
	bottom := []string{m.renderStatus(), m.renderHelpLine()}
	return cells.Fit(strings.Join(append(append(top, body), bottom...), "\n"), w, h)
}

func (m Model) style() (accent, muted, text, warn lipgloss.Style) {
	s := lipgloss.NewStyle
	t := m.theme
	return s().Bold(true).Foreground(t.Accent), s().Foreground(t.Muted), s().Foreground(t.Text), s().Foreground(t.Warning)
}

// renderTitle is the first line: the view, its neighbours and the head
// selected.
func (m Model) renderTitle() string {
	accent, muted, _, _ := m.style()
	badge := lipgloss.NewStyle().Bold(true).Foreground(m.theme.Badge.Fg).Background(m.theme.Badge.Bg)
	cur := m.stage
	var prev, next string
	if cur > 0 {
		prev = muted.Render(m.stages[cur-1].Name + " ‹ ")
	}
	if cur < len(m.stages)-1 {
		next = muted.Render(" › " + m.stages[cur+1].Name)
	}
	sel := ""
	if c := m.config(); c.Layers > 0 {
		sel = muted.Render(fmt.Sprintf("   %s of %d×%d", headName(m.layer, m.head), c.Layers, c.Heads))
	}
	pos := muted.Render(fmt.Sprintf(" %d/%d ", cur+1, len(m.stages)))
	for _, parts := range [][]string{
		{accent.Render("attnscope"), " ", badge.Render(" MODEL "), pos, prev, accent.Render(m.stages[cur].Title), next, sel},
		{badge.Render(" MODEL "), pos, accent.Render(m.stages[cur].Title), sel},
	} {
		if line := strings.Join(parts, ""); ansi.StringWidth(line) <= m.width {
			return line
		}
	}
	return accent.Render(m.stages[cur].Title)
}

// renderCheckpoint says which checkpoint is loaded and how exact its
// numbers are.
func (m Model) renderCheckpoint() string {
	_, muted, text, _ := m.style()
	sc := m.sc
	if sc == nil {
		sc = m.pre.info
	}
	if sc == nil {
		return muted.Render("checkpoint " + specName(m.req.Spec) + " · opening…")
	}
	inf := sc.Model.Info
	c := inf.Config
	name, file := inf.Name, ""
	if len(inf.Paths) > 0 {
		file = filepath.Base(inf.Paths[0])
		if name == file { // no hub name: the folder says more
			name = filepath.Base(filepath.Dir(inf.Paths[0]))
		}
		file = shown(file)
		if len(inf.Paths) > 1 {
			file += fmt.Sprintf(" +%d", len(inf.Paths)-1)
		}
	}
	name = shown(name)
	params := float64(pipeline.ModelParams(sc.Model)) / 1e6
	sep := muted.Render(" · ")
	for _, parts := range [][]string{{
		text.Render(name),
		fmt.Sprintf("%s %s %s", file, byteSize(inf.Bytes), inf.Dtype),
		fmt.Sprintf("%.1fM params, L%d H%d d%d", params, c.Layers, c.Heads, c.D),
		"float32: within 1e-4 of PyTorch, not bit-exact",
	}, {
		text.Render(name),
		fmt.Sprintf("%s %s", byteSize(inf.Bytes), inf.Dtype),
		fmt.Sprintf("%.0fM params", params),
		"float32: within 1e-4 of PyTorch, not bit-exact",
	}} {
		if line := strings.Join(parts, sep); ansi.StringWidth(line) <= m.width {
			return line
		}
	}
	return text.Render(name) + sep + "within 1e-4 of PyTorch, not bit-exact"
}

// byteSize is n in MB or KB.
func byteSize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.0f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// renderTokens is the third line: the text's tokens, or the editor.
func (m Model) renderTokens() string {
	if m.editing {
		return m.input.View()
	}
	_, muted, text, _ := m.style()
	toks := m.tokens()
	if len(toks) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(muted.Render(fmt.Sprintf("T=%d ", len(toks))))
	sep := muted.Render("│")
	for i, t := range toks {
		if b.Len() > 4*m.width { // enough to fill the line; the rest is cut
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(text.Render(t.Label))
	}
	return b.String()
}

// renderStatus is the loading progress, a warning or a note.
func (m Model) renderStatus() string {
	_, muted, text, warn := m.style()
	switch {
	case m.load.active:
		return muted.Render(progressLine(m.load, m.width))
	case m.said != "":
		return text.Render(m.said)
	case m.message != "":
		return warn.Render("! " + shown(m.message))
	case m.sc != nil && m.needsLayer() && m.cache.get(m.layer) == nil:
		return muted.Render(fmt.Sprintf("computing layer %d's attention…", m.layer))
	case m.sc != nil && m.Stage() == viewOverview && len(m.thumbs) < m.sc.Model.Info.Config.Layers:
		return muted.Render(fmt.Sprintf("pooling the patterns: layer %d of %d…", len(m.thumbs)+1, m.sc.Model.Info.Config.Layers))
	case m.sc != nil && m.sc.Notice != "":
		return warn.Render("✂ the text was " + shown(m.sc.Notice))
	case m.note != "" && !m.clean:
		return muted.Render(shown(m.note))
	}
	return ""
}

// progressLine is "⠿ layer 3 of 12 ███░░░ Esc cancels".
func progressLine(l loading, w int) string {
	spin := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}[l.done%10]
	s := spin + " " + l.what
	if l.total > 0 {
		n := 20
		f := l.done * n / l.total
		s += "  " + strings.Repeat("█", f) + strings.Repeat("░", n-f)
	}
	if w > len(s)+14 {
		s += "  esc cancels"
	}
	return s
}

// renderHelpLine is the key hints of the view shown.
func (m Model) renderHelpLine() string {
	switch {
	case m.clean:
		return ""
	case m.editing:
		return m.help.ShortHelpView(append(m.KeyMap.editHelp(), m.input.KeyMap.Newline))
	case m.present:
		var more *key.Binding
		if m.narr.Cut() {
			more = &m.narr.KeyMap.More
		}
		return m.help.ShortHelpView(m.KeyMap.presentHelp(more))
	}
	if m.narr.Cut() {
		return m.help.ShortHelpView(m.KeyMap.shortHelpWith(m.narr.KeyMap.More))
	}
	return m.help.ShortHelpView(m.KeyMap.ShortHelp())
}

// renderHelp is the full help: model mode's keys, then each view's.
func (m Model) renderHelp() string {
	accent, muted, _, _ := m.style()
	sub := muted.Bold(true)
	return accent.Render("attnscope — model mode keys") + "\n\n" + m.fullHelp(append(m.KeyMap.FullHelp(), m.narr.KeyMap.FullHelp()...)) + "\n\n" +
		sub.Render("overview") + "\n" + m.fullHelp(m.grid.KeyMap.FullHelp()) + "\n" +
		sub.Render("head") + "\n" + m.fullHelp(heatmap.DefaultKeyMap().FullHelp()) + "\n" +
		sub.Render("query") + "\n" + m.fullHelp(m.query.KeyMap.FullHelp()) + "\n" +
		sub.Render("metrics") + "\n" + m.fullHelp(m.table.KeyMap.FullHelp()) + "\n" +
		sub.Render("editing the text (e, or paste)") + "\n" + m.fullHelp([][]key.Binding{append(m.KeyMap.editHelp(), m.input.KeyMap.Newline)}) + "\n\n" +
		muted.Render("c colormap · t theme · press any key to close")
}

// fullHelp draws groups of keys side by side, in rows of fewer groups
// when they are wider than the screen.
func (m Model) fullHelp(groups [][]key.Binding) string {
	hm := m.help
	hm.ShowAll = true
	hm.SetWidth(0)
	s := hm.FullHelpView(groups)
	if len(groups) < 2 || lipgloss.Width(s) <= m.width {
		return s
	}
	n := len(groups) / 2
	return m.fullHelp(groups[:n]) + "\n" + m.fullHelp(groups[n:])
}

// renderBody is the view shown and its narration under it.
func (m Model) renderBody() string {
	view := cells.Fit(m.renderView(), m.width, m.viewH())
	n := m.narrationH()
	if n == 0 {
		return view
	}
	if m.clean && m.narr.Cut() { // a slide: the formula alone rather than a cut text
		return view + "\n\n" + m.narr.Styles.Formula.Render(ansi.Truncate(m.narr.Narration().Formula, m.width, ""))
	}
	return view + "\n\n" + m.narr.View()
}

// shown is s safe to print: every character that could steer the
// terminal, hide text or reorder it (controls, escapes, bidi and
// zero-width characters) drawn as a visible escape as token labels are,
// spaces kept as spaces. Names of files and checkpoints, and messages
// that may quote them, go through it.
func shown(s string) string {
	parts := strings.Split(s, " ")
	for i, p := range parts {
		parts[i] = tokenizer.Label([]byte(p))
	}
	return strings.Join(parts, " ")
}
