package render

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/attnscope/attnscope/internal/replay"
)

// logModel records every message it receives and answers some keys with
// commands, as the UI does for its asynchronous work.
type logModel struct {
	log *[]string
}

type doneMsg string

func (m logModel) Init() tea.Cmd {
	return func() tea.Msg { return doneMsg("init") }
}

func (m logModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		*m.log = append(*m.log, "key "+msg.String())
		switch msg.String() {
		case "b":
			return m, tea.Batch(
				func() tea.Msg { return doneMsg("b1") },
				tea.Batch(func() tea.Msg { return doneMsg("b2") }, nil),
			)
		case "s":
			return m, tea.Sequence(
				func() tea.Msg { return doneMsg("s1") },
				func() tea.Msg { return doneMsg("s2") },
			)
		case "c":
			// A chain: each message asks for the next.
			return m, func() tea.Msg { return doneMsg("c1") }
		case "q":
			return m, tea.Quit
		case "slow":
		case "t":
			return m, tea.Tick(time.Hour, func(time.Time) tea.Msg { return doneMsg("tick") })
		case "!":
			return m, func() tea.Msg { panic("boom") }
		}
	case doneMsg:
		*m.log = append(*m.log, string(msg))
		if msg == "c1" {
			return m, func() tea.Msg { return doneMsg("c2") }
		}
	case tea.WindowSizeMsg:
		*m.log = append(*m.log, "size")
	case tea.ColorProfileMsg:
		*m.log = append(*m.log, "profile "+msg.Profile.String())
	case tea.BackgroundColorMsg:
		if msg.IsDark() {
			*m.log = append(*m.log, "bg dark")
		} else {
			*m.log = append(*m.log, "bg light")
		}
	case tea.QuitMsg:
		*m.log = append(*m.log, "quit reached Update")
	}
	return m, nil
}

func (m logModel) View() tea.View { return tea.NewView(strings.Join(*m.log, "\n")) }

func TestStartAndReplay(t *testing.T) {
	var log []string
	m, err := Start(logModel{&log}, 80, 24, colorprofile.ANSI256, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := ParseKeys("b s c q n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Replay(m, keys...); err != nil {
		t.Fatal(err)
	}
	want := "init|size|profile ANSI256|bg dark|key b|b1|b2|key s|s1|s2|key c|c1|c2|key q|key n"
	if got := strings.Join(log, "|"); got != want {
		t.Errorf("messages:\n got %s\nwant %s", got, want)
	}
}

func TestReplayAbandonsSlowCommands(t *testing.T) {
	var log []string
	r := &replay.Replayer{Timeout: 50 * time.Millisecond}
	k, _ := ParseKey("t")
	n, _ := ParseKey("n")
	if _, err := r.Feed(logModel{&log}, k, n); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(log, "|"); got != "key t|key n" {
		t.Errorf("messages = %s, want the tick dropped", got)
	}
}

func TestReplayPanicIsAnError(t *testing.T) {
	var log []string
	k, _ := ParseKey("!")
	if _, err := Replay(logModel{&log}, k); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Replay of a panicking command: err = %v, want one naming the panic", err)
	}
}

// loopModel answers every message with another: Replay must stop.
type loopModel struct{ n *int }

func (m loopModel) Init() tea.Cmd { return nil }
func (m loopModel) Update(tea.Msg) (tea.Model, tea.Cmd) {
	*m.n++
	return m, func() tea.Msg { return doneMsg("again") }
}
func (m loopModel) View() tea.View { return tea.NewView("") }

func TestReplayIsBounded(t *testing.T) {
	n := 0
	k, _ := ParseKey("x")
	if _, err := Replay(loopModel{&n}, k); err != nil {
		t.Fatal(err)
	}
	if n != MaxMessages {
		t.Errorf("Update ran %d times, want MaxMessages = %d", n, MaxMessages)
	}
}
