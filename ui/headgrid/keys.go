package headgrid

import "charm.land/bubbles/v2/key"

// KeyMap is the overview's key bindings. Help is generated from it.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	NextScore, PrevScore  key.Binding
	Thumbs                key.Binding
	Zoom                  key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "layer up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "layer down")),
		Left:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "head left")),
		Right:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "head right")),
		NextScore: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "next head score")),
		PrevScore: key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "previous head score")),
		Thumbs:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "scores / patterns")),
		Zoom:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open this head")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.NextScore, k.Thumbs, k.Zoom} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.NextScore, k.PrevScore, k.Thumbs, k.Zoom}}
}
