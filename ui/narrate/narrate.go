package narrate

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

// Narration is what the screen says about one stage.
type Narration struct {
	Stage pipeline.Stage
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
	// Panels are the matrices the stage shows, the main one (the one the
	// cell cursor moves in) first.
	Panels []Panel
	// Book names the notebook cells the numbers come from; empty unless
	// book mode is on.
	Book string
}

// Panel is one matrix a stage shows.
type Panel struct {
	// Name is the label drawn above the matrix, e.g. "Q·Kᵀ / √d_k".
	Name string
	// Tensor is its name in `attnscope export` (SPEC §5), e.g.
	// "single.scaled_scores"; per-head tensors end in "[h]".
	Tensor string
}

// For returns the narration of stage under cfg, the configuration the stage
// is shown under (in book mode, pipeline.Scene.ResultFor(stage).Config).
// book adds the notebook cells the numbers come from. An out-of-range stage
// gets a narration that says so rather than a panic.
func For(stage pipeline.Stage, cfg compute.Config, book bool) Narration {
	if stage < 0 || int(stage) >= pipeline.NumStages {
		return Narration{Stage: stage, Title: "Unknown stage", Formula: "—", Notice: "No such stage.",
			Text: fmt.Sprintf("There is no stage %d; the stages are 1 to %d.", int(stage)+1, pipeline.NumStages)}
	}
	n := build(stage, cfg)
	n.Stage, n.Title, n.Notice = stage, stage.Title(), notice(stage, cfg)
	if book {
		n.Book = bookCells[stage]
	}
	return n
}

// bookCells says where in the chapter's notebook each stage's numbers are
// printed (ref/ch03/ch03_book_outputs.md).
var bookCells = [pipeline.NumStages]string{
	"Book: chapter 2's tokenizer (tiktoken, gpt2); ch03.ipynb starts from its tokens.",
	"Book: ch03.ipynb cell 2, the hand-written 3-d inputs.",
	"Book: ch03.ipynb cells 3–4 (row 2 by hand) and 9–10 (all scores).",
	"Book: ch03.ipynb cells 5–7 (row 2) and 11–12 (all rows, row sums).",
	"Book: ch03.ipynb cells 8 and 13–14.",
	"Book: ch03.ipynb cells 16–18 (torch.rand weights, seed 123).",
	"Book: ch03.ipynb cells 19–21 (seed 123).",
	"Book: ch03.ipynb cells 21–23 (SelfAttention_v1, seed 123).",
	"Book: ch03.ipynb cells 24–30 (SelfAttention_v2, seed 789).",
	"Book: ch03.ipynb cells 31–32 (dropout 0.5, reseeded with 123).",
	"Book: ch03.ipynb cells 35–36 (wrapper and MultiHeadAttention, seed 123).",
	"Book: ch03.ipynb cell 36 (MultiHeadAttention, seed 123).",
}

