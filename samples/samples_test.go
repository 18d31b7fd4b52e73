package samples

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/attnscope/attnscope/tokenizer"
)

func TestBookFirst(t *testing.T) {
	s := All()
	if len(s) == 0 || s[0].Name != "book" || s[0].Text != Book {
		t.Fatalf("first sample %+v, want book = %q", s[0], Book)
	}
	if Book != "Your journey starts with one step" {
		t.Fatalf("Book = %q", Book)
	}
	got, err := Get("book")
	if err != nil || got.Text != Book {
		t.Fatalf("Get(book) = %+v, %v", got, err)
	}
}

func TestGetUnknown(t *testing.T) {
	_, err := Get("nope")
	if err == nil || !strings.Contains(err.Error(), "book") {
		t.Fatalf("Get(nope) error %v, want one listing the names", err)
	}
}

func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0].Text = "changed"
	if All()[0].Text != Book {
		t.Fatal("All exposes the package's slice")
	}
}

// TestIndexMatchesFiles: every text is listed once and every listed name has
// a text; names are unique and usable as --sample values.
func TestIndexMatchesFiles(t *testing.T) {
	files, err := fs.Glob(texts, "texts/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range All() {
		if seen[s.Name] {
			t.Errorf("sample %q listed twice", s.Name)
		}
		seen[s.Name] = true
		if strings.ContainsAny(s.Name, " \t/") || s.Name != strings.ToLower(s.Name) {
			t.Errorf("sample name %q: want lower case, no spaces", s.Name)
		}
	}
	if len(files) != len(seen) {
		t.Errorf("%d text files, %d samples in index.tsv", len(files), len(seen))
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "texts/"), ".txt")
		if !seen[name] {
			t.Errorf("%s is not in index.tsv", f)
		}
	}
}

// TestSampleTexts: clean text, short enough to read as a heatmap (≤ 20
// tokens in gpt2, except "long"), and the mix the samples promise.
func TestSampleTexts(t *testing.T) {
	for _, s := range All() {
		if s.Text == "" || !utf8.ValidString(s.Text) || strings.HasSuffix(s.Text, "\n") || strings.HasPrefix(s.Text, " ") {
			t.Errorf("%s: text %q", s.Name, s.Text)
		}
		if strings.ContainsAny(s.About, "\n\t") || s.About == "" {
			t.Errorf("%s: about %q", s.Name, s.About)
		}
		toks, err := tokenizer.Encode("gpt2", s.Text)
		if err != nil {
			t.Fatal(err)
		}
		limit := 20
		if s.Name == "long" {
			limit = 60
		}
		if s.Name == "induction" {
			// one token per word, so the second half repeats the first
			// token for token
			if n := len(strings.Fields(s.Text)); len(toks) != n {
				t.Errorf("induction: %d gpt2 tokens for %d words", len(toks), n)
			}
			continue
		}
		if len(toks) > limit || len(toks) < 5 {
			t.Errorf("%s: %d gpt2 tokens, want 5–%d", s.Name, len(toks), limit)
		}
		if s.Name == "long" && len(toks) < 30 {
			t.Errorf("long: only %d tokens", len(toks))
		}
	}
	for _, name := range []string{"book", "repeat", "pronoun", "long", "code", "french", "chinese", "emoji", "induction", "endoftext"} {
		if _, err := Get(name); err != nil {
			t.Error(err)
		}
	}
	rep, _ := Get("repeat")
	count := map[int]int{}
	rtoks, _ := tokenizer.Encode("gpt2", rep.Text)
	for _, tk := range rtoks {
		count[tk.ID]++
	}
	if count[2239] != 3 { // " step", the book sentence's last id
		t.Errorf("repeat sample has \" step\" %d times, want 3", count[2239])
	}
	code, _ := Get("code")
	if !strings.Contains(code.Text, "\n    ") {
		t.Errorf("code sample %q lost its newline and indentation", code.Text)
	}
	eot, _ := Get("endoftext")
	toks, _ := tokenizer.Encode("gpt2", eot.Text)
	special := 0
	for _, tk := range toks {
		if tk.Special {
			special++
		}
	}
	if special != 1 {
		t.Errorf("endoftext sample has %d special tokens", special)
	}
}
