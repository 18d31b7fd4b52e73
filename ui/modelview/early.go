package modelview

import (
	"fmt"
	"math"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// Early views: the forward pass hands over its trace before the first
// block (startedMsg), and the views draw each layer as soon as its block
// is done (progressMsg), while the rest of the pass runs. The trace is
// written by the pass's goroutine: only the layers whose block has ended
// (m.done of them, known through the pass's messages) are read until the
// pass has ended.

type startedMsg struct {
	seq int
	tr  *compute.GPT2Trace
}

// started shows the trace being filled in: the overview with every score
// pending, the views of layers not yet computed saying so.
func (m Model) started(msg startedMsg) (Model, tea.Cmd) {
	if msg.seq != m.load.seq || !m.load.active || m.pre.info == nil {
		return m, nil
	}
	sc := *m.pre.info
	sc.Trace = msg.tr
	m.load.started = true
	m.landScene(&sc, true)
	return m, wait(m.load.ch)
}

// layerDone makes block l's attention and scores part of the views.
func (m *Model) layerDone(l int) {
	if m.sc == nil || !m.partial || l < m.done {
		return
	}
	m.done = l + 1
	m.met = m.metrics()
	scores, cols := m.scoreSets()
	m.grid.SetScores(scores)
	m.table.SetColumns(cols)
	m.sync()
}

// finish makes the ended pass's scene whole: the rest of the scores, the
// next-token distribution, the overview's patterns.
func (m Model) finish(sc *pipeline.ModelScene) (Model, tea.Cmd) {
	m.sc, m.partial = sc, false
	m.done = sc.Model.Info.Config.Layers
	m.met = sc.Trace.Metrics
	scores, cols := m.scoreSets()
	m.grid.SetScores(scores)
	m.table.SetColumns(cols)
	m.setThumbs()
	m.setNext()
	m.sync()
	return m, m.afterLanding()
}

// metrics are the head scores the views may read: all of them once the
// pass has ended, before that a copy of the layers done, NaN for the rest.
func (m Model) metrics() compute.GPT2Metrics {
	full := m.sc.Trace.Metrics
	if !m.partial {
		return full
	}
	c := m.sc.Model.Info.Config
	nan := float32(math.NaN())
	done := func(src [][]float32) [][]float32 {
		out := make([][]float32, c.Layers)
		for l := range out {
			out[l] = make([]float32, c.Heads)
			if l < m.done {
				copy(out[l], src[l])
				continue
			}
			for h := range out[l] {
				out[l][h] = nan
			}
		}
		return out
	}
	return compute.GPT2Metrics{PreviousToken: done(full.PreviousToken), DuplicateToken: done(full.DuplicateToken),
		Induction: done(full.Induction), FirstToken: done(full.FirstToken), Entropy: done(full.Entropy)}
}

// pendingView is what a view says in place of data its pass has not
// computed yet, or "".
func (m Model) pendingView() string {
	if m.sc == nil || !m.partial {
		return ""
	}
	L := m.sc.Model.Info.Config.Layers
	why := fmt.Sprintf("the forward pass has done %d of its %d layers", m.done, L)
	if !m.load.active {
		why = fmt.Sprintf("loading was cancelled after %d of %d layers", m.done, L)
	}
	have := "No layer is computed yet"
	switch {
	case m.done == 1:
		have = "Layer 0 is ready ([ steps back to it)"
	case m.done > 1:
		have = fmt.Sprintf("Layers 0–%d are ready ([ ] step the layer)", m.done-1)
	}
	switch {
	case m.needsLayer() && m.layer >= m.done && !m.load.active:
		return fmt.Sprintf("layer %d was not computed: %s. %s.", m.layer, why, have)
	case m.needsLayer() && m.layer >= m.done:
		return fmt.Sprintf("layer %d is not computed yet: %s; this view fills in when its block is done. %s.", m.layer, why, have)
	case m.Stage() == viewMetrics && m.done == 0:
		return fmt.Sprintf("No head scores yet: %s; each layer's heads join the table when its block is done.", why)
	case m.Stage() == viewNext:
		return fmt.Sprintf("The next-token distribution comes after the last layer: %s.", why)
	}
	return ""
}

// pendingWords is the narration while the pass fills the scene in, or
// false when the view shown has what it needs.
func (m Model) pendingWords() (narration, bool) {
	if m.sc == nil || !m.partial {
		return narration{}, false
	}
	L := m.sc.Model.Info.Config.Layers
	switch m.Stage() {
	case viewOverview:
		return narration{fmt.Sprintf("%d of %d layers computed; · marks a head still to come", m.done, L),
			("The forward pass runs one block at a time; each layer's head scores appear here as soon as its block is done, the rest are dots. " +
				"Enter opens the head under the cursor; a layer already computed draws at once. The pooled patterns (v) come when the pass has ended.")}, true
	case viewHead, viewQuery:
		if m.layer < m.done {
			return narration{}, false
		}
		state := fmt.Sprintf("%d of %d layers done", m.done, L)
		if !m.load.active {
			state = fmt.Sprintf("stopped after %d of %d blocks", m.done, L)
		}
		return narration{fmt.Sprintf("x_%d = block_%d(x_%d)  ·  %s", m.layer+1, m.layer, m.layer, state),
			fmt.Sprintf("Each block reads the output of the one before, so the pass computes them in order: layer %d's attention is known once block %d has run. ", m.layer, m.layer) +
				"The views of the layers done draw at once, and keys work meanwhile; Esc stops the pass and keeps what is done."}, true
	case viewMetrics:
		return narration{fmt.Sprintf("score = Σ A⊙P / Σ A · %d of %d layers scored so far", m.done, L),
			"The table lists the heads of the layers computed so far and grows as each block ends; the other views and this one sort, open and step as usual meanwhile."}, true
	case viewNext:
		return narration{"p = softmax(LN_f(x_T) · wteᵀ) at the last position",
			fmt.Sprintf("The next token is read from the last position's output of all %d blocks, through the final LayerNorm and the token embedding: it appears when the pass ends (%d of %d layers done).", L, m.done, L)}, true
	}
	return narration{}, false
}
