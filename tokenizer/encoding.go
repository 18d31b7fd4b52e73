package tokenizer

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/dlclark/regexp2"
	"github.com/pkoukk/tiktoken-go-loader/assets"
)

// EndOfText is the one special token that user text may contain (the book's
// allowed_special={"<|endoftext|>"}); every other special-token text
// (<|fim_prefix|>, <|endofprompt|>, …) is encoded as ordinary text.
const EndOfText = "<|endoftext|>"

// The split patterns are tiktoken's (openai_public.py), as tiktoken-go v0.1.8
// spells them for the regexp2 engine.
const (
	patGPT2   = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
	patCL100K = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	patO200K  = `[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?` +
		`|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?` +
		`|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
)

// spec describes one encoding: where its ranks live in tiktoken-go-loader's
// embedded assets, how text is split before BPE, and its vocabulary size
// (the n_vocab the embedding table is built with).
type spec struct {
	name    string
	file    string
	pattern string
	eot     int
	nVocab  int
}

var specs = map[string]spec{
	"r50k_base":   {"r50k_base", "r50k_base.tiktoken", patGPT2, 50256, 50257},
	"p50k_base":   {"p50k_base", "p50k_base.tiktoken", patGPT2, 50256, 50281},
	"cl100k_base": {"cl100k_base", "cl100k_base.tiktoken", patCL100K, 100257, 100277},
	"o200k_base":  {"o200k_base", "o200k_base.tiktoken", patO200K, 199999, 200019},
}

// Encodings lists the accepted encoding names, in the order a picker should
// show them. "gpt2" is an alias of "r50k_base".
func Encodings() []string {
	return []string{"gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"}
}

// Canonical maps an encoding name to its canonical name ("gpt2" is
// "r50k_base"). Unknown names are an error.
func Canonical(name string) (string, error) {
	if name == "gpt2" {
		return "r50k_base", nil
	}
	if _, ok := specs[name]; ok {
		return name, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want gpt2, r50k_base, p50k_base, cl100k_base or o200k_base)", name)
}

// NVocab returns the vocabulary size of an encoding, special tokens included
// (r50k_base 50257, p50k_base 50281, cl100k_base 100277, o200k_base 200019).
// It does not load the encoder.
func NVocab(encoding string) (int, error) {
	c, err := Canonical(encoding)
	if err != nil {
		return 0, err
	}
	return specs[c].nVocab, nil
}

// EndOfTextID returns the id of <|endoftext|> in an encoding (50256 in
// r50k_base and p50k_base, 100257 in cl100k_base, 199999 in o200k_base).
// It does not load the encoder.
func EndOfTextID(encoding string) (int, error) {
	c, err := Canonical(encoding)
	if err != nil {
		return 0, err
	}
	return specs[c].eot, nil
}

// encoder is one loaded encoding. It is immutable after load and safe for
// concurrent use (regexp2.Regexp is).
type encoder struct {
	spec
	ranks   map[string]int // token bytes → id, without special tokens
	decoder []string       // id → token bytes; "" for ids that are not ranks
	re      *regexp2.Regexp
}

type slot struct {
	once   sync.Once
	enc    *encoder
	err    error
	loaded atomic.Bool
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*slot{}
)

func slotFor(canon string) *slot {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	s, ok := cache[canon]
	if !ok {
		s = &slot{}
		cache[canon] = s
	}
	return s
}

// get returns the encoder for a name, loading it on first use. Concurrent
// callers for the same encoding wait for one load; different encodings load
// independently.
func get(name string) (*encoder, error) {
	canon, err := Canonical(name)
	if err != nil {
		return nil, err
	}
	s := slotFor(canon)
	s.once.Do(func() {
		s.enc, s.err = load(specs[canon])
		s.loaded.Store(true)
	})
	return s.enc, s.err
}

// Preload builds the named encoder if it is not built yet, and returns when
// it is ready. Call it off the UI's path (in a tea.Cmd) before switching to
// cl100k_base or o200k_base: their first load takes tens to hundreds of
// milliseconds (see BenchmarkLoad).
func Preload(encoding string) error {
	_, err := get(encoding)
	return err
}

// Loaded reports whether the named encoder is built (or failed to build), so
// that Encode will not block on loading it. Unknown names report false.
func Loaded(encoding string) bool {
	canon, err := Canonical(encoding)
	if err != nil {
		return false
	}
	cacheMu.Lock()
	s, ok := cache[canon]
	cacheMu.Unlock()
	return ok && s.loaded.Load()
}

// load parses the embedded .tiktoken file (lines "base64(token) rank") into
// one shared string so that map keys and the decoder are substrings of it
// rather than 200 000 separate allocations.
func load(sp spec) (*encoder, error) {
	data, err := assets.Assets.ReadFile(sp.file)
	if err != nil {
		return nil, fmt.Errorf("load encoding %s: %w", sp.name, err)
	}
	n := bytes.Count(data, []byte{'\n'}) + 1
	arena := make([]byte, 0, len(data)*3/4)
	ends := make([]int, 0, n)
	ids := make([]int, 0, n)
	for line := range bytes.SplitSeq(data, []byte{'\n'}) {
		if len(line) == 0 {
			continue
		}
		sp0 := bytes.IndexByte(line, ' ')
		if sp0 < 0 {
			return nil, fmt.Errorf("load encoding %s: malformed line %q", sp.name, line)
		}
		id, ok := atoi(line[sp0+1:])
		if !ok || id >= sp.nVocab {
			return nil, fmt.Errorf("load encoding %s: bad rank in line %q", sp.name, line)
		}
		arena, err = base64.StdEncoding.AppendDecode(arena, line[:sp0])
		if err != nil {
			return nil, fmt.Errorf("load encoding %s: %w", sp.name, err)
		}
		ends = append(ends, len(arena))
		ids = append(ids, id)
	}
	all := string(arena)
	e := &encoder{
		spec:    sp,
		ranks:   make(map[string]int, len(ids)),
		decoder: make([]string, sp.nVocab),
	}
	start := 0
	for i, end := range ends {
		tok := all[start:end]
		e.ranks[tok] = ids[i]
		e.decoder[ids[i]] = tok
		start = end
	}
	for b := range 256 {
		if _, ok := e.ranks[string([]byte{byte(b)})]; !ok {
			return nil, fmt.Errorf("load encoding %s: byte %#02x has no token", sp.name, b)
		}
	}
	e.decoder[sp.eot] = EndOfText
	if e.re, err = regexp2.Compile(sp.pattern, regexp2.None); err != nil {
		return nil, fmt.Errorf("load encoding %s: split pattern: %w", sp.name, err)
	}
	// No MatchTimeout: regexp2's coarse clock made it fire spuriously on tiny
	// inputs under load (seen in tests with -race). The input caps bound the
	// work instead (BenchmarkWorstCase).
	return e, nil
}

func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
