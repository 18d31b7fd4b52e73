package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/tokenizer"
)

// builder is the scene being built. One build runs at a time: a request
// made while one runs waits, and only the latest waiting one runs next (a
// slider dragged through ten settings of a large configuration computes
// two scenes, not ten at once).
type builder struct {
	source   pipeline.Source  // what builds scenes
	req      pipeline.Request // what the current (or pending) scene is built from
	seq      int              // build sequence number; stale results are dropped
	building bool
	pending  bool   // a newer request waits for the running build
	loading  string // the encoder a build is loading, for the status line
	// noPreload: Init does not warm the encoder (a one-shot render, where
	// a build loads it if a key ever needs it).
	noPreload bool
}

// WithoutPreload keeps Init from loading the encoder ahead of the first
// edit: for a screen drawn once (attnscope render), where that load would
// be most of the process's work and a build still loads it when needed.
func WithoutPreload() Option { return func(m *Model) { m.build.noPreload = true } }

// sceneMsg carries a finished build.
type sceneMsg struct {
	seq   int
	scene *pipeline.Scene
	err   error
}

func buildCmd(src pipeline.Source, seq int, req pipeline.Request) tea.Cmd {
	return func() tea.Msg {
		sc, err := src.Build(req)
		return sceneMsg{seq: seq, scene: sc, err: err}
	}
}

// preload loads the encoder in the background after the first frame, so
// the first edit does not wait for it.
func preload(encoding string) tea.Cmd {
	return func() tea.Msg {
		_ = tokenizer.Preload(encoding) // an unknown encoding shows its error on the next build
		return nil
	}
}

// start asks for req; it returns the command to run, or nil when a build
// is running (req then waits, replacing any earlier waiting request).
func (b *builder) start(req pipeline.Request) tea.Cmd {
	b.req = req
	b.loading = ""
	if !tokenizer.Loaded(req.Encoding) {
		b.loading = req.Encoding
	}
	if b.building {
		b.pending = true
		return nil
	}
	b.seq++
	b.building = true
	return buildCmd(b.source, b.seq, req)
}

// rebuild starts building req; the screen keeps the last good scene.
func (m *Model) rebuild(req pipeline.Request) tea.Cmd { return m.build.start(req) }

// landed takes a finished build: a stale one is dropped, an outdated one
// gives way to the request made since, a failed one keeps the last good
// scene and says why.
func (m Model) landed(msg sceneMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.build.seq {
		return m, nil
	}
	m.build.building = false
	if m.build.pending {
		m.build.pending = false
		return m, m.rebuild(m.build.req)
	}
	if msg.err != nil {
		m.message = msg.err.Error()
		if m.scene != nil {
			m.build.req = m.scene.Request
		}
		return m, nil
	}
	m.scene, m.message = msg.scene, ""
	m.refresh()
	return m, nil
}
