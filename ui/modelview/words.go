package modelview

import (
	"fmt"
	"math"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/tokenizer"
)

// narration is what a view says: its formula and 2–4 sentences with the
// scene's numbers.
type narration struct{ formula, text string }

// best is the head with the largest value of a score.
func best(v [][]float32) (name string, val float32) {
	val = float32(math.Inf(-1))
	for l, row := range v {
		for h, x := range row {
			if x > val {
				name, val = headName(l, h), x
			}
		}
	}
	return name, val
}

// narrate is the narration of the view shown.
func (m Model) narrate() narration {
	c := m.config()
	t := len(m.tokens())
	hd := c.D / max(c.Heads, 1)
	if m.sc == nil && !m.load.active {
		return narration{"nothing loaded", "No forward pass has finished yet: e edits the text and runs it, R runs the induction probe."}
	}
	if m.sc == nil {
		return narration{"loading", fmt.Sprintf("The checkpoint's %d layers run forward on the text's %d tokens, one layer at a time; the views open as the first layers are done. Esc cancels.", c.Layers, t)}
	}
	if n, ok := m.pendingWords(); ok {
		return n
	}
	met := m.met
	switch m.Stage() {
	case viewTokens:
		return narration{fmt.Sprintf("x = wte[id] + wpe[position],  T = %d,  d = %d", t, c.D),
			fmt.Sprintf("A real GPT-2 reads the same gpt2 BPE pieces as chapter 2: here %d tokens, each turned into wte[id] + wpe[position], %d numbers, then passed through %d blocks of %d heads. ", t, c.D, c.Layers, c.Heads) +
				"Chapter 3's modules were seeded random draws; these weights come from the checkpoint, so if it was trained, what its heads do is what training taught them. " +
				"Step on (n) to see every head at once."}
	case viewOverview:
		return m.overviewWords(met, c)
	case viewHead:
		return m.headWords(met, t, hd)
	case viewQuery:
		return m.queryWords(t)
	case viewMetrics:
		col, l, h := m.tableTop()
		return narration{"score = Σ A⊙P / Σ A   P: previous token · same token · token after an earlier copy",
			fmt.Sprintf("Every head scored on this text over its whole pattern, as TransformerLens's head detector does: previous_token, duplicate_token, induction, first_token (the mean weight on token 0, the sink) and entropy (nats: 0 is one key, ln %d = %.2f uniform). ", t, math.Log(float64(max(t, 1)))) +
				fmt.Sprintf("Sorted by %s, the top head is %s. Random heads like chapter 3's score near chance; a score near 1 marks a head that does one job. Enter opens the head under the cursor.", col, headName(l, h))}
	case viewNext:
		return m.nextWords()
	}
	return narration{"—", "No words for this view."}
}

// repeatPeriod is n when the tokens are a sequence of n tokens said twice
// (the induction probe; the first token may differ by its missing leading
// space), else 0.
func repeatPeriod(toks []tokenizer.Token) int {
	n := len(toks) / 2
	if n < 2 || len(toks) != 2*n {
		return 0
	}
	for i := 1; i < n; i++ {
		if toks[i].ID != toks[i+n].ID {
			return 0
		}
	}
	return n
}

// probeWords is what to look for on a repeated text, or "".
func (m Model) probeWords() string {
	n := repeatPeriod(m.tokens())
	if n == 0 {
		return ""
	}
	in, iv := best(m.met.Induction)
	return fmt.Sprintf("This is the induction probe: tokens %d–%d repeat 1–%d (token %d is token 0 with a leading space: another token), so an induction head at token i attends to token i − %d, the one after the earlier copy — a stripe %d below the diagonal in its head view; here the highest induction score is %s's %.2f. ", n+1, 2*n-1, n-1, n, n-1, n-1, in, iv)
}

