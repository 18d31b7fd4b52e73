package modelview

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/tokenizer"
	"github.com/attnscope/attnscope/ui/nexttok"
)

// Loading, step by step: openedMsg (the checkpoint mapped, the text
// tokenized), then the forward pass sends startedMsg with the trace it
// fills in, progressMsg after each layer and tracedMsg at the end, through
// a channel read by one command at a time.
// After a pass, the views' layer comes as layerMsg and the overview's
// pooled patterns as thumbMsg, one layer per command.

type openedMsg struct {
	seq    int
	info   *pipeline.ModelScene
	tokens []tokenizer.Token
	err    error
}

type progressMsg struct{ seq, layer int }

type tracedMsg struct {
	seq int
	sc  *pipeline.ModelScene
	err error
}

type layerMsg struct {
	seq   int
	layer *compute.GPT2Layer
}

type thumbMsg struct {
	seq, layer int
	pats       [][]float32
}

// thumbN is the side of the pooled patterns the overview draws.
const thumbN = 24

// startOpen begins a build of m.req: the checkpoint is opened (mapped,
// converted) and the text tokenized in a command.
func (m *Model) startOpen() tea.Cmd {
	if m.load.cancel != nil {
		m.load.cancel()
	}
	m.load = loading{seq: m.load.seq + 1, active: true,
		what: "mapping " + specName(m.req.Spec) + " …"}
	seq, models, req := m.load.seq, m.models, m.req
	return func() tea.Msg {
		mod, err := models.Open(req.Spec, req.Heads)
		if err != nil {
			return openedMsg{seq: seq, err: err}
		}
		toks, notice, err := pipeline.ModelTokens(req, mod.Info.Config.Context)
		if err != nil {
			return openedMsg{seq: seq, err: err}
		}
		return openedMsg{seq: seq, info: &pipeline.ModelScene{Request: req, Model: mod, Tokens: toks, Notice: notice}, tokens: toks}
	}
}

// specName is what the status line calls a --model value, safe to print.
func specName(spec string) string {
	if b := filepath.Base(spec); b != "." && b != "/" {
		return shown(b)
	}
	return shown(spec)
}

// opened takes the mapped checkpoint and starts the forward pass.
func (m Model) opened(msg openedMsg) (Model, tea.Cmd) {
	if msg.seq != m.load.seq || !m.load.active {
		return m, nil
	}
	if msg.err != nil {
		m.failed(msg.err)
		return m, nil
	}
	m.pre = prelude{info: msg.info, tokens: msg.tokens}
	c := msg.info.Model.Info.Config
	m.load.total = c.Layers
	m.load.what = fmt.Sprintf("layer 1 of %d", c.Layers)
	m.resize()
	ctx, cancel := context.WithCancel(context.Background())
	m.load.cancel = cancel
	ch := make(chan tea.Msg)
	m.load.ch = ch
	seq, models, req := m.load.seq, m.models, m.req
	go func() {
		defer close(ch)
		send := func(msg tea.Msg) {
			select {
			case ch <- msg:
			case <-ctx.Done():
			}
		}
		sc, err := pipeline.BuildModel(ctx, models, req, func(l int) { send(progressMsg{seq: seq, layer: l}) },
			pipeline.OnTraceStart(func(tr *compute.GPT2Trace) { send(startedMsg{seq: seq, tr: tr}) }))
		send(tracedMsg{seq: seq, sc: sc, err: err})
	}()
	return m, wait(ch)
}

