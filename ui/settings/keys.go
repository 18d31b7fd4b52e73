package settings

import "charm.land/bubbles/v2/key"

// KeyMap is the settings panel's key bindings. Help is generated from it.
type KeyMap struct {
	Up, Down    key.Binding // move between fields
	Left, Right key.Binding // decrease/increase a number, cycle a choice
	Type        key.Binding // type a number into a numeric field
	Erase       key.Binding // erase the last typed character
	Unset       key.Binding // unset the dropout seed
	Apply       key.Binding // apply the typed value; with nothing typed, close
	Close       key.Binding // cancel typing; with nothing typed, close
	Reset       key.Binding // reset every setting to the book defaults
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	digits := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "."}
	return KeyMap{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous field")),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next field")),
		Left:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "decrease")),
		Right: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "increase")),
		Type:  key.NewBinding(key.WithKeys(digits...), key.WithHelp("0-9", "type")),
		Erase: key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫", "erase digit")),
		Unset: key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "unset dropout seed")),
		Apply: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Reset: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset")),
	}
}

// ShortHelp implements help.KeyMap: one line, pairs folded together.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		pair(k.Up, k.Down, "field"), pair(k.Left, k.Right, "change"),
		k.Type, k.Apply, k.Close, k.Reset,
	}
}

// pair folds two bindings into one help entry named by their first keys.
func pair(a, b key.Binding, desc string) key.Binding {
	keys := append(append([]string(nil), a.Keys()...), b.Keys()...)
	if len(a.Keys()) == 0 || len(b.Keys()) == 0 {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(a.Help().Key+" "+b.Help().Key, desc))
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(glyph(a.Keys()[0])+"/"+glyph(b.Keys()[0]), desc))
}

// glyph is how help shows a key name.
func glyph(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	}
	return k
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right},
		{k.Type, k.Erase, k.Unset, k.Apply},
		{k.Close, k.Reset},
	}
}
