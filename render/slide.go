package render

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// ErrPanel is wrapped by the error for an Options.Panel the stage does not
// have; the message lists the names it has.
var ErrPanel = errors.New("unknown panel")

// paneled is what the TUI's root model offers for --panel.
type paneled interface {
	PanelNames() []string
	RenderPanel(name string, w, h int) (string, error)
}

// view returns m's view under opts and the options to encode it with: the
// whole screen, or (opts.Panel) one matrix with its title, labels and
// legend, laid out in the screen's size and cropped to what it draws plus
// a one-cell margin.
func view(m tea.Model, opts Options) (tea.View, Options, error) {
	if opts.Panel == "" {
		return pageColors(m, m.View()), opts, nil
	}
	p, ok := m.(paneled)
	if !ok {
		return tea.View{}, opts, fmt.Errorf("--panel: %w: this screen has no panels", ErrPanel)
	}
	s, err := p.RenderPanel(opts.Panel, max(opts.Width-2, 1), max(opts.Height-2, 1))
	if err != nil {
		return tea.View{}, opts, fmt.Errorf("--panel: %w: %v", ErrPanel, err)
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	w := 0
	for i, l := range lines {
		w = max(w, ansi.StringWidth(l))
		lines[i] = " " + l
	}
	o := opts
	o.Width, o.Height = w+2, len(lines)+2
	v := tea.NewView("\n" + strings.Join(lines, "\n"))
	return pageColors(m, v), o, nil
}
