package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// WithClean draws the screen for a slide (render --clean): no key-hint
// footer, no cell cursor, the inspector closed (the key i opens it), no
// hint about matrices that do not fit, and the narration either whole or,
// when it does not fit, its formula alone (never cut with "…").
func WithClean(on bool) Option {
	return func(m *Model) { m.clean, m.inspecting = on, m.inspecting && !on }
}

// PanelNames returns the names RenderPanel accepts for the current stage,
// the main matrix first: a short ASCII form of each matrix's title ("q",
// "w_query", "causal-weights"). The numbers 1…n are accepted as well.
func (m Model) PanelNames() []string {
	names := make([]string, len(m.view.panels))
	for i, p := range m.view.panels {
		n := panelSlug(p.name)
		if n == "" || slices.Contains(names[:i], n) {
			n = strconv.Itoa(i + 1)
		}
		names[i] = n
	}
	return names
}

// RenderPanel draws one matrix of the current stage, with its title, labels
// and legend but no cursor, laid out in at most w×h cells. name is one of
// PanelNames or a number from 1.
func (m Model) RenderPanel(name string, w, h int) (string, error) {
	names := m.PanelNames()
	if len(names) == 0 {
		return "", fmt.Errorf("the %s stage has no matrix to crop to", m.sel.stage.Name())
	}
	i := slices.Index(names, strings.ToLower(name))
	if n, err := strconv.Atoi(name); err == nil && n >= 1 && n <= len(names) {
		i = n - 1
	}
	if i < 0 {
		return "", fmt.Errorf("no panel %q at the %s stage (want %s, or 1–%d)", name, m.sel.stage.Name(), strings.Join(names, ", "), len(names))
	}
	hm := m.newHeatmap(m.view.panels[i], false, layout{panelW: w, panelH: h})
	hm.SetSize(w, h)
	return hm.View(), nil
}

// headOf matches the head number in a title ("head 2 of 4 weights").
var headOf = regexp.MustCompile(`head \d+( of \d+)?`)

// panelSlug turns a matrix title into a name that is easy to type: the
// left-hand side of "A = B" (else the title without its parentheses),
// without a head number, Greek letters spelt out, lower case, words joined
// by "-": "Q·Kᵀ/√d_k" is "qkt-scaled", "head 1 of 2 weights" "head-weights".
func panelSlug(title string) string {
	if l, _, ok := strings.Cut(title, " = "); ok {
		title = l
	}
	title = strings.ReplaceAll(headOf.ReplaceAllString(title, "head"), "/√d_k", " scaled")
	if i := strings.IndexByte(title, '('); i > 0 {
		title = title[:i]
	}
	greek := strings.NewReplacer("ω", "omega", "α", "alpha", "ᵀ", "t", "√", "sqrt", "·", "")
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(greek.Replace(title)) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// narrationFits reports whether the narration renderNarration draws in n
// lines of width w is whole.
func (m Model) narrationFits(w, n int) bool {
	if n == 1 && m.view.narr.Notice != "" {
		return ansi.StringWidth(m.view.narr.Notice) <= w
	}
	text := lipgloss.NewStyle().Width(w).Render(m.view.narr.Text)
	return 1+strings.Count(text, "\n")+1 <= n
}

// formulaOnly is the narration's formula line when it fits in w, else "".
func (m Model) formulaOnly(w int) string {
	if m.view.narr.Formula == "" || ansi.StringWidth(m.view.narr.Formula) > w {
		return ""
	}
	return lipgloss.NewStyle().Bold(true).Foreground(m.look.theme.Accent).Render(m.view.narr.Formula)
}
