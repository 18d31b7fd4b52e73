package narrate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// Narration is what the screen says about one stage.
type Narration struct {
	// Title is the stage's human title, e.g. "Causal mask".
	Title string
	// Formula is the stage's formula in one line, e.g. "α = softmax(ω) row by row".
	Formula string
	// Text is a 2–4 sentence explanation: what the matrix is and what to
	// notice, with the configuration's actual numbers (d_k, p, heads…).
	Text string
	// Notice is the one thing to see, in one short sentence (at most
	// NoticeWidth cells), for screens with room for a single line.
	Notice string
	// Book names the notebook cells the numbers come from; empty unless
	// book mode is on.
	Book string
}

// words is what narrate knows about one stage: its formula and text, its
// notice and the notebook cells behind its numbers.
type words struct {
	say    func(cfg compute.Config) Narration // Formula and Text
	notice func(cfg compute.Config) string
	book   string
	// untrained stages say, out of book mode, that their weights are
	// seeded random draws (Untrained).
	untrained bool
}

// Untrained is what a stage whose weights decide where attention goes says
// out of book mode: the weights are random, and where a trained model's are.
const Untrained = "Untrained: these weights are seeded random draws, so where a token attends here means nothing yet (\"what does it attend to?\" needs a trained model: attnscope --model gpt2)."

// For returns the narration of stage under cfg, the configuration the stage
// is shown under (in book mode, pipeline.Scene.ResultFor(stage).Config),
// looked up by the stage's Words key. book adds the notebook cells the
// numbers come from. A stage without words gets a narration that says so
// rather than a panic.
func For(stage pipeline.StageDef, cfg compute.Config, book bool) Narration {
	w, ok := byKey[stage.Words]
	if !ok {
		title := stage.Title
		if title == "" {
			title = "Unknown stage"
		}
		return Narration{Title: title, Formula: "—", Notice: "No words for this stage.",
			Text: fmt.Sprintf("There are no words for stage %q; the screen shows its matrices as they are.", stage.Name)}
	}
	n := w.say(cfg)
	n.Title, n.Notice = stage.Title, w.notice(cfg)
	if w.untrained && !book {
		n.Text = Untrained + " " + n.Text
	}
	if book {
		n.Book = w.book
	}
	return n
}

// Has reports whether narrate has words under key.
func Has(key string) bool { _, ok := byKey[key]; return ok }

func qkv(cfg compute.Config) Narration {
	n := Narration{
		Formula: "Q = X·W_q,  K = X·W_k,  V = X·W_v",
	}
	bias := cfg.QKVBias && cfg.Init == compute.InitLinear
	if bias {
		n.Formula = "Q = X·W_q + b_q,  K = X·W_k + b_k,  V = X·W_v + b_v"
	}
	var s strings.Builder
	fmt.Fprintf(&s, "Three trainable matrices project every input from d_in = %d to d_out = %d numbers: the query (what a token looks for), the key (what it can be found by) and the value (what it passes on). ", cfg.DIn, cfg.DOut)
	if cfg.Init == compute.InitRand {
		fmt.Fprintf(&s, "Here they are torch.rand(d_in, d_out) draws with seed %d, as in the book's SelfAttention_v1. ", cfg.Seed)
	} else {
		fmt.Fprintf(&s, "Here they are nn.Linear layers drawn with seed %d, as in SelfAttention_v2; W is shown d_in × d_out (nn.Linear's weight transposed) so that Q = X·W. ", cfg.Seed)
	}
	if bias {
		s.WriteString("Each projection also adds its bias vector b. ")
	}
	s.WriteString("The weights are untrained: the numbers show the mechanics, not meaning.")
	n.Text = s.String()
	return n
}

