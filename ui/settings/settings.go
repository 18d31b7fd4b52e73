package settings

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/themes"
)

// ChangedMsg carries a new valid configuration; the root recomputes with it.
// Config never shares its DropoutSeed pointer with the panel.
type ChangedMsg struct {
	Config   compute.Config
	Encoding string
}

// ClosedMsg says the user closed the panel (esc, or enter with nothing
// typed). An invalid draft is dropped on esc: the panel goes back to the
// last applied configuration.
type ClosedMsg struct{}

// maxTyped bounds the typed buffer (2⁶⁴−1 has 20 digits).
const maxTyped = 24

// Model is the settings panel.
type Model struct {
	KeyMap KeyMap
	Styles Styles
	Help   help.Model

	draft      compute.Config // what the rows show; may be invalid
	draftEnc   string
	applied    compute.Config // last valid configuration sent or set
	appliedEnc string

	cursor  Field
	editing bool   // a value is being typed into the focused field
	typed   string // the typed text
	inErr   string // why the last typed value was refused
	inField Field  // the field inErr is about

	focused       bool
	width, height int
	maxTokens     int // the token cap the size limit is checked at (0: the default)
}

// New returns a blurred panel showing cfg and encoding.
func New(cfg compute.Config, encoding string, theme themes.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), Help: help.New(), inField: -1, width: 60, height: 16}
	m.SetTheme(theme)
	m.SetConfig(cfg, encoding)
	return m
}

// SetTheme restyles the panel with theme's roles.
func (m *Model) SetTheme(theme themes.Theme) {
	m.Styles = DefaultStyles(theme)
	m.Help.Styles = m.Styles.Help
	m.Help.ShortSeparator = " · "
	m.Help.FullSeparator = "   "
}

// SetConfig syncs the panel from outside (no ChangedMsg is sent). Typing in
// progress and refused-input messages are dropped.
func (m *Model) SetConfig(cfg compute.Config, encoding string) {
	cfg.DropoutSeed = cloneSeed(cfg.DropoutSeed)
	m.draft, m.draftEnc = cfg, encoding
	m.applied, m.appliedEnc = cfg, encoding
	m.applied.DropoutSeed = cloneSeed(cfg.DropoutSeed)
	m.cancelTyping()
}

// SetMaxTokens sets the token cap of the request the panel configures:
// a configuration whose scene at that many tokens would exceed the
// compute limit is refused, as on the command line (0: the default cap).
func (m *Model) SetMaxTokens(n int) { m.maxTokens = n }

// Config returns the last valid configuration (the one the root shows) and
// its encoding. The returned DropoutSeed pointer is a copy.
func (m Model) Config() (compute.Config, string) {
	c := m.applied
	c.DropoutSeed = cloneSeed(c.DropoutSeed)
	return c, m.appliedEnc
}

// Draft returns what the rows show, which may be invalid, and its encoding.
func (m Model) Draft() (compute.Config, string) {
	c := m.draft
	c.DropoutSeed = cloneSeed(c.DropoutSeed)
	return c, m.draftEnc
}

// Err returns why the draft cannot be applied (nil when it is valid).
func (m Model) Err() error {
	_, err := m.validate()
	return err
}

// Changed returns the labels of the settings that differ from the book
// defaults, in row order; empty means book defaults.
func (m Model) Changed() []string {
	var out []string
	for f := Field(0); f < numFields; f++ {
		if differs(f, m.applied, m.appliedEnc) {
			out = append(out, f.String())
		}
	}
	return out
}

// Cursor returns the focused row.
func (m Model) Cursor() Field { return m.cursor }

// Typing reports whether a value is being typed.
func (m Model) Typing() bool { return m.editing }

// Focus makes the panel take keys.
func (m *Model) Focus() { m.focused = true }

// Blur makes the panel ignore keys; typing in progress is dropped.
func (m *Model) Blur() {
	m.focused = false
	m.cancelTyping()
}

// Focused reports whether the panel takes keys.
func (m Model) Focused() bool { return m.focused }

// SetSize sets the panel's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.Help.SetWidth(m.width)
}

// Width returns the panel's width.
func (m Model) Width() int { return m.width }

// Height returns the panel's height.
func (m Model) Height() int { return m.height }

