package editor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/themes"
)

// AppliedMsg is sent when the Apply key ends editing.
type AppliedMsg struct{ Text string }

// CancelledMsg is sent when the Cancel key ends editing.
type CancelledMsg struct{}

// Styles is how the editor draws.
type Styles struct {
	Prompt      lipgloss.Style
	Text        lipgloss.Style
	Escape      lipgloss.Style // a shown escape: ‹RLO›, ↵ between lines
	Cursor      lipgloss.Style
	Placeholder lipgloss.Style
}

// DefaultStyles derives the styles from a theme.
func DefaultStyles(t themes.Theme) Styles {
	return Styles{
		Prompt:      lipgloss.NewStyle().Bold(true).Foreground(t.Accent),
		Text:        lipgloss.NewStyle().Foreground(t.Text),
		Escape:      lipgloss.NewStyle().Foreground(t.Warning),
		Cursor:      lipgloss.NewStyle().Reverse(true),
		Placeholder: lipgloss.NewStyle().Foreground(t.Muted),
	}
}

// Model is a multi-line text editor for the sentence. Editing is bubbles'
// textarea; drawing is the editor's own, so that invisible and bidi
// characters show as escapes (‹RLO›, ‹ZWSP›) while the text keeps them.
type Model struct {
	KeyMap KeyMap
	Styles Styles
	// Prompt starts the first line; Placeholder shows while the text is
	// empty.
	Prompt, Placeholder string
	// CharLimit is the most characters the text holds (0: no limit).
	CharLimit int

	ta            textarea.Model
	width, height int
}

// textareaWidth is the textarea's own width. The editor draws the text
// itself, so this only decides where ↑/↓ move (by lines up to this length)
// and what the textarea pads each line to on every update, unseen.
const textareaWidth = 256

// New returns an empty, blurred editor one line high.
func New() Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	ta.SetWidth(textareaWidth)
	st := ta.Styles()
	st.Cursor.Blink = false // the editor draws its own steady cursor: no timer traffic
	ta.SetStyles(st)
	m := Model{
		KeyMap: DefaultKeyMap(), Styles: DefaultStyles(themes.Default),
		Prompt: "› ", Placeholder: "type a sentence",
		ta: ta, width: 80, height: 1,
	}
	m.syncKeys()
	return m
}

// syncKeys hands the Newline binding to the textarea and keeps Enter and
// the Clear key away from it.
func (m *Model) syncKeys() {
	m.ta.KeyMap.InsertNewline = m.KeyMap.Newline
	m.ta.KeyMap.DeleteBeforeCursor = key.NewBinding(key.WithDisabled())
}

// SetValue replaces the text (newlines kept, "\r\n" read as one) and puts
// the cursor at its end.
func (m *Model) SetValue(s string) {
	m.ta.CharLimit = m.CharLimit
	m.ta.SetValue(normalize(s))
}

// Value returns the text, lines joined by "\n".
func (m Model) Value() string { return m.ta.Value() }

// CursorEnd moves the cursor to the end of the text.
func (m *Model) CursorEnd() { m.ta.MoveToEnd() }

// Focus gives the editor the keyboard.
func (m *Model) Focus() tea.Cmd { return m.ta.Focus() }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.ta.Blur() }

// Focused reports whether the editor has the keyboard.
func (m Model) Focused() bool { return m.ta.Focused() }

// SetWidth sets the width View fills.
func (m *Model) SetWidth(w int) { m.width = max(w, 1) }

// SetHeight sets how many lines View draws. One line shows the whole text
// with ↵ where lines break, scrolled to the cursor; more show the lines.
func (m *Model) SetHeight(h int) { m.height = max(h, 1) }

// SetSize sets both.
func (m *Model) SetSize(w, h int) { m.SetWidth(w); m.SetHeight(h) }

// Width and Height return the size.
func (m Model) Width() int  { return m.width }
func (m Model) Height() int { return m.height }

// Update handles a key or a paste. Apply and Cancel end editing with a
// message; Clear empties the text; everything else edits.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m.syncKeys()
	m.ta.CharLimit = m.CharLimit
	switch msg := msg.(type) {
	case tea.PasteMsg:
		msg.Content = normalize(msg.Content)
		var cmd tea.Cmd
		m.ta, cmd = m.ta.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		switch {
		case !m.ta.Focused():
			return m, nil
		case key.Matches(msg, m.KeyMap.Apply):
			text := m.Value()
			return m, func() tea.Msg { return AppliedMsg{Text: text} }
		case key.Matches(msg, m.KeyMap.Cancel):
			return m, func() tea.Msg { return CancelledMsg{} }
		case key.Matches(msg, m.KeyMap.Clear):
			m.ta.Reset()
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.ta, cmd = m.ta.Update(msg)
	return m, cmd
}

// normalize reads CRLF and lone CR (a paste from Windows or an old Mac) as
// one newline each.
func normalize(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
