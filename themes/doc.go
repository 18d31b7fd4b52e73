// Package themes holds every colour attnscope draws with: the colormaps of
// heatmaps (viridis, cividis, magma, grayscale and the diverging
// blue–white–red for raw scores) and the palettes of the interface (dark,
// light and their high-contrast variants), each naming the roles the UI
// needs: accent, muted and normal text, border, cursor, warning, error, the
// book-mode badge, and the styles of masked (−∞), dropped and invalid cells.
// No colour literal lives outside this package.
//
// Imports: the standard library only (colours are image/color values, which
// lipgloss v2 takes directly).
package themes
