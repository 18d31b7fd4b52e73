package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/attnscope/attnscope/pipeline"
)

// KeyMap is the root model's key bindings. The help screen is generated
// from it (and from each component's KeyMap).
type KeyMap struct {
	Next, Prev             key.Binding
	PanelNext, PanelPrev   key.Binding
	HeadNext, HeadPrev     key.Binding
	Grid                   key.Binding
	Inspector              key.Binding
	Edit                   key.Binding
	Settings, Samples      key.Binding
	Colormap, Theme        key.Binding
	Help, Quit, Why        key.Binding
	Apply, Cancel, ClearLn key.Binding
	// TokenUp and TokenDown move through the token table.
	TokenUp, TokenDown key.Binding
	// Interrupt quits from any mode, even while typing.
	Interrupt key.Binding
}

// DefaultKeyMap returns attnscope's keys (see the README's key table).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:      key.NewBinding(key.WithKeys("n", "pgdown", "tab", "space"), key.WithHelp("n/pgdn/tab", "next stage")),
		Prev:      key.NewBinding(key.WithKeys("p", "pgup", "shift+tab"), key.WithHelp("p/pgup/⇧tab", "previous stage")),
		PanelNext: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next matrix")),
		PanelPrev: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous matrix")),
		HeadNext:  key.NewBinding(key.WithKeys(">", "."), key.WithHelp(">", "next head")),
		HeadPrev:  key.NewBinding(key.WithKeys("<", ","), key.WithHelp("<", "previous head")),
		Grid:      key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "all heads grid")),
		Inspector: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "inspector")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit sentence")),
		Settings:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "settings")),
		Samples:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open sample")),
		Colormap:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "colormap")),
		Theme:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "light/dark")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Why:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why attention?")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Apply:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		ClearLn:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
		TokenUp:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous token")),
		TokenDown: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next token")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Edit, k.Settings, k.Inspector, k.Help, k.Quit}
}

// shortHelpFor is the help line of a stage: its own keys first (the head
// keys where it shows one head at a time, and the grid where it has one).
func (k KeyMap) shortHelpFor(s pipeline.StageDef) []key.Binding {
	switch {
	case s.Grid != "":
		return []key.Binding{k.Next, k.Prev, k.HeadNext, k.Grid, k.Settings, k.Help, k.Quit}
	case s.PerHead():
		return []key.Binding{k.Next, k.Prev, k.HeadNext, k.PanelNext, k.Settings, k.Help, k.Quit}
	}
	return k.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.PanelNext, k.PanelPrev},
		{k.HeadNext, k.HeadPrev, k.Grid, k.Inspector},
		{k.Edit, k.Settings, k.Samples, k.Colormap, k.Theme},
		{k.Why, k.Help, k.Quit},
	}
}

// editHelp is the help line while editing the sentence.
func (k KeyMap) editHelp() []key.Binding { return []key.Binding{k.Apply, k.Cancel, k.ClearLn} }
