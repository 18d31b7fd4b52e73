package render

import (
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// arcDirs gives, for each rounded corner, the directions of its horizontal
// and vertical arms (+1 right/down, −1 left/up).
var arcDirs = map[rune][2]float64{
	'╭': {+1, +1}, '╮': {-1, +1}, '╯': {-1, -1}, '╰': {+1, -1},
}

type arcKey struct {
	r    rune
	w, h int
}

var (
	arcMu    sync.Mutex
	arcCache = map[arcKey]*glyph{}
)

// arcGlyph returns the rounded corner r for a w×h-pixel cell at scale s as
// an outline whose pen is the cell's top-left corner: a quarter circle of
// light-line thickness joining straight arms that meet ─ and │ exactly
// where boxShapes draws them. Its coordinates are device pixels (device is
// set), so that the joins are exact at every scale.
func arcGlyph(r rune, w, h int) *glyph {
	arcMu.Lock()
	defer arcMu.Unlock()
	k := arcKey{r, w, h}
	if g, ok := arcCache[k]; ok {
		return g
	}
	d := arcDirs[r]
	dx, dy := d[0], d[1]
	t := max(1, int(math.Round(float64(w)/10))) // boxShapes' light thickness
	// The centre lines of │ and ─ as boxShapes places them.
	lx := float64(w/2-t/2) + float64(t)/2
	ly := float64(h/2-t/2) + float64(t)/2
	half := float64(t) / 2
	xend, yend := 0.0, 0.0
	if dx > 0 {
		xend = float64(w)
	}
	if dy > 0 {
		yend = float64(h)
	}
	// The curve ends a line's width short of the edges, so the last pixels
	// of each arm are straight and meet the neighbour exactly.
	rad := min(math.Abs(xend-lx), math.Abs(yend-ly)) - float64(t)
	cx, cy := lx+dx*rad, ly+dy*rad
	const kappa = 0.5522847498 // cubic Bézier approximation of a quarter circle
	ro, ri := rad+half, rad-half
	pt := func(x, y float64) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	}
	seg := func(op sfnt.SegmentOp, xy ...float64) sfnt.Segment {
		sg := sfnt.Segment{Op: op}
		for i := 0; i < len(xy); i += 2 {
			sg.Args[i/2] = pt(xy[i], xy[i+1])
		}
		return sg
	}
	L, C := sfnt.SegmentOpLineTo, sfnt.SegmentOpCubeTo
	segs := []sfnt.Segment{
		seg(sfnt.SegmentOpMoveTo, xend, ly-dy*half),
		seg(L, cx, cy-dy*ro),
		seg(C, cx-dx*kappa*ro, cy-dy*ro, cx-dx*ro, cy-dy*kappa*ro, cx-dx*ro, cy),
		seg(L, lx-dx*half, yend),
		seg(L, lx+dx*half, yend),
		seg(L, cx-dx*ri, cy),
		seg(C, cx-dx*ri, cy-dy*kappa*ri, cx-dx*kappa*ri, cy-dy*ri, cx, cy-dy*ri),
		seg(L, xend, ly+dy*half),
	}
	g := &glyph{segs: segs, ok: true, device: true}
	arcCache[k] = g
	return g
}