func dropout(cfg compute.Config) Narration {
	p := cfg.Dropout
	var n Narration
	if p <= 0 {
		n.Formula = "D = A ⊙ M / (1 − p),  p = 0: M is all ones"
		n.Text = "Dropout is off here (p = 0): nothing is drawn, the mask is all ones and the causal weights pass through unchanged. " +
			"With a rate p, each weight would be zeroed with probability p and the survivors multiplied by 1/(1−p), so the expected value stays the same. " +
			"Set a dropout rate (the book uses 0.5) to see it."
		return n
	}
	scale := 1 / (1 - p)
	n.Formula = fmt.Sprintf("D = A ⊙ M / (1 − p),  M_ij ~ Bernoulli(%s),  ×1/(1−%s) = ×%s", num(1-p), num(p), num(scale))
	var s strings.Builder
	fmt.Fprintf(&s, "During training, dropout zeroes each attention weight with probability p = %s and multiplies the survivors by 1/(1−%s) = %s, so each weight keeps its expected value. ", num(p), num(p), num(scale))
	if scale == 2 {
		s.WriteString("Here dropout zeroed the cells now showing 0 and doubled the rest, so rows no longer sum to 1; at inference (model.eval()) it is off. ")
	} else {
		fmt.Fprintf(&s, "Here dropout zeroed the cells now showing 0 and scaled the rest by ×%s, so rows no longer sum to 1; at inference (model.eval()) it is off. ", num(scale))
	}
	if cfg.DropoutRNG == compute.RNGMKL {
		s.WriteString("The mask follows PyTorch's legacy MKL Bernoulli path (Intel CPUs with MKL builds print a different mask from the book's: rasbt/LLMs-from-scratch issue #57)")
	} else {
		s.WriteString("The mask follows PyTorch's non-MKL Bernoulli path, the one behind the notebook's printed mask")
	}
	if cfg.DropoutSeed != nil {
		fmt.Fprintf(&s, ", drawn after reseeding with %d", *cfg.DropoutSeed)
	}
	s.WriteString(".")
	n.Text = s.String()
	return n
}

func heads(cfg compute.Config) Narration {
	h := max(cfg.Heads, 1)
	hd := cfg.DOut / h
	n := Narration{
		Formula: fmt.Sprintf("A_h = softmax(masked(Q_h·K_hᵀ) / √head_dim),  head_dim = %d/%d = %d", cfg.DOut, h, hd),
	}
	var s strings.Builder
	if h == 1 {
		fmt.Fprintf(&s, "Multi-head attention runs several causal attentions side by side; with heads = 1 there is just one, head_dim = d_out = %d wide. ", hd)
	} else {
		fmt.Fprintf(&s, "Multi-head attention runs %d causal attentions side by side, each on its own head_dim = %d/%d = %d columns of Q, K and V, so each head has its own weight pattern and can attend to different tokens. ", h, cfg.DOut, h, hd)
	}
	if hd == 1 {
		s.WriteString("With head_dim = 1 each score is a single product and √head_dim = 1. ")
	}
	fmt.Fprintf(&s, "The efficient MultiHeadAttention makes one Q, K, V and splits their columns; the book's MultiHeadAttentionWrapper instead stacks %d separate CausalAttention modules, each d_out = %d wide, so its numbers differ.", h, cfg.DOut)
	n.Text = s.String()
	return n
}

func output(cfg compute.Config) Narration {
	h := max(cfg.Heads, 1)
	return Narration{
		Formula: "out = concat(Z_1, …, Z_h)·W_o + b_o",
		Text: fmt.Sprintf("Each of the %d heads' context vectors (head_dim = %d wide) is laid side by side into one T × d_out matrix, the concatenation. ", h, cfg.DOut/h) +
			"A final linear layer, out_proj (with a bias), mixes them, so every output number can draw on every head. " +
			"This T × d_out matrix is what the module returns to the next layer.",
	}
}

// NoticeWidth is the longest Notice, in cells.
const NoticeWidth = 60

// num formats a configuration number compactly: at most 4 decimals,
// trailing zeros dropped (2, 0.5, 1.1111).
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
