package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/heatmap"
	"github.com/attnscope/attnscope/ui/internal/cells"
)

// headGrid is the all-heads grid of a stage at one size: every head's
// matrix analysed once, so that a cursor move only redraws the tiles.
type headGrid struct {
	scene  *pipeline.Scene // what it was built from
	stage  pipeline.Stage
	layer  int
	w, h   int             // the area it was built for
	tiles  []heatmap.Model // one per head; never changed once built
	perRow int
	note   string // what shows instead when there is nothing to tile
}

// buildHeadGrid lays every head's matrix (the stage's Grid) out as small
// multiples in w×h.
func (m Model) buildHeadGrid(w, h int) headGrid {
	g := headGrid{scene: m.scene, stage: m.sel.stage, layer: m.sel.layer, w: w, h: h, tiles: []heatmap.Model{}}
	v := m.stageData()
	heads := make([]*compute.Matrix, v.Heads)
	for hd := range heads {
		if heads[hd] = v.Tensors.Matrix(m.view.def.GridRef(v.Layer), hd); heads[hd] == nil {
			g.note = "no heads computed"
			return g
		}
	}
	n := len(heads)
	if n == 0 {
		g.note = "no heads computed"
		return g
	}
	g.perRow = gridColumns(n, heads[0].Rows, w, h)
	rowsOfTiles := (n + g.perRow - 1) / g.perRow
	tw, th := max(w/g.perRow-1, 4), max(h/rowsOfTiles-1, 3)
	labels := m.labels()
	for hd, hm := range heads {
		d := heatmap.FromMatrix(fmt.Sprintf("head %d", hd+1), hm, labels, labels, heatmap.Unit)
		d.Masked = upperTriangle(hm.Rows)
		g.tiles = append(g.tiles, heatmap.NewTile(d, m.look.theme, tw, th, m.look.noColor))
	}
	return g
}

// current reports whether g is the grid of what m shows at w×h (the
// selected head only marks a tile; the theme clears the grid).
func (g headGrid) current(m *Model, w, h int) bool {
	return g.tiles != nil && g.scene == m.scene && g.stage == m.sel.stage && g.layer == m.sel.layer && g.w == w && g.h == h
}

// renderHeadGrid draws the grid's tiles with the cursor at the selected
// cell and the selected head marked.
func (m Model) renderHeadGrid() string {
	g := m.view.grid
	if g.note != "" || len(g.tiles) == 0 {
		return g.note
	}
	var grid []string
	for start := 0; start < len(g.tiles); start += g.perRow {
		var tiles []string
		for hd := start; hd < min(start+g.perRow, len(g.tiles)); hd++ {
			t := g.tiles[hd] // a copy: the built tile keeps no cursor
			t.SetCursor(m.sel.row, m.sel.col)
			tile := t.View()
			if hd == m.sel.head {
				tile = lipgloss.NewStyle().Foreground(m.look.theme.Accent).Render("▶ ") + tile
			}
			tiles = append(tiles, tile, " ")
		}
		grid = append(grid, cells.JoinTop(tiles...))
	}
	return strings.Join(grid, "\n")
}

// gridColumns is how many of n tiles of t×t cells go side by side in w×h:
// the count that gives the largest cells (a cell is about twice as wide as
// tall; a tile has a label column and a title and a header line).
func gridColumns(n, t, w, h int) int {
	best, bestSize := 1, -1
	for k := 1; k <= n; k++ {
		tr := (n + k - 1) / k
		tw, th := w/k-1, h/tr-1
		if size := min((tw-8)/max(t, 1), 2*((th-2)/max(t, 1))); size > bestSize {
			best, bestSize = k, size
		}
	}
	return best
}
