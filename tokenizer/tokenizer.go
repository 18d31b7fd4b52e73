package tokenizer

import (
	"fmt"
	"strings"
	"sync"

	tiktoken "github.com/pkoukk/tiktoken-go"
	loader "github.com/pkoukk/tiktoken-go-loader"
)

// EndOfText is the one special token that user text may contain (the book's
// allowed_special={"<|endoftext|>"}); every other special-token text is
// encoded as ordinary text.
const EndOfText = "<|endoftext|>"

// Token is one BPE token.
type Token struct {
	ID    int
	Bytes []byte
	Label string // safe to print: no control bytes
}

var (
	loaderOnce sync.Once
	mu         sync.Mutex
	encoders   = map[string]*tiktoken.Tiktoken{}
)

// Canonical maps an encoding name to tiktoken-go's name ("gpt2" is r50k_base).
func Canonical(name string) (string, error) {
	switch name {
	case "gpt2", "r50k_base":
		return "r50k_base", nil
	case "p50k_base", "cl100k_base", "o200k_base":
		return name, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want gpt2, r50k_base, p50k_base, cl100k_base or o200k_base)", name)
}

func encoder(name string) (*tiktoken.Tiktoken, error) {
	canon, err := Canonical(name)
	if err != nil {
		return nil, err
	}
	loaderOnce.Do(func() { tiktoken.SetBpeLoader(loader.NewOfflineLoader()) })
	mu.Lock()
	defer mu.Unlock()
	if e, ok := encoders[canon]; ok {
		return e, nil
	}
	e, err := tiktoken.GetEncoding(canon)
	if err != nil {
		return nil, fmt.Errorf("load encoding %s: %w", canon, err)
	}
	encoders[canon] = e
	return e, nil
}

// Encode tokenizes text with the named encoding. "<|endoftext|>" becomes the
// special token; no other input can reach tiktoken's special-token panic.
func Encode(encoding, text string) ([]Token, error) {
	enc, err := encoder(encoding)
	if err != nil {
		return nil, err
	}
	var ids []int
	parts := strings.Split(text, EndOfText)
	for i, p := range parts {
		if i > 0 {
			ids = append(ids, enc.Encode(EndOfText, []string{EndOfText}, nil)...)
		}
		if p != "" {
			ids = append(ids, enc.EncodeOrdinary(p)...)
		}
	}
	toks := make([]Token, len(ids))
	for i, id := range ids {
		b := []byte(enc.Decode([]int{id}))
		toks[i] = Token{ID: id, Bytes: b, Label: Label(b)}
	}
	return toks, nil
}

// Label returns a printable label for a token's bytes.
func Label(b []byte) string {
	var sb strings.Builder
	for _, r := range string(b) {
		switch {
		case r == ' ':
			sb.WriteRune('␣')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&sb, `\x%02x`, r)
		case r == '\uFFFD':
			sb.WriteString("�")
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
