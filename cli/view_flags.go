package cli

import (
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/render"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui"
)

// viewFlags choose how the screen looks: theme and colormap. They do not
// change a number, so they never leave book mode.
type viewFlags struct {
	theme, colormap string
	color           string // the TUI's --color; render has its own
	present         bool
}

var themeNames = []string{"auto", "dark", "light", "contrast-dark", "contrast-light"}

func (v *viewFlags) register(cmd *cobra.Command, withPresent bool) {
	f := cmd.Flags()
	f.StringVar(&v.theme, "theme", "auto", "palette: "+strings.Join(themeNames, ", ")+" (auto asks the terminal; dark without one)")
	var maps []string
	for _, cm := range themes.Colormaps {
		maps = append(maps, cm.Name)
	}
	f.StringVar(&v.colormap, "colormap", themes.Viridis.Name, "heatmap colormap: "+strings.Join(maps, ", "))
	if withPresent {
		f.BoolVar(&v.present, "present", false, "presenter mode: the opening card, then one stage per key, narration large")
	}
}

// options validates the flags and returns the UI options they ask for.
// NO_COLOR (any non-empty value, https://no-color.org) turns colour off.
func (v *viewFlags) options(fixedTheme bool) ([]ui.Option, error) {
	var t themes.Theme
	switch v.theme {
	case "auto":
		t = themes.Dark()
	case "dark":
		t = themes.Dark()
	case "light":
		t = themes.Light()
	case "contrast-dark":
		t = themes.HighContrast(true)
	case "contrast-light":
		t = themes.HighContrast(false)
	default:
		return nil, usageErrorf("--theme: must be one of %s, got %q", strings.Join(themeNames, ", "), v.theme)
	}
	cm, ok := themes.MapByName(v.colormap)
	if !ok {
		return nil, usageErrorf("--colormap: unknown colormap %q", v.colormap)
	}
	t = t.WithMap(cm)
	var opts []ui.Option
	if v.theme != "auto" || fixedTheme {
		opts = append(opts, ui.WithTheme(t))
	} else {
		opts = append(opts, ui.WithInitialTheme(t))
	}
	if os.Getenv("NO_COLOR") != "" {
		opts = append(opts, ui.WithNoColor(true))
	}
	return opts, nil
}

// registerColor adds --color to a command that runs the TUI.
func (v *viewFlags) registerColor(cmd *cobra.Command) {
	cmd.Flags().StringVar(&v.color, "color", "", "force a colour profile: none, 16, 256 or truecolor (default: what the terminal says)")
}

// tui validates the flags and returns how to start the TUI.
func (v *viewFlags) tui(cf *configFlags) (tuiRun, error) {
	opts, err := v.options(false)
	if err != nil {
		return tuiRun{}, err
	}
	run := tuiRun{ui: opts, fromStdin: cf.fromStdin}
	if v.color != "" {
		prof, err := render.Profile(v.color)
		if err != nil {
			return tuiRun{}, usageErrorf("--color: %v", err)
		}
		run.program = append(run.program, tea.WithColorProfile(prof))
		if prof == colorprofile.NoTTY {
			run.ui = append(run.ui, ui.WithNoColor(true))
		}
	}
	return run, nil
}