// Update handles a key while the panel is focused. A change that leaves a
// valid draft different from the last applied one returns a Cmd yielding
// ChangedMsg; closing returns a Cmd yielding ClosedMsg.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}
	if p, ok := msg.(tea.PasteMsg); ok {
		m.paste(strings.TrimSpace(p.Content))
		return m, nil
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	m.inErr, m.inField = "", -1
	km := m.KeyMap
	switch {
	case key.Matches(kp, km.Close):
		if m.editing {
			m.cancelTyping()
			return m, nil
		}
		return m.close()
	case key.Matches(kp, km.Apply):
		if m.editing {
			m.commitTyping()
			return m, m.emit()
		}
		if _, err := m.validate(); err != nil {
			return m, nil // nothing to apply; the message stays up
		}
		return m.close()
	case key.Matches(kp, km.Up):
		m.commitTyping()
		m.cursor = (m.cursor + numFields - 1) % numFields
	case key.Matches(kp, km.Down):
		m.commitTyping()
		m.cursor = (m.cursor + 1) % numFields
	case key.Matches(kp, km.Left), key.Matches(kp, km.Right):
		m.commitTyping()
		if m.inErr == "" {
			dir := 1
			if key.Matches(kp, km.Left) {
				dir = -1
			}
			m.draft, m.draftEnc = step(m.cursor, m.draft, m.draftEnc, dir)
		}
	case key.Matches(kp, km.Reset):
		m.cancelTyping()
		m.draft, m.draftEnc = compute.DefaultConfig(), DefaultEncoding
	case key.Matches(kp, km.Erase):
		if m.editing {
			if m.typed == "" {
				m.cancelTyping()
			} else {
				m.typed = m.typed[:len(m.typed)-1]
			}
		}
		return m, nil
	case key.Matches(kp, km.Unset):
		if m.cursor == FieldDropoutSeed {
			m.cancelTyping()
			m.draft.DropoutSeed = nil
		}
	case key.Matches(kp, km.Type):
		num, dot := m.cursor.numeric()
		if !num || (kp.String() == "." && !dot) || len(m.typed) >= maxTyped {
			return m, nil
		}
		if !m.editing {
			m.editing, m.typed = true, ""
		}
		m.typed += kp.String()
		return m, nil
	default:
		return m, nil
	}
	return m, m.emit()
}

// paste types pasted text into a numeric field; text with anything but
// the field's characters is refused with a message.
func (m *Model) paste(s string) {
	num, dot := m.cursor.numeric()
	if !num || s == "" {
		return
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r != '.' || !dot) {
			m.inErr, m.inField = "takes digits only; paste refused", m.cursor
			return
		}
	}
	if !m.editing {
		m.editing, m.typed = true, ""
	}
	m.typed += s
	if len(m.typed) > maxTyped {
		m.typed = m.typed[:maxTyped]
	}
	m.inErr, m.inField = "", -1
}

// close drops an invalid draft and typing, blurs, and reports ClosedMsg.
func (m Model) close() (Model, tea.Cmd) {
	if _, err := m.validate(); err != nil {
		m.draft, m.draftEnc = m.Config()
	}
	m.Blur()
	return m, func() tea.Msg { return ClosedMsg{} }
}

// commitTyping parses the typed value into the draft; a refused value
// leaves the field as it was and sets inErr.
func (m *Model) commitTyping() {
	if !m.editing {
		return
	}
	c, err := parse(m.cursor, m.draft, m.typed)
	if err != nil {
		m.inErr, m.inField = err.Error(), m.cursor
	} else {
		m.draft = c
	}
	m.editing, m.typed = false, ""
}

func (m *Model) cancelTyping() { m.editing, m.typed = false, "" }

// emit applies a valid, new draft and returns the Cmd announcing it.
func (m *Model) emit() tea.Cmd {
	if _, err := m.validate(); err != nil {
		return nil
	}
	if equal(m.draft, m.applied) && m.draftEnc == m.appliedEnc {
		return nil
	}
	m.applied, m.appliedEnc = m.draft, m.draftEnc
	m.applied.DropoutSeed = cloneSeed(m.draft.DropoutSeed)
	msg := ChangedMsg{Config: m.draft, Encoding: m.draftEnc}
	msg.Config.DropoutSeed = cloneSeed(m.draft.DropoutSeed)
	return func() tea.Msg { return msg }
}

// validate checks the draft as the command line checks flags (every
// range, and the size limit at the token cap) and names the row at
// fault: the setting's own, or for a size error the focused one.
func (m Model) validate() (Field, error) {
	err := request(m.draft, m.draftEnc, m.maxTokens).Check()
	if err == nil {
		return -1, nil
	}
	var ce *compute.ConfigError
	if errors.As(err, &ce) {
		return fieldForSetting(ce.Setting), err
	}
	return m.cursor, err
}