// wait reads the forward pass's next message (nil once it has ended).
func wait(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// progressed notes a finished layer, shows it and waits for the next
// message.
func (m Model) progressed(msg progressMsg) (Model, tea.Cmd) {
	if msg.seq != m.load.seq || !m.load.active {
		return m, nil
	}
	m.load.done = msg.layer + 1
	if m.load.done < m.load.total {
		m.load.what = fmt.Sprintf("layer %d of %d", m.load.done+1, m.load.total)
	} else {
		m.load.what = "the next-token logits"
	}
	m.layerDone(msg.layer)
	layer := m.needLayer()
	return m, tea.Batch(wait(m.load.ch), layer)
}

// traced lands a finished forward pass.
func (m Model) traced(msg tracedMsg) (Model, tea.Cmd) {
	if msg.seq != m.load.seq || !m.load.active {
		return m, nil
	}
	if msg.err != nil {
		if m.load.started && m.partial { // the failed pass's layers are not a scene to keep
			m.sc, m.partial, m.cache, m.thumbs = nil, false, layerCache{}, nil
		}
		m.failed(msg.err)
		return m, nil
	}
	m.load.active, m.load.cancel, m.load.ch = false, nil, nil
	m.pre = prelude{}
	if m.sc != nil && m.partial && m.sc.Trace == msg.sc.Trace {
		return m.finish(msg.sc)
	}
	m.landScene(msg.sc, false)
	return m, m.afterLanding()
}

// failed ends a build with its error; the last good scene stays.
func (m *Model) failed(err error) {
	m.load.active, m.load.ch = false, nil
	if m.load.cancel != nil {
		m.load.cancel()
		m.load.cancel = nil
	}
	if errors.Is(err, context.Canceled) {
		m.message = "loading cancelled"
		return
	}
	m.message = err.Error()
}

// cancelLoad stops the build in flight (Esc).
func (m *Model) cancelLoad() {
	if !m.load.active {
		return
	}
	m.load.seq++ // whatever still arrives is stale
	m.failed(context.Canceled)
	m.message = "loading cancelled — e edits the text, R loads the induction probe, q quits"
}

// landScene makes sc the scene shown: the components get its numbers.
// A partial scene's pass still runs: none of its layers is computed yet.
func (m *Model) landScene(sc *pipeline.ModelScene, partial bool) {
	m.sc, m.partial = sc, partial
	m.scene++
	c := sc.Model.Info.Config
	m.done = c.Layers
	if partial {
		m.done = 0
	}
	m.met = m.metrics()
	if m.layer >= c.Layers || m.head >= c.Heads {
		m.message = fmt.Sprintf("%s has %d layers × %d heads (from 0): showing the last", specName(sc.Model.Info.Name), c.Layers, c.Heads)
	}
	m.layer = min(max(m.layer, 0), c.Layers-1)
	m.head = min(max(m.head, 0), c.Heads-1)
	m.cache = layerCache{}
	m.thumbs = nil
	m.grid.SetCursor(m.layer, m.head)
	m.setScores()
	m.query.SetTokens(m.labels())
	if partial { // no logits before the last block
		m.next.SetCandidates("", nil)
		m.top = nexttok.Candidate{}
	} else {
		m.setNext()
	}
	m.resize()
	m.sync()
}

// afterLanding is the work a landed scene still needs: the views' layer,
// then the overview's patterns.
func (m Model) afterLanding() tea.Cmd {
	if m.sc == nil {
		return nil
	}
	return tea.Sequence(m.needLayer(), m.thumbCmd(0))
}

// setNext gives the next-token list its candidates.
func (m *Model) setNext() {
	ids, probs := m.sc.Trace.TopK(10)
	toks, err := tokenizer.Decode(pipeline.ModelEncoding, ids)
	cands := make([]nexttok.Candidate, len(ids))
	for i, id := range ids {
		label := fmt.Sprintf("#%d", id)
		if err == nil {
			label = toks[i].Label
		}
		cands[i] = nexttok.Candidate{ID: id, Label: label, Prob: probs[i]}
	}
	after := ""
	if t := m.sc.Tokens; len(t) > 0 {
		after = t[len(t)-1].Label
	}
	m.next.SetCandidates(after, cands)
	m.top = nexttok.Candidate{}
	if len(cands) > 0 {
		m.top = cands[0]
	}
}
