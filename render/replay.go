package render

import (
	"image/color"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/internal/replay"
)

// Limits on what Replay runs, so that a model that keeps scheduling work (a
// ticking clock, an auto-advance timer) cannot hang a render.
const (
	// MaxMessages bounds the messages one Replay call feeds to Update.
	MaxMessages = replay.MaxMessages
	// CmdTimeout is how long one command may run before Replay gives up on
	// it and drops its message.
	CmdTimeout = replay.CmdTimeout
)

// Start brings a freshly made model to where a terminal program would have
// it before the first key press: it runs Init's commands, then sends the
// window size, the colour profile and the terminal background bg (nil: the
// render default, dark), running every command they return.
func Start(m tea.Model, width, height int, prof colorprofile.Profile, bg color.Color) (tea.Model, error) {
	if bg == nil {
		_, bg = defaultColors()
	}
	return replay.Start(m, width, height, prof, bg)
}

// Replay feeds msgs (typically key presses from ParseKeys) to m's Update one
// at a time. After each, it runs the returned command synchronously and
// feeds its message back, recursively, as the Bubble Tea runtime would:
// batches and sequences are expanded in order, tea.Quit is ignored (the
// screen stays as it was), nil messages are skipped. A command that runs
// longer than CmdTimeout is abandoned; at most MaxMessages are fed in all.
// A panic in Update or in a command is returned as an error.
func Replay[K tea.Msg](m tea.Model, msgs ...K) (tea.Model, error) {
	return replay.Replay(m, msgs...)
}
