package modelview

import "charm.land/bubbles/v2/key"

// KeyMap is model mode's own bindings; the components' keys (the
// overview's, the table's, the query view's, the heatmap's) come on top.
// The help screen is generated from them.
type KeyMap struct {
	Next, Prev             key.Binding
	HeadNext, HeadPrev     key.Binding
	LayerNext, LayerPrev   key.Binding
	HideFirst              key.Binding
	Fit                    key.Binding
	Inspector              key.Binding
	Induction              key.Binding
	Edit                   key.Binding
	Apply, Cancel, ClearLn key.Binding
	Help, Quit             key.Binding
	Interrupt              key.Binding
}

// DefaultKeyMap returns model mode's keys.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, help))
	}
	return KeyMap{
		Next:      b([]string{"n", "pgdown", "tab", "space"}, "n/pgdn/tab", "next view"),
		Prev:      b([]string{"p", "pgup", "shift+tab"}, "p/pgup/⇧tab", "previous view"),
		HeadNext:  b([]string{">", "."}, ">", "next head"),
		HeadPrev:  b([]string{"<", ","}, "<", "previous head"),
		LayerNext: b([]string{"]"}, "]", "next layer"),
		LayerPrev: b([]string{"["}, "[", "previous layer"),
		HideFirst: b([]string{"x"}, "x", "hide the first token (renormalise)"),
		Fit:       b([]string{"z"}, "z", "whole matrix, max-pooled / pan"),
		Inspector: b([]string{"i"}, "i", "inspector"),
		Induction: b([]string{"R"}, "R", "induction probe (new seed)"),
		Edit:      b([]string{"e"}, "e", "edit text"),
		Apply:     b([]string{"enter"}, "enter", "apply"),
		Cancel:    b([]string{"esc"}, "esc", "cancel"),
		ClearLn:   b([]string{"ctrl+u"}, "ctrl+u", "clear"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
		Interrupt: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
	}
}

// ShortHelp implements help.KeyMap: the main keys, paired, short enough
// for one line of 80 cells.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		brief("n/p", "view", k.Next, k.Prev),
		brief("[/]", "layer", k.LayerPrev, k.LayerNext),
		brief("</>", "head", k.HeadPrev, k.HeadNext),
		brief("R", "induction", k.Induction),
		k.Help, k.Quit,
	}
}

// shortHelpWith is ShortHelp with more (the narration's key, when it is
// cut) before help and quit.
func (k KeyMap) shortHelpWith(more key.Binding) []key.Binding {
	s := k.ShortHelp()
	n := len(s) - 2
	return append(append(s[:n:n], brief(more.Help().Key, "more", more)), s[n:]...)
}

// presentHelp is presenter mode's help line: stepping the views, the
// layer and the head, more when the narration is cut, and quitting.
func (k KeyMap) presentHelp(more *key.Binding) []key.Binding {
	out := []key.Binding{brief("n", "next", k.Next), brief("p", "previous", k.Prev),
		brief("[ ]", "layer", k.LayerPrev, k.LayerNext), brief("< >", "head", k.HeadPrev, k.HeadNext)}
	if more != nil {
		out = append(out, *more)
	}
	return append(out, k.Quit)
}

// brief is one help entry for the keys of bs.
func brief(keys, desc string, bs ...key.Binding) key.Binding {
	var all []string
	for _, b := range bs {
		all = append(all, b.Keys()...)
	}
	return key.NewBinding(key.WithKeys(all...), key.WithHelp(keys, desc))
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.LayerNext, k.LayerPrev},
		{k.HeadNext, k.HeadPrev, k.HideFirst, k.Fit},
		{k.Inspector, k.Induction, k.Edit, k.Cancel},
		{k.Help, k.Quit},
	}
}

// editHelp is the help line while editing the text.
func (k KeyMap) editHelp() []key.Binding { return []key.Binding{k.Apply, k.Cancel, k.ClearLn} }
