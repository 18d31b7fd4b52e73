// Package themes holds every colour attnscope draws with: colormaps for
// heatmaps and the palette of the interface. No colour literal lives outside
// this package.
//
// Imports: the standard library and go-colorful/lipgloss colour types only.
package themes
