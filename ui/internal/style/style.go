// Package style builds the lipgloss styles the UI's components share from a
// themes.Theme, so that every help line reads the same and follows the
// theme.
//
// Imports: bubbles' help, lipgloss and themes.
package style

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/themes"
)

// Help returns help-line styles in t's colours: keys in the text colour,
// descriptions, separators and the ellipsis muted.
func Help(t themes.Theme) help.Styles {
	s := lipgloss.NewStyle
	return help.Styles{
		Ellipsis:       s().Foreground(t.Muted),
		ShortKey:       s().Foreground(t.Text),
		ShortDesc:      s().Foreground(t.Muted),
		ShortSeparator: s().Foreground(t.Muted),
		FullKey:        s().Foreground(t.Text),
		FullDesc:       s().Foreground(t.Muted),
		FullSeparator:  s().Foreground(t.Muted),
	}
}
