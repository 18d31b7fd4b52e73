package heatmap

import "charm.land/bubbles/v2/key"

// KeyMap is the heatmap's key bindings. It implements help.KeyMap.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	RowStart, RowEnd      key.Binding // first / last key token of the row
	Top, Bottom           key.Binding // first / last query token of the column
	// Scale cycles the colour scale: as the matrix asks, fixed 0–1, the
	// matrix's own range, each row's own range.
	Scale key.Binding
}

// DefaultKeyMap returns the default bindings: arrows and h j k l move the
// cursor, Home/End jump along the row, g/G along the column.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "cursor up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "cursor down")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "cursor left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "cursor right")),
		RowStart: key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first column")),
		RowEnd:   key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last column")),
		Top:      key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "first row")),
		Bottom:   key.NewBinding(key.WithKeys("G"), key.WithHelp("G", "last row")),
		Scale:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "colour scale")),
	}
}

// ShortHelp returns the bindings for the short help line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Left, k.Right}
}

// FullHelp returns every binding, grouped for the full help.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right},
		{k.RowStart, k.RowEnd, k.Top, k.Bottom, k.Scale},
	}
}
