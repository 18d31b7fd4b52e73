package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui"
)

// Options say what to draw and how.
type Options struct {
	Stage         pipeline.Stage
	Width, Height int
	Color         string // none, 16, 256, truecolor
	Format        string // ansi, text
}

// Profile maps a --color value to a colour profile.
func Profile(name string) (colorprofile.Profile, error) {
	switch name {
	case "none":
		return colorprofile.NoTTY, nil
	case "16":
		return colorprofile.ANSI, nil
	case "256":
		return colorprofile.ANSI256, nil
	case "truecolor":
		return colorprofile.TrueColor, nil
	}
	return 0, fmt.Errorf("unknown colour profile %q (want none, 16, 256 or truecolor)", name)
}

// Screen returns the TUI's frame for scene under opts, as styled text.
func Screen(scene *pipeline.Scene, opts Options) string {
	var m tea.Model = ui.New(scene, opts.Stage)
	m, _ = m.Update(tea.WindowSizeMsg{Width: opts.Width, Height: opts.Height})
	return m.(ui.Model).Render()
}

// Write draws scene to w.
func Write(w io.Writer, scene *pipeline.Scene, opts Options) error {
	prof, err := Profile(opts.Color)
	if err != nil {
		return err
	}
	if opts.Format == "text" {
		prof = colorprofile.NoTTY
	}
	frame := Screen(scene, opts)
	var buf bytes.Buffer
	cw := &colorprofile.Writer{Forward: &buf, Profile: prof}
	if _, err := io.WriteString(cw, frame); err != nil {
		return err
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	_, err = io.WriteString(w, out)
	return err
}
