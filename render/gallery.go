package render

// After a change to what the TUI draws, `go generate ./render` brings the
// render artefacts up to date: the README's gallery (docs/gallery, one PNG
// per stage, by scripts/gallery.sh; cli's TestGalleryUpToDate fails while
// it is stale) and this package's golden text and SVG files.

//go:generate sh ../scripts/gallery.sh
//go:generate go test -run TestGolden -update .
