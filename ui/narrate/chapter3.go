package narrate

import (
	"fmt"
	"math"

	"github.com/attnscope/attnscope/compute"
)

// byKey holds the words of every stage, by pipeline.StageDef.Words.
var byKey = map[string]words{
	"tokens": {
		say: fixed("text → BPE pieces → token ids",
			"The sentence is cut into pieces by a byte-pair encoder (BPE) and each piece gets an integer id from the vocabulary. "+
				"Common words are a single piece, often with their leading space; rare words split into several. "+
				"From here on, attention never sees letters: each position is just an id, and next a vector."),
		notice: always("Each piece becomes one row of every matrix that follows."),
		book:   "Book: chapter 2's tokenizer (tiktoken, gpt2); ch03.ipynb starts from its tokens.",
	},
	"embeddings": {
		say: func(cfg compute.Config) Narration {
			return Narration{
				Formula: fmt.Sprintf("x_i = E[id_i];  X is T × d_in (d_in = %d)", cfg.DIn),
				Text: fmt.Sprintf("Each token becomes a vector of d_in = %d numbers: one row of X. ", cfg.DIn) +
					"On the book sample with d_in = 3 these are the chapter's hand-written values; any other text or width takes rows of a seeded nn.Embedding. " +
					"Nothing is trained, so the numbers carry no meaning yet: watch how attention mixes them.",
			}
		},
		notice: func(cfg compute.Config) string {
			return fmt.Sprintf("One row per token, d_in = %d numbers each.", cfg.DIn)
		},
		book: "Book: ch03.ipynb cell 2, the hand-written 3-d inputs.",
	},
	"scores": {
		say: fixed("ω = X·Xᵀ,  ω_ij = x_i·x_j",
			"Simplified self-attention has no trainable weights: the score of token i for token j is the dot product of their embeddings. "+
				"A dot product measures similarity: it is large when the two vectors are aligned. "+
				"Notice the matrix is symmetric (ω_ij = ω_ji), and the numbers are raw: any size, any sign, not yet weights."),
		notice: always("Symmetric (ω_ij = ω_ji), and raw: any size, any sign."),
		book:   "Book: ch03.ipynb cells 3–4 (row 2 by hand) and 9–10 (all scores).",
	},
	"softmax": {
		say: fixed("α = softmax(ω) row by row:  α_ij = exp(ω_ij) / Σ_k exp(ω_ik)",
			"Softmax turns each row of scores into attention weights: every entry is positive and each row sums to 1, so row i is how token i shares out its attention. "+
				"The exponential favours the larger scores more than a plain division by the sum would. "+
				"As in torch.softmax, the row's maximum is subtracted first so exp cannot overflow; the result is the same."),
		notice: always("Each row sums to 1."),
		book:   "Book: ch03.ipynb cells 5–7 (row 2) and 11–12 (all rows, row sums).",
	},
	"context": {
		say: func(cfg compute.Config) Narration {
			return Narration{
				Formula: "z = α·X,  z_i = Σ_j α_ij x_j",
				Text: fmt.Sprintf("Each context vector z_i is a weighted average of all the input vectors, weighted by row i of α. It has the same width as x_i (d_in = %d) but now carries something of every token. ", cfg.DIn) +
					"Because the weights are positive and sum to 1, each component of z_i lies between the smallest and largest value of that component in X.",
			}
		},
		notice: always("Each z_i is a weighted average of the rows of X."),
		book:   "Book: ch03.ipynb cells 8 and 13–14.",
	},
	"qkv": {
		say:    qkv,
		notice: always("Each token gets its own query, key and value."),
		book:   "Book: ch03.ipynb cells 16–18 (torch.rand weights, seed 123).",
	},
	"scaled": {
		say: scaled,
		notice: func(cfg compute.Config) string {
			return fmt.Sprintf("No longer symmetric; ÷√d_k = ÷%s shrinks every score.", num(math.Sqrt(float64(cfg.DOut))))
		},
		book: "Book: ch03.ipynb cells 19–21 (seed 123).",
	},
	"weights": {
		say: func(cfg compute.Config) Narration {
			return Narration{
				Formula: "A = softmax(Q·Kᵀ / √d_k),  Z = A·V",
				Text: "The softmax of each scaled row gives the attention weights; each row again sums to 1. " +
					fmt.Sprintf("The context vectors are now weighted sums of the value vectors, not of the inputs, so each z_i is d_out = %d wide. ", cfg.DOut) +
					"This is the whole forward pass of the book's SelfAttention module.",
			}
		},
		notice:    always("Each row sums to 1; the context is weights·V."),
		book:      "Book: ch03.ipynb cells 21–23 (SelfAttention_v1, seed 123).",
		untrained: true,
	},
	"causal": {
		say: fixed("A = softmax(masked(Q·Kᵀ) / √d_k),  masked = −∞ where j > i",
			"A model that predicts the next word must not peek at later words, so every score above the diagonal (key after query) becomes −∞. "+
				"As in the book, the mask is applied to the unscaled Q·Kᵀ and the division by √d_k happens inside the softmax; exp(−∞) = 0, so the upper triangle is gone: a token cannot look ahead, and row 1 is always [1, 0, 0, …]. "+
				"The simpler method (softmax first, zero the upper triangle, divide each row by its sum) gives the same weights, as the book shows."),
		notice:    always("The upper triangle is gone: a token cannot look ahead."),
		book:      "Book: ch03.ipynb cells 24–30 (SelfAttention_v2, seed 789).",
		untrained: true,
	},
	"dropout": {
		say:    dropout,
		notice: dropoutNotice,
		book:   "Book: ch03.ipynb cells 31–32 (dropout 0.5, reseeded with 123).",
	},
	"heads": {
		say:    heads,
		notice: always("Each head has its own weight pattern."),
		book:   "Book: ch03.ipynb cells 35–36 (wrapper and MultiHeadAttention, seed 123).",
	},
	"output": {
		say:    output,
		notice: always("out_proj mixes every head into each output number."),
		book:   "Book: ch03.ipynb cell 36 (MultiHeadAttention, seed 123).",
	},
}

// fixed says the same formula and text under any configuration.
func fixed(formula, text string) func(compute.Config) Narration {
	return func(compute.Config) Narration { return Narration{Formula: formula, Text: text} }
}

// always is the same notice under any configuration.
func always(s string) func(compute.Config) string { return func(compute.Config) string { return s } }

func scaled(cfg compute.Config) Narration {
	dk := cfg.DOut
	return Narration{
		Formula: fmt.Sprintf("ω = Q·Kᵀ,  then ω / √d_k  (d_k = %d, √d_k = %s)", dk, num(math.Sqrt(float64(dk)))),
		Text: "Now a score compares token i's query with token j's key: ω_ij = q_i·k_j, so it is no longer symmetric. " +
			fmt.Sprintf("Dividing by √d_k = %s keeps scores from growing with the key width; in wide models, unscaled scores would make the softmax nearly one-hot and its gradients tiny. ", num(math.Sqrt(float64(dk)))) +
			"The scaled matrix is what the softmax receives.",
	}
}

func dropoutNotice(cfg compute.Config) string {
	switch p := cfg.Dropout; {
	case p <= 0:
		return "p = 0: nothing is dropped."
	case 1/(1-p) == 2:
		return "Dropout zeroed some weights and doubled the rest (×2)."
	default:
		return fmt.Sprintf("Dropout zeroed some weights; the rest ×%s.", num(1/(1-p)))
	}
}