func (m Model) overviewWords(met compute.GPT2Metrics, c compute.GPT2Config) narration {
	pn, pv := best(met.PreviousToken)
	in, iv := best(met.Induction)
	sn, sv := best(met.FirstToken)
	score := m.grid.ScoreName()
	if m.grid.Patterns() {
		score = "pooled pattern"
	}
	general := "Chapter 3's random heads all look alike; a trained model's specialise: a previous-token head looks one token back (a line just under the diagonal), " +
		"an induction head at the token after an earlier copy of the current one (R makes a repeated text), a sink head parks most of each row on the first token. "
	here := fmt.Sprintf("Here: previous-token %s %.2f, induction %s %.2f, sink %s %.2f; Enter opens the head under the cursor.", pn, pv, in, iv, sn, sv)
	if p := m.probeWords(); p != "" {
		here = p + "Enter opens the head under the cursor."
		general = "A trained model's heads specialise, unlike chapter 3's random ones. "
	}
	return narration{fmt.Sprintf("%d layers × %d heads = %d patterns · colour: %s · m cycles scores, v patterns", c.Layers, c.Heads, c.Layers*c.Heads, score),
		general + here}
}

func (m Model) headWords(met compute.GPT2Metrics, t, hd int) narration {
	sink := met.FirstToken[m.layer][m.head]
	return narration{fmt.Sprintf("A = softmax(q·kᵀ / √%d)  ·  %s  ·  T = %d", hd, headName(m.layer, m.head), t),
		fmt.Sprintf("One head's %d × %d weights: row i is the query token, column j a key at or before it. ", t, t) +
			m.cellWords(hd) +
			sinkWords(sink) + "x hides the first token and renormalises the rest. [ ] change layer, < > head."}
}

// sinkWords says how much of its weight a head parks on the first token,
// and what that means, for the number it has.
func sinkWords(sink float32) string {
	switch {
	case sink >= 0.5:
		return fmt.Sprintf("This head parks %.0f%% of its weight on the first token on average: an attention sink, where a trained head puts what it does not need elsewhere. ", 100*sink)
	case sink >= 0.2:
		return fmt.Sprintf("%.0f%% of this head's weight sits on the first token on average (some rows use it as a sink, others look elsewhere). ", 100*sink)
	}
	return fmt.Sprintf("Only %.0f%% of this head's weight is on the first token: it is not a sink head. ", 100*sink)
}

// cellWords says where the explanation of a cell is.
func (m Model) cellWords(hd int) string {
	if m.present || !m.inspecting {
		return fmt.Sprintf("Any cell's value is q·k over %d dimensions, ÷ √%d, then the row's softmax (the TUI's inspector, i, writes it out from the real vectors). ", hd, hd)
	}
	return fmt.Sprintf("The cell under the cursor is explained from the real vectors: %d products of q and k summed, ÷ √%d, then the row's softmax. ", hd, hd)
}

func (m Model) queryWords(t int) narration {
	q := m.query.Query()
	lab := ""
	if ls := m.labels(); q < len(ls) {
		lab = ls[q]
	}
	return narration{fmt.Sprintf("A[%d, 0…%d] for the query \"%s\", every head of layer %d", q, q, lab, m.layer),
		fmt.Sprintf("bertviz's head view, in text: one line per head of layer %d, each token shaded by how much that head's query at \"%s\" attends to it (the %d tokens after it are in its future). ", m.layer, lab, max(t-q-1, 0)) +
			"A previous-token head lights the token just before; an induction head, the token after the earlier copy of this one. ←/→ move the query, x hides the first token, Enter opens the highlighted head."}
}

func (m Model) nextWords() narration {
	top := ""
	if c := m.top; c.Label != "" {
		top = fmt.Sprintf(" The most likely is \"%s\" (id %d) at %.1f%%.", c.Label, c.ID, 100*c.Prob)
	}
	return narration{"p = softmax(LN_f(x_T) · wteᵀ) at the last position",
		"What all this attention is for: the distribution over the next token, read from the last position after every block." + top +
			" On the induction probe's second half a trained model predicts the word that came next the first time: the induction heads' copy at work."}
}

// tableTop is the metrics table's sort column and its top head.
func (m Model) tableTop() (col string, layer, head int) {
	col = m.table.SortColumn()
	for _, s := range m.met.Named() {
		if s.Name == col {
			n, _ := best(s.Values)
			fmt.Sscanf(n, "L%dH%d", &layer, &head)
		}
	}
	return col, layer, head
}
