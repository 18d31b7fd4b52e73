// Package replay runs a Bubble Tea model without a terminal: it feeds
// messages to Update and runs the commands they return synchronously, as
// the runtime would, so that a screen can be scripted (attnscope render)
// and tested (the ui package's tests) through the same path.
//
// Imports: bubbletea and colorprofile.
package replay

import (
	"fmt"
	"image/color"
	"reflect"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Limits on what Replay runs, so that a model that keeps scheduling work (a
// ticking clock, an auto-advance timer) cannot hang a render.
const (
	// MaxMessages bounds the messages one Replay call feeds to Update.
	MaxMessages = 10000
	// CmdTimeout is how long one command may run before Replay gives up on
	// it and drops its message. Real work (building a scene: milliseconds)
	// must finish within it even on a loaded machine, or the render would
	// depend on timing; a timer longer than this (presenter auto-advance)
	// never fires in a render.
	CmdTimeout = 30 * time.Second
)

var cmdSliceType = reflect.TypeFor[[]tea.Cmd]()

// Start brings a freshly made model to where a terminal program would have
// it before the first key press: it runs Init's commands, then sends the
// window size, the colour profile and the terminal background bg, running
// every command they return.
func Start(m tea.Model, width, height int, prof colorprofile.Profile, bg color.Color) (tea.Model, error) {
	r := &Replayer{}
	m = r.run(m, m.Init())
	return r.Feed(m, tea.WindowSizeMsg{Width: width, Height: height},
		tea.ColorProfileMsg{Profile: prof}, tea.BackgroundColorMsg{Color: bg})
}

// Replay feeds msgs (typically key presses from ParseKeys) to m's Update one
// at a time. After each, it runs the returned command synchronously and
// feeds its message back, recursively, as the Bubble Tea runtime would:
// batches and sequences are expanded in order, tea.Quit is ignored (the
// screen stays as it was), nil messages are skipped. A command that runs
// longer than CmdTimeout is abandoned; at most MaxMessages are fed in all.
// A panic in Update or in a command is returned as an error.
func Replay[K tea.Msg](m tea.Model, msgs ...K) (tea.Model, error) {
	r := &Replayer{}
	all := make([]tea.Msg, len(msgs))
	for i, k := range msgs {
		all[i] = k
	}
	return r.Feed(m, all...)
}

// Replayer feeds messages as Replay does, with its own command timeout.
type Replayer struct {
	// Timeout is how long one command may run (0: CmdTimeout).
	Timeout time.Duration
	n       int
}

// Feed feeds msgs to m as Replay does.
func (r *Replayer) Feed(m tea.Model, msgs ...tea.Msg) (out tea.Model, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = m, fmt.Errorf("replay: the model panicked: %v", p)
		}
	}()
	for _, msg := range msgs {
		m = r.update(m, msg)
	}
	return m, nil
}

// update feeds one message and everything that follows from it.
func (r *Replayer) update(m tea.Model, msg tea.Msg) tea.Model {
	if msg == nil || r.n >= MaxMessages {
		return m
	}
	switch msg.(type) {
	case tea.QuitMsg, tea.InterruptMsg, tea.SuspendMsg:
		return m
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSliceType) {
		// tea.BatchMsg and the runtime's sequence message.
		for _, c := range v.Convert(cmdSliceType).Interface().([]tea.Cmd) {
			m = r.run(m, c)
		}
		return m
	}
	r.n++
	var cmd tea.Cmd
	m, cmd = m.Update(msg)
	return r.run(m, cmd)
}

// run runs cmd with a timeout and feeds its message to m.
func (r *Replayer) run(m tea.Model, cmd tea.Cmd) tea.Model {
	if cmd == nil || r.n >= MaxMessages {
		return m
	}
	type result struct {
		msg tea.Msg
		p   any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{p: p}
			}
		}()
		done <- result{msg: cmd()}
	}()
	timeout := r.Timeout
	if timeout == 0 {
		timeout = CmdTimeout
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case res := <-done:
		if res.p != nil {
			panic(fmt.Sprintf("command: %v", res.p))
		}
		return r.update(m, res.msg)
	case <-t.C:
		return m
	}
}
