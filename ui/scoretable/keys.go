package scoretable

import "charm.land/bubbles/v2/key"

// KeyMap is the table's key bindings. Help is generated from it.
type KeyMap struct {
	Up, Down, Top, Bottom key.Binding
	PrevCol, NextCol      key.Binding
	Reverse               key.Binding
	Open                  key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "top")),
		Bottom:  key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		PrevCol: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "sort by the column left")),
		NextCol: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "sort by the column right")),
		Reverse: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reverse the order")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open this head")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.NextCol, k.Reverse, k.Open} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.PrevCol, k.NextCol, k.Reverse, k.Open}}
}
