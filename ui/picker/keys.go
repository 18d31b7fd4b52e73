package picker

import "charm.land/bubbles/v2/key"

// KeyMap is the picker's key bindings. Help is generated from it.
type KeyMap struct {
	Up, Down    key.Binding
	Top, Bottom key.Binding
	Pick        key.Binding
	Cancel      key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Pick:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "pick")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	ud := key.NewBinding(key.WithKeys(append(append([]string(nil), k.Up.Keys()...), k.Down.Keys()...)...), key.WithHelp("↑/↓", "move"))
	return []key.Binding{ud, k.Pick, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Pick, k.Cancel}}
}
