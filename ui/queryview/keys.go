package queryview

import "charm.land/bubbles/v2/key"

// KeyMap is the query view's key bindings. Help is generated from it.
type KeyMap struct {
	Prev, Next  key.Binding
	First, Last key.Binding
	Up, Down    key.Binding
	HideFirst   key.Binding
	Open        key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Prev:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous query token")),
		Next:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next query token")),
		First:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first token")),
		Last:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last token")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "head up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "head down")),
		HideFirst: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "hide the first token (renormalise)")),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open this head")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Prev, k.Next, k.HideFirst, k.Open} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Prev, k.Next, k.First, k.Last}, {k.Up, k.Down, k.HideFirst, k.Open}}
}
