package settings

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/internal/cells"
	"github.com/attnscope/attnscope/ui/internal/style"
)

// Styles are the panel's styles; DefaultStyles builds them from a theme.
type Styles struct {
	Title   lipgloss.Style // "Settings"
	Summary lipgloss.Style // "book defaults" / "2 changed from the book defaults"
	Cursor  lipgloss.Style // the › before the focused row
	Changed lipgloss.Style // the • before a row that differs from the book
	Label   lipgloss.Style
	Focused lipgloss.Style // the focused row's label and value
	Value   lipgloss.Style
	Typing  lipgloss.Style // a value being typed
	Hint    lipgloss.Style // notes and the focused row's description
	Error   lipgloss.Style // why a value or combination is refused
	Help    help.Styles
}

// DefaultStyles returns styles using only theme's roles (Accent, Muted,
// Text, Warning).
func DefaultStyles(t themes.Theme) Styles {
	s := lipgloss.NewStyle
	return Styles{
		Title:   s().Bold(true).Foreground(t.Accent),
		Summary: s().Foreground(t.Muted),
		Cursor:  s().Bold(true).Foreground(t.Accent),
		Changed: s().Foreground(t.Accent),
		Label:   s().Foreground(t.Text),
		Focused: s().Bold(true).Foreground(t.Accent),
		Value:   s().Foreground(t.Text),
		Typing:  s().Underline(true).Foreground(t.Accent),
		Hint:    s().Foreground(t.Muted),
		Error:   s().Foreground(t.Warning),
		Help:    style.Help(t),
	}
}

const (
	labelWidth = 12
	valueWidth = 16
)

// View draws the panel in at most Width×Height cells; it is pure.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	errField, cfgErr := m.validate()

	header := m.header()
	status := m.status(cfgErr)
	helpLine := m.Help.ShortHelpView(m.KeyMap.ShortHelp())

	// Fit: fields first (at least 3, or what there is), then the status,
	// the header and help; blank separators only when everything fits.
	nf := int(numFields)
	showHeader, showStatus, showHelp := true, status != "", true
	extras := func() int { return cells.B2I(showHeader) + cells.B2I(showStatus) + cells.B2I(showHelp) }
	for _, drop := range []*bool{&showHelp, &showHeader, &showStatus} {
		if h-extras() >= min(3, nf) {
			break
		}
		*drop = false
	}
	rows := max(1, min(nf, h-extras()))
	spare := h - extras() - rows

	var lines []string
	if showHeader {
		lines = append(lines, header)
		if spare > 0 {
			lines, spare = append(lines, ""), spare-1
		}
	}
	first := max(0, min(int(m.cursor)-rows/2, nf-rows))
	for f := Field(first); f < Field(first+rows); f++ {
		lines = append(lines, m.row(f, errField, cfgErr))
	}
	if spare > 0 && (showStatus || showHelp) {
		lines, spare = append(lines, ""), spare-1
	}
	if showStatus {
		lines = append(lines, status)
	}
	if showHelp {
		lines = append(lines, helpLine)
	}
	for i, l := range lines {
		lines[i] = cells.Clip(l, w)
	}
	return strings.Join(lines, "\n")
}

func (m Model) header() string {
	title := m.Styles.Title.Render("Settings")
	n := 0
	for f := Field(0); f < numFields; f++ {
		if differs(f, m.draft, m.draftEnc) {
			n++
		}
	}
	switch n {
	case 0:
		return title + m.Styles.Summary.Render(" · book defaults")
	case 1:
		return title + m.Styles.Summary.Render(" · 1 changed from the book defaults (") +
			m.Styles.Changed.Render("•") + m.Styles.Summary.Render(")")
	default:
		return title + m.Styles.Summary.Render(fmt.Sprintf(" · %d changed from the book defaults (", n)) +
			m.Styles.Changed.Render("•") + m.Styles.Summary.Render(")")
	}
}

