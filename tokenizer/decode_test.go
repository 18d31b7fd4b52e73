package tokenizer

import "testing"

func TestDecode(t *testing.T) {
	toks, err := Decode("gpt2", []int{7120, 50256})
	if err != nil {
		t.Fatal(err)
	}
	if toks[0].Label != "Your" || !toks[1].Special || toks[1].Label != EndOfText {
		t.Fatalf("got %+v", toks)
	}
	if _, err := Decode("gpt2", []int{50257}); err == nil {
		t.Fatal("want an error for an id past the vocabulary")
	}
	if _, err := Decode("gpt2", []int{-1}); err == nil {
		t.Fatal("want an error for a negative id")
	}
}
