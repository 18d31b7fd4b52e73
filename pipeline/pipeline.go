package pipeline

import (
	"errors"
	"fmt"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/tokenizer"
)

// Request is everything a Scene is computed from.
type Request struct {
	Text     string
	Encoding string
	Config   compute.Config
	// MaxTokens caps the tokens (0: tokenizer.DefaultMaxTokens); the text is
	// cut with a notice.
	MaxTokens int
	// Book asks for book mode: each stage under the configuration the
	// chapter printed it with. Honoured only on the book sample
	// with d_in = 3; otherwise the Scene is computed under Config alone.
	Book bool
	// ReadLimit, when above 0, says Text is the first ReadLimit bytes of a
	// longer input whose rest was never read; the notice says so.
	ReadLimit int
}

// DefaultRequest is the default launch: the book sentence in book mode.
func DefaultRequest() Request {
	return Request{Text: samples.Book, Encoding: "gpt2", Config: compute.DefaultConfig(), Book: true}
}

// InputSource says where X came from.
type InputSource int

const (
	// FromBookTable: the chapter's hand-written 6×3 table.
	FromBookTable InputSource = iota
	// FromEmbedding: rows of torch.manual_seed(seed); nn.Embedding(n_vocab, d_in).
	FromEmbedding
)

// Scene is a text and configuration, fully computed.
type Scene struct {
	Request Request
	Tokens  []tokenizer.Token
	Inputs  *compute.Matrix
	Source  InputSource
	Book    bool   // book mode is in effect
	Notice  string // what the tokenizer cut or repaired, or ""

	// Stages are the stages this scene shows, in order; a Stage indexes it.
	Stages []StageDef
	// Views, if set, says what each stage is drawn from (a source other
	// than the chapter's sets it); otherwise the chapter's results are.
	Views func(s Stage) View

	// Result is the whole pipeline under Request.Config.
	Result *compute.Result
	// book holds, in book mode, the results of the chapter's configurations.
	book map[bookKey]*compute.Result
}

// bookInputs is the chapter's table of 3-d embeddings.
var bookInputs = []float32{
	0.43, 0.15, 0.89, // Your
	0.55, 0.87, 0.66, // journey
	0.57, 0.85, 0.64, // starts
	0.22, 0.58, 0.33, // with
	0.77, 0.25, 0.10, // one
	0.05, 0.80, 0.55, // step
}

// bookIDs are the book sentence's gpt2 token ids.
var bookIDs = []int{7120, 7002, 4940, 351, 530, 2239}

// bookPieces are the bytes of bookIDs' tokens.
var bookPieces = []string{"Your", " journey", " starts", " with", " one", " step"}

// tokenize is tokenizer.Tokenize, except that the book sentence in gpt2 is
// answered without loading the encoder (a test checks
// them against the real encoder): the default launch draws its first frame
// without paying the 15–40 ms the encoder takes to load.
func tokenize(req Request) (tokenizer.Result, error) {
	if req.Text == samples.Book && (req.Encoding == "gpt2" || req.Encoding == "r50k_base") &&
		!tokenizer.Loaded(req.Encoding) && (req.MaxTokens <= 0 || req.MaxTokens >= len(bookIDs)) {
		toks := make([]tokenizer.Token, len(bookIDs))
		for i, id := range bookIDs {
			b := []byte(bookPieces[i])
			toks[i] = tokenizer.Token{ID: id, Bytes: b, Label: tokenizer.Label(b)}
		}
		return tokenizer.Result{Tokens: toks, Text: req.Text, InputBytes: len(req.Text)}, nil
	}
	return tokenizer.Tokenize(req.Encoding, req.Text, tokenizer.Limits{MaxTokens: req.MaxTokens})
}

// isBookText reports whether the inputs come from the book's table: the book
// sentence, unchanged, tokenized to its six ids, with d_in = 3.
func isBookText(req Request, toks []tokenizer.Token) bool {
	if req.Text != samples.Book || req.Config.DIn != 3 || len(toks) != len(bookIDs) {
		return false
	}
	for i, t := range toks {
		if t.ID != bookIDs[i] {
			return false
		}
	}
	return true
}

