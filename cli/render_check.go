package cli

import (
	"slices"
	"strings"

	"github.com/attnscope/attnscope/render"
)

// maxKeys bounds render --keys: each key may lead to several messages
// (a rebuild, its result), and a replay feeds at most
// render.MaxMessages; a longer script would be cut silently.
const maxKeys = render.MaxMessages / 10

// checkRenderFlags refuses what render.Options would quietly take as a
// default: --scale 0, an empty --format, and more keys than a replay
// runs.
func checkRenderFlags(format string, scale, keys int) error {
	if !slices.Contains(render.Formats(), format) {
		return usageErrorf("--format: must be one of %s, got %q", strings.Join(render.Formats(), ", "), format)
	}
	if scale < 1 || scale > render.MaxScale {
		return usageErrorf("--scale: must be between 1 and %d, got %d", render.MaxScale, scale)
	}
	if keys > maxKeys {
		return usageErrorf("--keys: at most %d keys, got %d", maxKeys, keys)
	}
	return nil
}
