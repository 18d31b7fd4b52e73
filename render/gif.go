package render

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/attnscope/attnscope/pipeline"
)

// MaxFrames bounds the frames of one GIF (the keys of a script plus one).
const MaxFrames = 500

// maxGIFPixels bounds the pixels of all a GIF's frames together (each
// frame after the first counts only the rectangle that changed): the
// frames are held, one byte a pixel, until the GIF is written.
const maxGIFPixels = 4 * maxPixels

// writeGIFScript draws scene as an animated GIF: the screen before any key,
// then after each of opts.Keys.
func writeGIFScript(w io.Writer, scene *pipeline.Scene, opts Options) error {
	if len(opts.Keys)+1 > MaxFrames {
		return fmt.Errorf("--keys: a GIF has at most %d frames, got %d keys", MaxFrames, len(opts.Keys))
	}
	start := opts
	start.Keys = nil
	m, err := Model(scene, start)
	if err != nil {
		return err
	}
	// The grids first (the canvas is the largest of them: a cropped panel
	// changes size from stage to stage), then the pictures.
	var grids []*grid
	for i := 0; ; i++ {
		v, o, err := view(m, opts)
		if err != nil {
			return err
		}
		fg, bg := pageRGBA(v)
		prof, _ := Profile(o.Color)
		g := parseGrid(v.Content, o.Width, o.Height, prof, fg, bg)
		grids = append(grids, g)
		if i == len(opts.Keys) {
			break
		}
		if m, err = Replay(m, opts.Keys[i]); err != nil {
			return err
		}
	}
	noteMissing(opts.Log, grids...)
	gw := newGIFWriter(opts.Delay)
	scale := max(opts.Scale, 1)
	for _, g := range grids {
		gw.W, gw.H = max(gw.W, g.w*CellWidth*scale), max(gw.H, g.h*CellHeight*scale)
	}
	for _, g := range grids {
		if err := gw.add(g, scale); err != nil {
			return err
		}
	}
	return gw.encode(w)
}

// gifWriter collects frames: the first whole, each later one as the
// rectangle that changed, drawn over the one before (disposal none). Each
// frame has its own palette of its colours: exact when it has at most 256,
// else the 256 most frequent, every other colour taking the nearest.
type gifWriter struct {
	W, H  int // the canvas in pixels; 0: the first frame's size
	total int // pixels of all frames so far
	anim  gif.GIF
	prev  *image.RGBA
	delay int // hundredths of a second
}

func newGIFWriter(d time.Duration) *gifWriter {
	if d <= 0 {
		d = DefaultDelay
	}
	return &gifWriter{delay: max(int((d+5*time.Millisecond)/(10*time.Millisecond)), 1)}
}

// add rasterises g at scale s as the next frame, at the top left of the
// canvas, the rest of which takes g's page background.
func (gw *gifWriter) add(g *grid, s int) error {
	img, err := drawGrid(g, s)
	if err != nil {
		return err
	}
	if gw.W == 0 || gw.H == 0 {
		gw.W, gw.H = img.Bounds().Dx(), img.Bounds().Dy()
	}
	if img.Bounds().Size() != image.Pt(gw.W, gw.H) {
		if int64(gw.W)*int64(gw.H) > maxPixels {
			return fmt.Errorf("gif: %d×%d pixels is too large", gw.W, gw.H)
		}
		canvas := image.NewRGBA(image.Rect(0, 0, gw.W, gw.H))
		draw.Draw(canvas, canvas.Bounds(), image.NewUniform(g.bg), image.Point{}, draw.Src)
		draw.Draw(canvas, img.Bounds(), img, image.Point{}, draw.Src)
		img = canvas
	}
	r := img.Bounds()
	if gw.prev == nil {
		gw.anim.Config = image.Config{Width: gw.W, Height: gw.H}
	} else {
		r = changed(gw.prev, img)
	}
	if gw.total += r.Dx() * r.Dy(); gw.total > maxGIFPixels {
		return fmt.Errorf("gif: the frames come to more than %d pixels; lower --scale or use fewer keys", maxGIFPixels)
	}
	gw.prev = img
	gw.anim.Image = append(gw.anim.Image, quantize(img, r))
	gw.anim.Delay = append(gw.anim.Delay, gw.delay)
	gw.anim.Disposal = append(gw.anim.Disposal, gif.DisposalNone)
	return nil
}

func (gw *gifWriter) encode(w io.Writer) error {
	if gw.anim.Config.Width*gw.anim.Config.Height > maxPixels {
		return fmt.Errorf("gif: %d×%d pixels is too large", gw.anim.Config.Width, gw.anim.Config.Height)
	}
	if gw.anim.Config.Width > 0xffff || gw.anim.Config.Height > 0xffff {
		return fmt.Errorf("gif: %d×%d pixels is larger than a GIF can be (65535)", gw.anim.Config.Width, gw.anim.Config.Height)
	}
	return gif.EncodeAll(w, &gw.anim)
}

// changed is the smallest rectangle of cur that differs from prev (where
// their bounds differ, all of cur); at least one pixel, as a GIF frame
// cannot be empty.
func changed(prev, cur *image.RGBA) image.Rectangle {
	b := cur.Bounds()
	if prev.Bounds() != b {
		return b
	}
	r := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		po, co := prev.PixOffset(b.Min.X, y), cur.PixOffset(b.Min.X, y)
		for x := 0; x < b.Dx(); x++ {
			i, j := po+4*x, co+4*x
			if prev.Pix[i] != cur.Pix[j] || prev.Pix[i+1] != cur.Pix[j+1] || prev.Pix[i+2] != cur.Pix[j+2] {
				r = r.Union(image.Rect(b.Min.X+x, y, b.Min.X+x+1, y+1))
			}
		}
	}
	if r.Empty() {
		return image.Rect(b.Min.X, b.Min.Y, b.Min.X+1, b.Min.Y+1)
	}
	return r
}

// quantize converts the r part of img to a paletted image with a palette of
// its own colours.
func quantize(img *image.RGBA, r image.Rectangle) *image.Paletted {
	count := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			count[img.RGBAAt(x, y)]++
		}
	}
	cols := slices.SortedFunc(maps.Keys(count), func(a, b color.RGBA) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(uint32(a.R)<<16|uint32(a.G)<<8|uint32(a.B), uint32(b.R)<<16|uint32(b.G)<<8|uint32(b.B))
	})
	pal := make(color.Palette, 0, 256)
	index := make(map[color.RGBA]uint8, len(cols))
	for i, c := range cols[:min(len(cols), 256)] {
		pal = append(pal, c)
		index[c] = uint8(i)
	}
	for _, c := range cols[len(pal):] {
		index[c] = uint8(pal.Index(c))
	}
	out := image.NewPaletted(r, pal)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.SetColorIndex(x, y, index[img.RGBAAt(x, y)])
		}
	}
	return out
}