// ErrEmpty is returned for a text with no tokens.
var ErrEmpty = errors.New("the text is empty: type a sentence")

// Source turns a request into a scene and lists the stages its scenes
// show. The chapter's modules are one source (Chapter3); a second model
// family brings its own stages and its own catalogue of tensors.
type Source interface {
	// Stages lists the source's stages in order.
	Stages() []StageDef
	// Build tokenizes and computes a scene.
	Build(req Request) (*Scene, error)
}

// Chapter3 is the chapter's source: simplified attention, the
// single-head module, the wrapper and multi-head attention, with book
// mode's per-stage configurations.
var Chapter3 Source = chapter3Source{}

type chapter3Source struct{}

func (chapter3Source) Stages() []StageDef              { return Chapter3Stages() }
func (chapter3Source) Build(r Request) (*Scene, error) { return Build(r) }

// Stage returns the definition of stage s of the scene; the zero StageDef
// when s is out of range.
func (sc *Scene) Stage(s Stage) StageDef {
	if s < 0 || int(s) >= len(sc.Stages) {
		return StageDef{}
	}
	return sc.Stages[s]
}

// View is what stage s is drawn from: its tensors, heads and dropout.
func (sc *Scene) View(s Stage) View {
	if sc.Views != nil {
		return sc.Views(s)
	}
	return ViewOf(sc.ResultFor(s))
}

// Build tokenizes and computes a Scene of the chapter's stages. A request
// that fails Check is refused before any work.
func Build(req Request) (*Scene, error) {
	if err := req.Check(); err != nil {
		return nil, err
	}
	tr, err := tokenize(req)
	if err != nil {
		return nil, fmt.Errorf("tokenize: %w", err)
	}
	toks := tr.Tokens
	if len(toks) == 0 {
		return nil, ErrEmpty
	}
	sc := &Scene{Request: req, Tokens: toks, Notice: notice(tr, req.ReadLimit), Stages: Chapter3Stages()}
	if isBookText(req, toks) {
		sc.Inputs = compute.NewMatrixFrom(6, 3, append([]float32(nil), bookInputs...))
		sc.Source = FromBookTable
		sc.Book = req.Book
	} else {
		nv, err := tokenizer.NVocab(req.Encoding)
		if err != nil {
			return nil, err
		}
		ids := make([]int, len(toks))
		for i, t := range toks {
			ids[i] = t.ID
		}
		if sc.Inputs, err = compute.EmbeddingRows(req.Config.Seed, nv, req.Config.DIn, ids); err != nil {
			return nil, fmt.Errorf("embedding rows: %w", err)
		}
		sc.Source = FromEmbedding
	}
	if sc.Result, err = compute.Run(sc.Inputs, req.Config); err != nil {
		return nil, err
	}
	if sc.Book {
		sc.book = map[bookKey]*compute.Result{}
		for _, k := range []bookKey{bookRand123, bookLinear789, bookLinear789Drop, bookLinear123} {
			if sc.book[k], err = compute.Run(sc.Inputs, k.config()); err != nil {
				return nil, fmt.Errorf("book configuration %s: %w", k, err)
			}
		}
	}
	return sc, nil
}

// notice is what the tokenizer cut, said truly when the input was longer
// than what was read of it.
func notice(tr tokenizer.Result, readLimit int) string {
	if readLimit <= 0 {
		return tr.Notice()
	}
	what := fmt.Sprintf("cut to the first %d bytes", len(tr.Text))
	if tr.TokenLimited {
		what = fmt.Sprintf("cut to %d tokens", len(tr.Tokens))
	}
	n := what + fmt.Sprintf("; input past the first %s was not read", byteSize(readLimit))
	if tr.Repaired {
		n += "; invalid UTF-8 replaced by U+FFFD"
	}
	return n
}

// byteSize is n in the largest binary unit that divides it ("1 MiB").
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