func build(stage pipeline.Stage, cfg compute.Config) Narration {
	dk := cfg.DOut
	switch stage {
	case pipeline.StageTokens:
		return Narration{
			Formula: "text → BPE pieces → token ids",
			Text: "The sentence is cut into pieces by a byte-pair encoder (BPE) and each piece gets an integer id from the vocabulary. " +
				"Common words are a single piece, often with their leading space; rare words split into several. " +
				"From here on, attention never sees letters: each position is just an id, and next a vector.",
			Panels: []Panel{{"tokens", "tokens"}},
		}
	case pipeline.StageEmbeddings:
		return Narration{
			Formula: fmt.Sprintf("x_i = E[id_i];  X is T × d_in (d_in = %d)", cfg.DIn),
			Text: fmt.Sprintf("Each token becomes a vector of d_in = %d numbers: one row of X. ", cfg.DIn) +
				"On the book sample with d_in = 3 these are the chapter's hand-written values; any other text or width takes rows of a seeded nn.Embedding. " +
				"Nothing is trained, so the numbers carry no meaning yet: watch how attention mixes them.",
			Panels: []Panel{{"X (inputs)", "inputs"}},
		}
	case pipeline.StageScores:
		return Narration{
			Formula: "ω = X·Xᵀ,  ω_ij = x_i·x_j",
			Text: "Simplified self-attention has no trainable weights: the score of token i for token j is the dot product of their embeddings. " +
				"A dot product measures similarity: it is large when the two vectors are aligned. " +
				"Notice the matrix is symmetric (ω_ij = ω_ji), and the numbers are raw: any size, any sign, not yet weights.",
			Panels: []Panel{{"ω = X·Xᵀ", "simple.attn_scores"}},
		}
	case pipeline.StageSoftmax:
		return Narration{
			Formula: "α = softmax(ω) row by row:  α_ij = exp(ω_ij) / Σ_k exp(ω_ik)",
			Text: "Softmax turns each row of scores into attention weights: every entry is positive and each row sums to 1, so row i is how token i shares out its attention. " +
				"The exponential favours the larger scores more than a plain division by the sum would. " +
				"As in torch.softmax, the row's maximum is subtracted first so exp cannot overflow; the result is the same.",
			Panels: []Panel{{"α = softmax(ω)", "simple.attn_weights"}, {"ω = X·Xᵀ", "simple.attn_scores"}},
		}
	case pipeline.StageContext:
		return Narration{
			Formula: "z = α·X,  z_i = Σ_j α_ij x_j",
			Text: fmt.Sprintf("Each context vector z_i is a weighted average of all the input vectors, weighted by row i of α. It has the same width as x_i (d_in = %d) but now carries something of every token. ", cfg.DIn) +
				"Because the weights are positive and sum to 1, each component of z_i lies between the smallest and largest value of that component in X.",
			Panels: []Panel{{"z = α·X", "simple.context"}, {"α", "simple.attn_weights"}, {"X", "inputs"}},
		}
	case pipeline.StageQKV:
		return qkv(cfg)
	case pipeline.StageScaled:
		return Narration{
			Formula: fmt.Sprintf("ω = Q·Kᵀ,  then ω / √d_k  (d_k = %d, √d_k = %s)", dk, num(math.Sqrt(float64(dk)))),
			Text: "Now a score compares token i's query with token j's key: ω_ij = q_i·k_j, so it is no longer symmetric. " +
				fmt.Sprintf("Dividing by √d_k = %s keeps scores from growing with the key width; in wide models, unscaled scores would make the softmax nearly one-hot and its gradients tiny. ", num(math.Sqrt(float64(dk)))) +
				"The scaled matrix is what the softmax receives.",
			Panels: []Panel{{"Q·Kᵀ / √d_k", "single.scaled_scores"}, {"Q·Kᵀ", "single.attn_scores"}},
		}
	case pipeline.StageWeights:
		return Narration{
			Formula: "A = softmax(Q·Kᵀ / √d_k),  Z = A·V",
			Text: "The softmax of each scaled row gives the attention weights; each row again sums to 1. " +
				fmt.Sprintf("The context vectors are now weighted sums of the value vectors, not of the inputs, so each z_i is d_out = %d wide. ", cfg.DOut) +
				"This is the whole forward pass of the book's SelfAttention module.",
			Panels: []Panel{{"A = softmax(Q·Kᵀ/√d_k)", "single.attn_weights"}, {"Z = A·V", "single.context"}},
		}
	case pipeline.StageCausal:
		return Narration{
			Formula: "A = softmax(masked(Q·Kᵀ) / √d_k),  masked = −∞ where j > i",
			Text: "A model that predicts the next word must not peek at later words, so every score above the diagonal (key after query) becomes −∞. " +
				"As in the book, the mask is applied to the unscaled Q·Kᵀ and the division by √d_k happens inside the softmax; exp(−∞) = 0, so the upper triangle is gone: a token cannot look ahead, and row 1 is always [1, 0, 0, …]. " +
				"The simpler method (softmax first, zero the upper triangle, divide each row by its sum) gives the same weights, as the book shows.",
			Panels: []Panel{
				{"causal weights", "single.causal_weights"}, {"mask (1 = masked)", "single.causal_mask"},
				{"masked Q·Kᵀ (−∞)", "single.masked_scores"}, {"renormalised", "single.causal_weights_renorm"},
			},
		}
	case pipeline.StageDropout:
		return dropout(cfg)
	case pipeline.StageHeads:
		return heads(cfg)
	}
	return output(cfg)
}

func qkv(cfg compute.Config) Narration {
	n := Narration{
		Formula: "Q = X·W_q,  K = X·W_k,  V = X·W_v",
		Panels: []Panel{
			{"Q", "single.queries"}, {"K", "single.keys"}, {"V", "single.values"},
			{"W_q", "single.W_query"}, {"W_k", "single.W_key"}, {"W_v", "single.W_value"},
		},
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
	n := Narration{
		Panels: []Panel{
			{"dropped weights", "single.dropped_weights"}, {"dropout mask (1 = kept)", "single.dropout_mask"},
			{"context", "single.causal_context"},
		},
	}
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
		Panels: []Panel{
			{"head weights", "mha.attn_weights[h]"}, {"after dropout", "mha.dropped_weights[h]"},
			{"wrapper head weights", "wrapper.head[h].weights"},
		},
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
		Panels: []Panel{
			{"output", "mha.output"}, {"concat", "mha.concat"}, {"head contexts", "mha.context[h]"},
			{"W_o (out_proj)", "mha.out_proj.W"},
		},
	}
}

// NoticeWidth is the longest Notice, in cells.
const NoticeWidth = 60

func notice(stage pipeline.Stage, cfg compute.Config) string {
	switch stage {
	case pipeline.StageTokens:
		return "Each piece becomes one row of every matrix that follows."
	case pipeline.StageEmbeddings:
		return fmt.Sprintf("One row per token, d_in = %d numbers each.", cfg.DIn)
	case pipeline.StageScores:
		return "Symmetric (ω_ij = ω_ji), and raw: any size, any sign."
	case pipeline.StageSoftmax:
		return "Each row sums to 1."
	case pipeline.StageContext:
		return "Each z_i is a weighted average of the rows of X."
	case pipeline.StageQKV:
		return "Each token gets its own query, key and value."
	case pipeline.StageScaled:
		return fmt.Sprintf("No longer symmetric; ÷√d_k = ÷%s shrinks every score.", num(math.Sqrt(float64(cfg.DOut))))
	case pipeline.StageWeights:
		return "Each row sums to 1; the context is weights·V."
	case pipeline.StageCausal:
		return "The upper triangle is gone: a token cannot look ahead."
	case pipeline.StageDropout:
		switch p := cfg.Dropout; {
		case p <= 0:
			return "p = 0: nothing is dropped."
		case 1/(1-p) == 2:
			return "Dropout zeroed some weights and doubled the rest (×2)."
		default:
			return fmt.Sprintf("Dropout zeroed some weights; the rest ×%s.", num(1/(1-p)))
		}
	case pipeline.StageHeads:
		return "Each head has its own weight pattern."
	}
	return "out_proj mixes every head into each output number."
}

// num formats a configuration number compactly: at most 4 decimals,
// trailing zeros dropped (2, 0.5, 1.1111).
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
