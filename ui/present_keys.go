package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
)

// PresentKeyMap is presenter mode's key bindings: a clicker's keys
// (PgDn/PgUp, →/←, and b or . to blank the screen) and a keyboard's. Its
// help screen and footer are generated from it, so they list only keys
// that work while presenting.
type PresentKeyMap struct {
	Next, Prev         key.Binding
	First, Last        key.Binding
	Jump               key.Binding // 1–9, then a second digit for 10–12; 0 is the card
	Blank              key.Binding
	Pause              key.Binding // only with --auto
	WordsOn, WordsBack key.Binding // page the narration when it does not fit
	Explain            key.Binding // the cursor and the inspector for the main matrix
	Why                key.Binding
	Colormap, Theme    key.Binding
	Help, Quit         key.Binding
}

// DefaultPresentKeyMap returns presenter mode's keys; auto says whether the
// show advances by itself (then p pauses it, else p steps back).
func DefaultPresentKeyMap(auto bool) PresentKeyMap {
	prev := []string{"left", "pgup", "shift+tab", "backspace"}
	if !auto {
		prev = append(prev, "p")
	}
	k := PresentKeyMap{
		Next:      key.NewBinding(key.WithKeys("right", "pgdown", "n", "space", "tab"), key.WithHelp("→/pgdn", "next")),
		Prev:      key.NewBinding(key.WithKeys(prev...), key.WithHelp("←/pgup", "back")),
		First:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first stage")),
		Last:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last stage")),
		Jump:      key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1…12", "go to a stage (0: the card)")),
		Blank:     key.NewBinding(key.WithKeys("b", "."), key.WithHelp("b/.", "blank screen")),
		Pause:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause/resume")),
		WordsOn:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "more words")),
		WordsBack: key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "earlier words")),
		Explain:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "explain a number")),
		Why:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why attention?")),
		Colormap:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "colormap")),
		Theme:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "light/dark")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
	k.Pause.SetEnabled(auto)
	return k
}

// ShortHelp implements help.KeyMap: the footer.
func (k PresentKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Pause, k.Help, k.Quit, k.Blank, k.Explain}
}

// FullHelp implements help.KeyMap: the help screen.
func (k PresentKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.First, k.Last, k.Jump},
		{k.Pause, k.Blank, k.WordsOn, k.WordsBack, k.Explain},
		{k.Why, k.Colormap, k.Theme, k.Help, k.Quit},
	}
}

// updatePresent handles a key in presenter mode.
func (m Model) updatePresent(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.pkeys
	digit := m.pres.digit
	m.pres.digit = 0
	switch {
	case m.pres.blank:
		if key.Matches(msg, m.keys.Interrupt) {
			return m, tea.Quit
		}
		m.pres.blank = false // any key brings the screen back
		return m, m.restartClock()
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case m.inspecting && !m.pres.card && m.isCursorKey(msg):
		return m.moveCursor(msg)
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		dir := 1
		if key.Matches(msg, k.Prev) {
			dir = -1
		}
		m.advance(dir)
		return m, m.restartClock()
	case key.Matches(msg, k.First):
		m.goTo(0)
		return m, m.restartClock()
	case key.Matches(msg, k.Last):
		m.goTo(len(m.stages()) - 1)
		return m, m.restartClock()
	case key.Matches(msg, k.Jump):
		m.pres.digit = m.jump(digit, int(msg.Code-'0'))
		return m, m.restartClock()
	case key.Matches(msg, k.Blank):
		m.pres.blank = true
	case key.Matches(msg, k.Pause):
		m.pres.paused = !m.pres.paused
		return m, m.restartClock()
	case key.Matches(msg, k.Why):
		m.pres.card = !m.pres.card
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
	case m.pres.card:
	case key.Matches(msg, k.WordsOn):
		m.pres.page = min(m.pres.page+1, max(m.proseLay().pages-1, 0))
	case key.Matches(msg, k.WordsBack):
		m.pres.page = max(m.pres.page-1, 0)
	case key.Matches(msg, k.Explain):
		m.inspecting = !m.inspecting
		m.refresh()
	case key.Matches(msg, k.Colormap):
		m.setTheme(m.look.theme.NextMap())
		m.look.chosen = true
	case key.Matches(msg, k.Theme):
		m.setTheme(nextTheme(m.look.theme))
		m.look.chosen = true
	case m.inspecting && key.Matches(msg, m.insp.KeyMap.ScrollUp, m.insp.KeyMap.ScrollDown):
		m.insp, _ = m.insp.Update(msg)
	}
	return m, nil
}

// isCursorKey reports whether msg moves the main matrix's cursor (the
// arrows and h j k l) while a number is being explained.
func (m Model) isCursorKey(msg tea.KeyPressMsg) bool {
	if len(m.view.hms) == 0 {
		return false
	}
	c := m.view.hms[0].KeyMap
	return key.Matches(msg, c.Up, c.Down, c.Left, c.Right)
}

// goTo shows stage s (from 0), leaving the card.
func (m *Model) goTo(s int) {
	if s < 0 || s >= len(m.stages()) {
		return
	}
	m.pres.card = false
	m.sel.stage = pipeline.Stage(s)
	m.sel.panel, m.pres.page = 0, 0
	m.refresh()
}

// jump goes to the stage a digit names: 1–9 directly, a second digit
// right after a first makes 10–12, 0 alone is the card. It returns the
// digit a next one may follow (0: none).
func (m *Model) jump(prev, d int) int {
	n := len(m.stages())
	switch {
	case prev > 0 && prev*10+d <= n:
		m.goTo(prev*10 + d - 1)
		return 0
	case d == 0:
		m.pres.card = true
		return 0
	case d <= n:
		m.goTo(d - 1)
		return d
	}
	return 0
}

// restartClock restarts the auto-advance clock after a step, a pause or
// the screen coming back; nothing ticks while paused or blank.
func (m *Model) restartClock() tea.Cmd {
	m.pres.tickSeq++
	if m.pres.paused || m.pres.blank {
		return nil
	}
	return m.tick()
}
