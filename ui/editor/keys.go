package editor

import "charm.land/bubbles/v2/key"

// KeyMap is the editor's own bindings; every other key edits as in bubbles'
// textarea (arrows, Home/End, Ctrl-A/E/K/W, Alt-←/→…). It implements
// help.KeyMap.
type KeyMap struct {
	// Apply ends editing with the text (Enter): Update sends AppliedMsg.
	Apply key.Binding
	// Newline inserts a line break. Enter applies, so a newline takes
	// Alt-Enter or Ctrl-J (the byte a terminal sends for Ctrl-Enter in
	// many setups); a paste keeps its own newlines.
	Newline key.Binding
	// Cancel ends editing without the changes (Esc): Update sends
	// CancelledMsg.
	Cancel key.Binding
	// Clear empties the text (Ctrl-U).
	Clear key.Binding
}

// DefaultKeyMap returns Enter to apply, Alt-Enter / Ctrl-J for a newline,
// Esc to cancel and Ctrl-U to clear.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Apply:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Newline: key.NewBinding(key.WithKeys("alt+enter", "ctrl+j"), key.WithHelp("alt+enter/ctrl+j", "new line")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Clear:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Apply, k.Newline, k.Cancel, k.Clear}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
