package render

// The README's gallery, one image per stage, is rendered by
// scripts/gallery.sh; `go generate ./render` runs it.

//go:generate sh ../scripts/gallery.sh
