package tokenizer

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Token is one BPE token.
type Token struct {
	ID    int
	Bytes []byte // exactly the bytes the token stands for
	Label string // safe to print, never empty or invisible; see Label
	// Special is true for <|endoftext|>.
	Special bool
	// Whole, Part and Parts are set when the token's bytes are not valid
	// UTF-8 on their own (BPE split a character): Whole labels the shortest
	// run of neighbouring tokens that is valid (e.g. "世" for both of its
	// tokens in r50k_base), and the token is part Part (from 1) of Parts.
	// Whole is "" and Part, Parts are 0 for every other token.
	Whole       string
	Part, Parts int
}

// Default limits on what is tokenized. An attention heatmap of 1024 tokens
// is already far more than a screen shows; the byte cap bounds the work
// before the token cap can apply.
const (
	DefaultMaxBytes  = 64 << 10
	DefaultMaxTokens = 1024
)

// Limits bound the work Tokenize does. A field ≤ 0 takes its default.
type Limits struct {
	MaxBytes  int // the text is cut to this many bytes (at a UTF-8 boundary) before tokenizing
	MaxTokens int // at most this many tokens are returned
}

// DefaultLimits returns {DefaultMaxBytes, DefaultMaxTokens}.
func DefaultLimits() Limits { return Limits{DefaultMaxBytes, DefaultMaxTokens} }

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxTokens <= 0 {
		l.MaxTokens = DefaultMaxTokens
	}
	return l
}

// Result is a tokenized text and what, if anything, was left out.
type Result struct {
	Tokens []Token
	// Text is what the tokens spell: the input, with invalid UTF-8 replaced
	// by U+FFFD, cut to the limits. It always ends at a UTF-8 boundary.
	Text string
	// InputBytes is the length of the text that was passed in.
	InputBytes int
	// CutBytes counts the bytes of the (repaired) input after Text that were
	// left out; 0 when nothing was cut.
	CutBytes int
	// ByteLimited and TokenLimited say which limit cut the text (the byte
	// cap applies first; both can be true).
	ByteLimited, TokenLimited bool
	// Repaired is true when invalid UTF-8 in the input was replaced by U+FFFD.
	Repaired bool
	// Limits are the limits that applied, defaults filled in.
	Limits Limits
}

// Cut reports whether part of the text was left out.
func (r Result) Cut() bool { return r.CutBytes > 0 }

// Notice is a one-line note for the UI saying what was cut or repaired, or
// "" when the tokens spell the whole input.
func (r Result) Notice() string {
	var parts []string
	switch {
	case r.TokenLimited:
		parts = append(parts, fmt.Sprintf("cut to %d tokens (%d bytes left out)", len(r.Tokens), r.CutBytes))
	case r.ByteLimited:
		parts = append(parts, fmt.Sprintf("cut to the first %d bytes (%d bytes left out)", len(r.Text), r.CutBytes))
	}
	if r.Repaired {
		parts = append(parts, "invalid UTF-8 replaced by U+FFFD")
	}
	return strings.Join(parts, "; ")
}

// Encode tokenizes text with the named encoding under DefaultLimits and
// returns the tokens. Use Tokenize to choose the limits and learn what was
// cut.
func Encode(encoding, text string) ([]Token, error) {
	r, err := Tokenize(encoding, text, DefaultLimits())
	return r.Tokens, err
}

// Tokenize splits text into BPE tokens exactly as OpenAI's tiktoken does with
// allowed_special={"<|endoftext|>"}: that text becomes the special token and
// every other special-token text is ordinary text, so no input can fail or
// panic on a "disallowed special token". Invalid UTF-8 is first replaced by
// U+FFFD (tiktoken takes Unicode strings). The text is then cut to
// lim.MaxBytes at a UTF-8 boundary, and tokenizing stops after lim.MaxTokens
// tokens, backing off to a UTF-8 boundary so no character is left half-cut.
//
// The first call for an encoding loads it (see Preload). Errors: an unknown
// encoding, or (not seen in practice) a failure of the split engine.
func Tokenize(encoding, text string, lim Limits) (Result, error) {
	lim = lim.withDefaults()
	enc, err := get(encoding)
	if err != nil {
		return Result{}, err
	}
	res := Result{InputBytes: len(text), Limits: lim}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
		res.Repaired = true
	}
	if len(text) > lim.MaxBytes {
		cut := lim.MaxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		res.CutBytes = len(text) - cut
		res.ByteLimited = true
		text = text[:cut]
	}

	// one token past the limit tells a cut from an exact fit
	ids, err := enc.encode(text, min(lim.MaxTokens, math.MaxInt-1)+1)
	if err != nil {
		return Result{}, fmt.Errorf("tokenize with %s: %w", enc.name, err)
	}
	if len(ids) > lim.MaxTokens {
		ids = ids[:lim.MaxTokens]
	}
	kept := 0
	for _, id := range ids {
		kept += len(enc.decoder[id])
	}
	for len(ids) > 0 && kept < len(text) && !utf8.RuneStart(text[kept]) {
		kept -= len(enc.decoder[ids[len(ids)-1]])
		ids = ids[:len(ids)-1]
	}
	if kept < len(text) {
		res.TokenLimited = true
		res.CutBytes += len(text) - kept
	}
	res.Text = text[:kept]
	res.Tokens = enc.tokens(ids)
	return res, nil
}

// encode returns the ids of text, <|endoftext|> as the special token, stopping
// once at least max ids are produced.
func (e *encoder) encode(text string, max int) ([]int, error) {
	var ids []int
	for {
		seg, rest, found := strings.Cut(text, EndOfText)
		var err error
		if ids, err = e.encodeOrdinary(ids, seg, max); err != nil {
			return ids, err
		}
		if !found || len(ids) >= max {
			return ids, nil
		}
		ids = append(ids, e.eot)
		text = rest
	}
}

// tokens turns ids into Tokens and marks the runs that split a character.
func (e *encoder) tokens(ids []int) []Token {
	toks := make([]Token, len(ids))
	for i, id := range ids {
		b := []byte(e.decoder[id])
		toks[i] = Token{ID: id, Bytes: b, Special: id == e.eot}
		if toks[i].Special {
			toks[i].Label = EndOfText
		} else {
			toks[i].Label = Label(b)
		}
	}
	// A group ends where the next token starts a character; a group of more
	// than one token is a split character (with whatever shares its tokens).
	for start := 0; start < len(toks); {
		end := start + 1
		for end < len(toks) && !utf8.RuneStart(toks[end].Bytes[0]) {
			end++
		}
		if end-start > 1 {
			var whole []byte
			for _, t := range toks[start:end] {
				whole = append(whole, t.Bytes...)
			}
			wl := Label(whole)
			for k := start; k < end; k++ {
				toks[k].Whole, toks[k].Part, toks[k].Parts = wl, k-start+1, end-start
			}
		}
		start = end
	}
	return toks
}
