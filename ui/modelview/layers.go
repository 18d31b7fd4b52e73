package modelview

import (
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
)

// layerCache holds the layers recomputed for the views, the most recent
// last; it is replaced, never changed in place, so that copies of the
// model never share a change.
type layerCache struct {
	layers  []*compute.GPT2Layer
	pending int // the layer asked for and not yet here, +1 (0: none)
	// held is the layer whose thumbnails wait for the pending layer, +1
	// (0: none): a layer asked for on screen has the cores to itself.
	held int
}

// keepLayers is how many recomputed layers the views keep, no more than
// the trace keeps (one at GPT-2 small's whole context: a layer is 57 MB).
const keepLayers = 2

func (c layerCache) get(l int) *compute.GPT2Layer {
	for _, ly := range c.layers {
		if ly.Index == l {
			return ly
		}
	}
	return nil
}

func (c layerCache) with(ly *compute.GPT2Layer, keep int) layerCache {
	out := layerCache{pending: c.pending, held: c.held}
	for _, x := range c.layers {
		if x.Index != ly.Index {
			out.layers = append(out.layers, x)
		}
	}
	out.layers = append(out.layers, ly)
	if len(out.layers) > keep { // a new array: the dropped layers are not held behind the slice
		out.layers = append([]*compute.GPT2Layer(nil), out.layers[len(out.layers)-keep:]...)
	}
	if out.pending == ly.Index+1 {
		out.pending = 0
	}
	return out
}

// needsLayer reports whether the view shown draws one layer's attention.
func (m Model) needsLayer() bool {
	switch m.Stage() {
	case viewHead, viewQuery:
		return true
	}
	return false
}

// needLayer returns the command that recomputes the selected layer when a
// view needs it and it is neither here nor on its way.
func (m *Model) needLayer() tea.Cmd {
	if m.sc == nil || !m.needsLayer() || m.layer >= m.done || m.cache.get(m.layer) != nil || m.cache.pending == m.layer+1 {
		return nil
	}
	m.cache.pending = m.layer + 1
	seq, tr, l := m.scene, m.sc.Trace, m.layer
	return func() tea.Msg { return layerMsg{seq: seq, layer: tr.Layer(l)} }
}

// layerLanded stores a recomputed layer and redraws what shows it.
func (m Model) layerLanded(msg layerMsg) (Model, tea.Cmd) {
	if msg.seq != m.scene || m.sc == nil {
		return m, nil
	}
	m.cache = m.cache.with(msg.layer, min(keepLayers, m.sc.Trace.CacheLayers()))
	m.sync()
	cmd := m.needLayer()
	if m.cache.pending == 0 && m.cache.held > 0 {
		l := m.cache.held - 1
		m.cache.held = 0
		cmd = tea.Batch(cmd, m.thumbCmd(l))
	}
	return m, cmd
}

// thumbCmd pools layer l's patterns for the overview, in a command,
// one head at a time (a whole layer is not kept for it).
func (m Model) thumbCmd(l int) tea.Cmd {
	if m.sc == nil || l >= m.sc.Model.Info.Config.Layers {
		return nil
	}
	seq, tr := m.scene, m.sc.Trace
	heads := m.sc.Model.Info.Config.Heads
	return func() tea.Msg {
		pats := make([][]float32, heads)
		tr.HeadWeights(l, func(h int, w *compute.Matrix) { pats[h] = Pool(w, thumbN) })
		return thumbMsg{seq: seq, layer: l, pats: pats}
	}
}

// thumbLanded stores one layer's patterns and pools the next layer's, or,
// while a layer the views asked for is being computed, waits for it.
func (m Model) thumbLanded(msg thumbMsg) (Model, tea.Cmd) {
	if msg.seq != m.scene || m.sc == nil {
		return m, nil
	}
	next := make(map[int][][]float32, len(m.thumbs)+1)
	for k, v := range m.thumbs {
		next[k] = v
	}
	next[msg.layer] = msg.pats
	m.thumbs = next
	m.setThumbs()
	if m.cache.pending > 0 && msg.layer+1 < m.sc.Model.Info.Config.Layers {
		m.cache.held = msg.layer + 2 // resumed when the layer lands
		return m, nil
	}
	return m, m.thumbCmd(msg.layer + 1)
}

// Pool is w max-pooled to at most n×n: cell (r, c) holds the largest
// weight of its block of rows and columns. A matrix no larger than n is
// copied as it is.
func Pool(w *compute.Matrix, n int) []float32 {
	t := min(w.Rows, w.Cols)
	k := min(n, t)
	out := make([]float32, k*k)
	for r := range k {
		r0, r1 := r*t/k, (r+1)*t/k
		for i := r0; i < max(r1, r0+1); i++ {
			row := w.Row(i)
			for c := range k {
				c0, c1 := c*t/k, (c+1)*t/k
				v := out[r*k+c]
				for _, x := range row[c0:max(c1, c0+1)] {
					v = max(v, x)
				}
				out[r*k+c] = v
			}
		}
	}
	return out
}
