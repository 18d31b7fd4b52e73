package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/vector"
)

// maxPixels bounds a PNG's size (width × height), about 256 MB of RGBA.
const maxPixels = 64 << 20

// writePNG draws g at scale s as a PNG.
func writePNG(w io.Writer, g *grid, s int) error {
	img, err := drawGrid(g, s)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	return enc.Encode(w, img)
}

// drawGrid rasterises g at scale s.
func drawGrid(g *grid, s int) (*image.RGBA, error) {
	cw, ch := CellWidth*s, CellHeight*s
	W, H := g.w*cw, g.h*ch
	if int64(W)*int64(H) > maxPixels {
		return nil, fmt.Errorf("png: %d×%d pixels is too large (at most %d); lower --scale or the size", W, H, maxPixels)
	}
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.NewUniform(g.bg), image.Point{}, draw.Src)
	p := &pngPainter{img: img, scale: s, masks: map[*glyph]*glyphMask{}}
	paint(g, p, cw, ch, s)
	return img, nil
}

type pngPainter struct {
	img   *image.RGBA
	scale int
	masks map[*glyph]*glyphMask
}

// glyphMask is a glyph rasterised at the painter's scale; off is the
// mask's top-left relative to the pen.
type glyphMask struct {
	mask *image.Alpha
	off  image.Point
}

func (p *pngPainter) rect(x0, y0, x1, y1 int, c color.RGBA) {
	draw.Draw(p.img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
}

func (p *pngPainter) glyph(g *glyph, x, y int, c color.RGBA) {
	m, ok := p.masks[g]
	if !ok {
		m = rasterize(g, float32(p.scale))
		p.masks[g] = m
	}
	if m == nil {
		return
	}
	r := m.mask.Bounds().Add(image.Pt(x, y).Add(m.off))
	draw.DrawMask(p.img, r, image.NewUniform(c), image.Point{}, m.mask, image.Point{}, draw.Over)
}

// rasterize renders g's outline, scaled by s, with x/image/vector.
func rasterize(g *glyph, s float32) *glyphMask {
	if len(g.segs) == 0 {
		return nil
	}
	k := s / 64
	if g.device {
		k = 1.0 / 64
	}
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, seg := range g.segs {
		for i := range argCount(seg.Op) {
			px, py := float32(seg.Args[i].X)*k, float32(seg.Args[i].Y)*k
			minX, maxX = min(minX, px), max(maxX, px)
			minY, maxY = min(minY, py), max(maxY, py)
		}
	}
	ox, oy := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	w, h := int(math.Ceil(float64(maxX)))-ox, int(math.Ceil(float64(maxY)))-oy
	if w <= 0 || h <= 0 {
		return nil
	}
	z := vector.NewRasterizer(w, h)
	fx, fy := float32(ox), float32(oy)
	pt := func(i int, seg sfnt.Segment) (float32, float32) {
		return float32(seg.Args[i].X)*k - fx, float32(seg.Args[i].Y)*k - fy
	}
	for i, seg := range g.segs {
		switch seg.Op {
		case sfnt.SegmentOpMoveTo:
			if i > 0 {
				z.ClosePath()
			}
			z.MoveTo(pt(0, seg))
		case sfnt.SegmentOpLineTo:
			z.LineTo(pt(0, seg))
		case sfnt.SegmentOpQuadTo:
			bx, by := pt(0, seg)
			cx, cy := pt(1, seg)
			z.QuadTo(bx, by, cx, cy)
		case sfnt.SegmentOpCubeTo:
			bx, by := pt(0, seg)
			cx, cy := pt(1, seg)
			dx, dy := pt(2, seg)
			z.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	z.ClosePath()
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return &glyphMask{mask: mask, off: image.Pt(ox, oy)}
}

func argCount(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	}
	return 1
}