// status is the line under the rows: a refused value, an invalid
// combination, or how to finish typing.
func (m Model) status(cfgErr error) string {
	switch {
	case m.inErr != "":
		return m.Styles.Error.Render(fmt.Sprintf("✗ %s %s", m.inField, m.inErr))
	case cfgErr != nil:
		return m.Styles.Error.Render("✗ "+displayErr(cfgErr)) +
			m.Styles.Hint.Render(" · last good settings stay on screen")
	case m.editing:
		return m.Styles.Hint.Render(fmt.Sprintf("typing %s · enter applies · esc cancels", m.cursor))
	}
	return ""
}

func (m Model) row(f Field, errField Field, cfgErr error) string {
	st := m.Styles
	focused := m.focused && f == m.cursor

	cursor := "  "
	if focused {
		cursor = st.Cursor.Render("›") + " "
	}
	mark := "  "
	if differs(f, m.draft, m.draftEnc) {
		mark = st.Changed.Render("•") + " "
	}
	label := cells.Pad(f.String(), labelWidth)
	if focused {
		label = st.Focused.Render(label)
	} else {
		label = st.Label.Render(label)
	}

	v := value(f, m.draft, m.draftEnc)
	var val string
	var w int // the value's width in cells
	switch {
	case focused && m.editing:
		val, w = st.Typing.Render(m.typed+"▏"), lipgloss.Width(m.typed)+1
	case focused:
		val, w = st.Focused.Render("‹ "+v+" ›"), lipgloss.Width(v)+4
	default:
		val, w = st.Value.Render("  "+v), lipgloss.Width(v)+2
	}
	line := cursor + mark + label + val
	if h := m.hint(f, focused, errField, cfgErr); h != "" {
		line += strings.Repeat(" ", max(1, valueWidth+1-w)) + h
	}
	return line
}

// hint is the text right of a row: its error, else notes and, on the
// focused row, what the field is.
func (m Model) hint(f Field, focused bool, errField Field, cfgErr error) string {
	st := m.Styles
	if m.inErr != "" && f == m.inField {
		return st.Error.Render("✗ " + m.inErr)
	}
	if cfgErr != nil && f == errField {
		return st.Error.Render("✗ " + shortErr(cfgErr))
	}
	var note string
	switch {
	case f == FieldQKVBias && m.draft.QKVBias && m.draft.Init == compute.InitRand:
		note = "single head ignores it with rand init"
	case f == FieldSeed && m.draft.Seed > 0xffffffff:
		note = "PyTorch uses " + strconv.FormatUint(m.draft.Seed&0xffffffff, 10) + " (low 32 bits)"
	case f == FieldDropoutSeed && m.draft.DropoutSeed != nil && *m.draft.DropoutSeed > 0xffffffff:
		note = "PyTorch uses " + strconv.FormatUint(*m.draft.DropoutSeed&0xffffffff, 10) + " (low 32 bits)"
	case (f == FieldDropoutSeed || f == FieldDropoutRNG) && m.draft.Dropout == 0 &&
		(focused || differs(f, m.draft, m.draftEnc)):
		note = "no effect while dropout p = 0"
	case f == FieldEncoding && m.draftEnc == "gpt2":
		note = "= r50k_base"
	}
	if focused {
		if note != "" {
			note += " · "
		}
		note += f.about()
	}
	if note == "" {
		return ""
	}
	return st.Hint.Render(note)
}

// shortErr is a configuration error without its "--flag: " prefix.
func shortErr(err error) string {
	var ce *compute.ConfigError
	if errors.As(err, &ce) {
		return flagNames.Replace(ce.Msg)
	}
	var se *pipeline.SizeError
	if errors.As(err, &se) {
		return fmt.Sprintf("too large: %d MiB at %d tokens, limit %d MiB", se.Need, se.Tokens, se.Limit)
	}
	return err.Error()
}

// displayErr names the setting in the panel's words.
func displayErr(err error) string {
	var ce *compute.ConfigError
	if errors.As(err, &ce) {
		return fmt.Sprintf("%s %s", fieldForSetting(ce.Setting), shortErr(err))
	}
	return flagNames.Replace(err.Error())
}
