package render

import (
	"os"
	"testing"
)

// Tests draw with the embedded fonts only, whatever this machine has
// installed; the tests of installed fonts choose their folders
// (useFontDirs).
func TestMain(m *testing.M) {
	os.Setenv(FontDirsEnv, "none")
	os.Exit(m.Run())
}

// useFontDirs makes the font lookup search dirs ("none": no folder) until
// the test ends, starting from an empty glyph cache.
func useFontDirs(t *testing.T, dirs string) {
	t.Helper()
	reset := func(v string) {
		os.Setenv(FontDirsEnv, v)
		fs := fonts()
		fs.mu.Lock()
		fs.system, fs.cache = nil, map[glyphKey]*glyph{}
		fs.mu.Unlock()
	}
	reset(dirs)
	t.Cleanup(func() { reset("none") })
}
