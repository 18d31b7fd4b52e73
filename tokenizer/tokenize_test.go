package tokenizer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tiktoken "github.com/pkoukk/tiktoken-go"
	loader "github.com/pkoukk/tiktoken-go-loader"
)

func TestBookSentence(t *testing.T) {
	// the book sample's gpt2 ids, as tiktoken gives them
	toks, err := Encode("gpt2", "Your journey starts with one step")
	if err != nil {
		t.Fatal(err)
	}
	want := []int{7120, 7002, 4940, 351, 530, 2239}
	if got := tokenIDs(toks); !slices.Equal(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
}

func TestEndOfText(t *testing.T) {
	// ids from tiktoken (expected.jsonl #7 and the special-token table)
	for enc, eot := range map[string]int{"gpt2": 50256, "r50k_base": 50256, "p50k_base": 50256, "cl100k_base": 100257, "o200k_base": 199999} {
		if id, err := EndOfTextID(enc); err != nil || id != eot {
			t.Errorf("EndOfTextID(%s) = %d, %v; want %d", enc, id, err, eot)
		}
		toks, err := Encode(enc, "tea<|endoftext|>tea")
		if err != nil {
			t.Fatal(err)
		}
		if len(toks) < 3 {
			t.Fatalf("%s: %d tokens", enc, len(toks))
		}
		n := 0
		for _, tk := range toks {
			if tk.Special {
				n++
				if tk.ID != eot || tk.Label != EndOfText || string(tk.Bytes) != EndOfText {
					t.Errorf("%s: special token %+v", enc, tk)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d special tokens, want 1", enc, n)
		}
	}
}

func TestOtherSpecialsArePlainText(t *testing.T) {
	for _, enc := range Encodings() {
		for _, s := range []string{"<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endofprompt|>", "<|endoftext", "<|ENDOFTEXT|>"} {
			toks, err := Encode(enc, s)
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range toks {
				if tk.Special {
					t.Errorf("%s %q: token %d is special", enc, s, tk.ID)
				}
			}
			if len(toks) < 2 {
				t.Errorf("%s %q: %d tokens; a special token would be one", enc, s, len(toks))
			}
		}
	}
}

func TestUnknownEncoding(t *testing.T) {
	if _, err := Encode("gpt5", "x"); err == nil {
		t.Fatal("no error for an unknown encoding")
	}
	if Loaded("gpt5") {
		t.Error("Loaded(gpt5) = true")
	}
	if err := Preload("nope"); err == nil {
		t.Error("Preload(nope) gave no error")
	}
}

func TestNVocab(t *testing.T) {
	// tiktoken's n_vocab of each encoding
	want := map[string]int{"gpt2": 50257, "r50k_base": 50257, "p50k_base": 50281, "cl100k_base": 100277, "o200k_base": 200019}
	for enc, n := range want {
		if got, err := NVocab(enc); err != nil || got != n {
			t.Errorf("NVocab(%s) = %d, %v; want %d", enc, got, err, n)
		}
		e, err := get(enc)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.decoder) != n {
			t.Errorf("%s: decoder holds %d ids", enc, len(e.decoder))
		}
		holes := 0
		for _, b := range e.decoder {
			if b == "" {
				holes++
			}
		}
		// r50k_base fills its vocabulary; the others leave ids unused
		// (p50k_base 50257–50280, cl100k_base 100256 and the unused specials…)
		if holes != n-len(e.ranks)-1 {
			t.Errorf("%s: %d ids without bytes, want %d", enc, holes, n-len(e.ranks)-1)
		}
	}
}

func TestPreloadConcurrent(t *testing.T) {
	resetCache()
	if Loaded("cl100k_base") {
		t.Fatal("Loaded before loading")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			enc := []string{"cl100k_base", "gpt2", "r50k_base", "p50k_base"}[i%4]
			if err := Preload(enc); err != nil {
				errs <- err
			}
			if _, err := Encode(enc, "hello world"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, enc := range []string{"cl100k_base", "gpt2", "r50k_base", "p50k_base"} {
		if !Loaded(enc) {
			t.Errorf("Loaded(%s) = false after Preload", enc)
		}
	}
	if a, b := slotFor("r50k_base"), slotFor("r50k_base"); a != b || a.enc == nil {
		t.Error("gpt2 and r50k_base do not share one cached encoder")
	}
}

func TestLimits(t *testing.T) {
	long := strings.Repeat("the cat sat on the mat. ", 200) // 6 tokens per 24 bytes in gpt2
	t.Run("tokens", func(t *testing.T) {
		r, err := Tokenize("gpt2", long, Limits{MaxTokens: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Tokens) != 10 || !r.TokenLimited || r.ByteLimited || !r.Cut() {
			t.Fatalf("%d tokens, %+v", len(r.Tokens), r)
		}
		if r.Text != "the cat sat on the mat. the cat sat" || r.CutBytes != len(long)-len(r.Text) {
			t.Errorf("Text %q, CutBytes %d", r.Text, r.CutBytes)
		}
		if got := r.Notice(); got != fmt.Sprintf("cut to 10 tokens (%d bytes left out)", r.CutBytes) {
			t.Errorf("Notice %q", got)
		}
	})
	t.Run("exactly at the token limit is not a cut", func(t *testing.T) {
		r, err := Tokenize("gpt2", "Your journey starts with one step", Limits{MaxTokens: 6})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Tokens) != 6 || r.Cut() || r.Notice() != "" {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("bytes, at a UTF-8 boundary", func(t *testing.T) {
		r, err := Tokenize("gpt2", "ab世界", Limits{MaxBytes: 4})
		if err != nil {
			t.Fatal(err)
		}
		if r.Text != "ab" || !r.ByteLimited || r.TokenLimited || r.CutBytes != 6 {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("token limit never splits a character", func(t *testing.T) {
		// 世 is two tokens in gpt2: "a" + 世 cut at 2 tokens keeps only "a"
		r, err := Tokenize("gpt2", "a世", Limits{MaxTokens: 2})
		if err != nil {
			t.Fatal(err)
		}
		if r.Text != "a" || len(r.Tokens) != 1 || r.CutBytes != 3 || !r.TokenLimited {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("defaults", func(t *testing.T) {
		r, err := Tokenize("gpt2", strings.Repeat("x ", 100_000), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Limits != DefaultLimits() || len(r.Tokens) != DefaultMaxTokens || !r.ByteLimited || !r.TokenLimited {
			t.Fatalf("%d tokens, limits %+v, byte %v token %v", len(r.Tokens), r.Limits, r.ByteLimited, r.TokenLimited)
		}
	})
	t.Run("no overflow at MaxInt", func(t *testing.T) {
		r, err := Tokenize("gpt2", "a<|endoftext|>b", Limits{MaxTokens: math.MaxInt})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Tokens) != 3 || r.Cut() {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("invalid UTF-8 is repaired", func(t *testing.T) {
		r, err := Tokenize("gpt2", "a\xffb", Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Text != "a\ufffdb" || !r.Repaired || r.Cut() || r.Notice() != "invalid UTF-8 replaced by U+FFFD" {
			t.Fatalf("%+v", r)
		}
	})
}

func TestSplitCharacter(t *testing.T) {
	toks, err := Encode("gpt2", "世界")
	if err != nil {
		t.Fatal(err)
	}
	// tiktoken: 世界 → e4b8 96 e7 95 8c (expected.jsonl, CJK records)
	if len(toks) != 4 {
		t.Fatalf("%d tokens", len(toks))
	}
	want := []Token{
		{Label: "‹e4 b8›", Whole: "世", Part: 1, Parts: 2},
		{Label: "‹96›", Whole: "世", Part: 2, Parts: 2},
		{Label: "‹e7 95›", Whole: "界", Part: 1, Parts: 2},
		{Label: "‹8c›", Whole: "界", Part: 2, Parts: 2},
	}
	for i, w := range want {
		g := toks[i]
		if g.Label != w.Label || g.Whole != w.Whole || g.Part != w.Part || g.Parts != w.Parts {
			t.Errorf("token %d: %q %q %d/%d, want %q %q %d/%d", i, g.Label, g.Whole, g.Part, g.Parts, w.Label, w.Whole, w.Part, w.Parts)
		}
	}
	whole, err := Encode("gpt2", "journey")
	if err != nil {
		t.Fatal(err)
	}
	if whole[0].Whole != "" || whole[0].Parts != 0 {
		t.Errorf("a whole token is marked as a part: %+v", whole[0])
	}
}

// TestMergeHeapMatchesScan: the O(n log n) merge makes tiktoken's merges on
// pieces long enough to take the heap path, and on short ones.
func TestMergeHeapMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{"ab", "abc ", "aaaaaaab", "0123456789", "héllo wörld", "世界你好", "\x00\xff\x80"}
	for _, enc := range []string{"r50k_base", "cl100k_base", "o200k_base"} {
		e, err := get(enc)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 300 {
			alpha := []rune(alphabets[i%len(alphabets)])
			var sb strings.Builder
			for range 1 + rng.IntN(300) {
				sb.WriteRune(alpha[rng.IntN(len(alpha))])
			}
			piece := sb.String()
			if i%len(alphabets) == 6 {
				piece = string([]byte(piece)) // raw bytes are fine for the merge
			}
			a := mergeScanAny(nil, piece, e.ranks)
			b := mergeHeap(nil, piece, e.ranks)
			if !slices.Equal(a, b) {
				t.Fatalf("%s %q: scan %v, heap %v", enc, piece, a, b)
			}
		}
	}
}

// mergeScanAny is tiktoken's quadratic algorithm for any length (mergeScan
// is limited to smallPiece bytes).
func mergeScanAny(dst []int, piece string, ranks map[string]int) []int {
	starts := make([]int, 0, len(piece)+1)
	for i := 0; i <= len(piece); i++ {
		starts = append(starts, i)
	}
	for len(starts) > 2 {
		best, at := int(^uint(0)>>1), -1
		for i := 0; i+2 < len(starts); i++ {
			if r, ok := ranks[piece[starts[i]:starts[i+2]]]; ok && r < best {
				best, at = r, i
			}
		}
		if at < 0 {
			break
		}
		starts = append(starts[:at+1], starts[at+2:]...)
	}
	for i := 0; i+1 < len(starts); i++ {
		dst = append(dst, ranks[piece[starts[i]:starts[i+1]]])
	}
	return dst
}

var (
	oracleOnce sync.Once
	oracles    map[string]*tiktoken.Tiktoken
)

// oracle returns tiktoken-go's encoder: the library whose split patterns and
// merge rule this package follows.
func oracle(t testing.TB, enc string) *tiktoken.Tiktoken {
	oracleOnce.Do(func() {
		tiktoken.SetBpeLoader(loader.NewOfflineLoader())
		oracles = map[string]*tiktoken.Tiktoken{}
		for _, name := range []string{"r50k_base", "cl100k_base", "o200k_base"} {
			o, err := tiktoken.GetEncoding(name)
			if err != nil {
				panic(err)
			}
			oracles[name] = o
		}
	})
	return oracles[enc]
}

// TestMatchesTiktokenGo compares with tiktoken-go on random text mixing
// scripts, digits, punctuation, whitespace runs and emoji.
func TestMatchesTiktokenGo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads tiktoken-go's encoders")
	}
	parts := []string{"the", " cat", "  ", "\n", "\n\n ", "\t", "123", "4567", "'s", "'LL", "ÜBER", "straße",
		"世界", "🍕", "👨\u200d👩", "e\u0301", "!!", "...", "(x)", "\u00a0", "Ab", "aB", " ", "नमस्ते", "\r\n", "$$"}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, enc := range []string{"r50k_base", "cl100k_base", "o200k_base"} {
		o := oracle(t, enc)
		e, err := get(enc)
		if err != nil {
			t.Fatal(err)
		}
		for range 400 {
			var sb strings.Builder
			for range 1 + rng.IntN(20) {
				sb.WriteString(parts[rng.IntN(len(parts))])
			}
			s := sb.String()
			want := o.EncodeOrdinary(s)
			got, err := e.encodeOrdinary(nil, s, -1)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s %q:\n got  %v\n want %v (tiktoken-go)", enc, s, got, want)
			}
		}
	}
}

// FuzzTokenize: arbitrary bytes never panic; the tokens spell the text; no
// label carries a control character; widths agree with lipgloss and add up.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Your journey starts with one step", "a\u202eb\x1b[31m", "世界🍕", "\xff\xfe\x00",
		"<|endoftext|>x<|endoftext|", "e\u0301\u200d\ufe0f", "\U000e0068i", "    \n\n\t"} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		encs := []string{"gpt2", "cl100k_base", "o200k_base"}
		enc := encs[int(which)%len(encs)]
		r, err := Tokenize(enc, string(b), Limits{MaxTokens: 256})
		if err != nil {
			t.Fatal(err)
		}
		var spelled []byte
		labels := make([]string, len(r.Tokens))
		sum := 0
		for i, tk := range r.Tokens {
			spelled = append(spelled, tk.Bytes...)
			if tk.Label == "" || Width(tk.Label) < 1 {
				t.Errorf("token %d (%x) has an invisible label %q", i, tk.Bytes, tk.Label)
			}
			checkLabel(t, tk.Label)
			if tk.Whole != "" {
				checkLabel(t, tk.Whole)
			}
			labels[i] = tk.Label
			sum += Width(tk.Label)
		}
		if string(spelled) != r.Text {
			t.Fatalf("tokens spell %q, Text is %q", spelled, r.Text)
		}
		if !utf8.ValidString(r.Text) {
			t.Fatalf("Text %q is not valid UTF-8", r.Text)
		}
		// laid out side by side, one cell apart, the widths add up
		if len(labels) > 0 {
			if got, want := Width(strings.Join(labels, " ")), sum+len(labels)-1; got != want {
				t.Errorf("joined labels are %d cells, their widths add to %d: %q", got, want, labels)
			}
		}
	})
}

// FuzzLabel: any bytes, not only whole tokens.
func FuzzLabel(f *testing.F) {
	for _, s := range []string{"\x1b]0;title\x07", "\u202e\u2066", "\xe4\xb8", " a\u0301", "👨\u200d", "\ufe0f"} {
		f.Add([]byte(s), 3)
	}
	f.Fuzz(func(t *testing.T, b []byte, cells int) {
		l := Label(b)
		if len(b) > 0 && Width(l) < 1 {
			t.Errorf("Label(%q) = %q is invisible", b, l)
		}
		checkLabel(t, l)
		cells %= 40
		tr := Truncate(l, cells)
		if cells >= 0 && Width(tr) > cells {
			t.Errorf("Truncate(%q, %d) = %q is %d cells", l, cells, tr, Width(tr))
		}
		if tr != l && cells > 0 && !strings.HasPrefix(l, strings.TrimSuffix(tr, Ellipsis)) {
			t.Errorf("Truncate(%q, %d) = %q is not a prefix", l, cells, tr)
		}
	})
}

// checkLabel: safe (checkSafe) and measured as lipgloss measures it.
func checkLabel(t *testing.T, l string) {
	t.Helper()
	checkSafe(t, l)
	if !utf8.ValidString(l) {
		t.Errorf("label %q is not valid UTF-8", l)
	}
	if w, lw := Width(l), lipglossWidth(l); w != lw {
		t.Errorf("Width(%q) = %d, lipgloss measures %d", l, w, lw)
	}
}
