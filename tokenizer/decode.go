package tokenizer

import "fmt"

// Decode returns the tokens of ids in encoding (an id the vocabulary lacks
// is an error), labelled as Tokenize labels them; a model's predictions
// (its next-token ids) are shown this way.
func Decode(encoding string, ids []int) ([]Token, error) {
	enc, err := get(encoding)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if id < 0 || id >= len(enc.decoder) || (enc.decoder[id] == "" && id != enc.eot) {
			return nil, fmt.Errorf("decode: token id %d is not in %s", id, encoding)
		}
	}
	toks := make([]Token, len(ids))
	for i, id := range ids {
		b := []byte(enc.decoder[id])
		toks[i] = Token{ID: id, Bytes: b, Special: id == enc.eot, Label: Label(b)}
		if toks[i].Special {
			toks[i].Label = EndOfText
		}
	}
	return toks, nil
}
