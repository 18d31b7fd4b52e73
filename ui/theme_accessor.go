package ui

import "github.com/attnscope/attnscope/themes"

// Theme returns the palette the model draws with. render paints the page of
// an SVG, PNG or HTML screen with its Background and Text.
func (m Model) Theme() themes.Theme { return m.theme }
