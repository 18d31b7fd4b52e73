package narrate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
)

func TestEveryStageHasWords(t *testing.T) {
	cfgs := map[string]compute.Config{"default": compute.DefaultConfig()}
	c := compute.DefaultConfig()
	c.DIn, c.DOut, c.Heads, c.Dropout, c.QKVBias = 768, 768, 12, 0.1, true
	cfgs["gpt2-sized"] = c
	c = compute.DefaultConfig()
	c.Init, c.Heads = compute.InitRand, 1
	cfgs["rand, one head"] = c
	for name, cfg := range cfgs {
		for s, def := range pipeline.Chapter3Stages() {
			if !Has(def.Words) {
				t.Errorf("%s: no words under %q", def.Name, def.Words)
			}
			for _, book := range []bool{false, true} {
				n := For(def, cfg, book)
				if w := utf8.RuneCountInString(n.Notice); w == 0 || w > NoticeWidth {
					t.Errorf("%s/%s: notice %q is %d long", name, pipeline.Stage(s), n.Notice, w)
				}
				if n.Title == "" || n.Formula == "" || n.Text == "" {
					t.Errorf("%s/%s/book=%v: empty field in %+v", name, pipeline.Stage(s), book, n)
				}
				if n.Title != def.Title {
					t.Errorf("%s/%s: title %q", name, pipeline.Stage(s), n.Title)
				}
				if book != (n.Book != "") {
					t.Errorf("%s/%s: book=%v but Book=%q", name, pipeline.Stage(s), book, n.Book)
				}
				// 2–4 sentences.
				if k := strings.Count(n.Text, ". ") + 1; k < 2 || k > 4 {
					t.Errorf("%s/%s: %d sentences: %q", name, pipeline.Stage(s), k, n.Text)
				}
			}
		}
	}
}

func TestOutOfRangeStage(t *testing.T) {
	for _, s := range []pipeline.Stage{-1, pipeline.Stage(pipeline.NumStages), 99} {
		n := For(s.Def(), compute.DefaultConfig(), true)
		if n.Title == "" || n.Text == "" {
			t.Errorf("stage %d: %+v", s, n)
		}
	}
}

func TestDropoutMentionsScale(t *testing.T) {
	for _, tc := range []struct {
		p     float64
		rng   compute.DropoutRNG
		want  []string // substrings of Formula+Text
		avoid []string
	}{
		{0.5, compute.RNGTorch, []string{"p = 0.5", "1/(1−0.5) = 2", "×2", "doubled", "non-MKL", "doubled the rest (×2)"}, []string{"legacy MKL"}},
		{0.1, compute.RNGTorch, []string{"p = 0.1", "1/(1−0.1) = 1.1111", "×1.1111", "the rest ×1.1111"}, []string{"doubled"}},
		{0.25, compute.RNGMKL, []string{"p = 0.25", "1/(1−0.25) = 1.3333", "legacy MKL"}, []string{"doubled", "non-MKL"}},
		{0, compute.RNGTorch, []string{"p = 0", "all ones", "1/(1−p)"}, []string{"doubled"}},
	} {
		cfg := compute.DefaultConfig()
		cfg.Dropout, cfg.DropoutRNG = tc.p, tc.rng
		n := For(pipeline.StageDropout.Def(), cfg, false)
		all := n.Formula + "\n" + n.Text + "\n" + n.Notice
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("p=%v: missing %q in\n%s", tc.p, w, all)
			}
		}
		for _, w := range tc.avoid {
			if strings.Contains(all, w) {
				t.Errorf("p=%v: unexpected %q in\n%s", tc.p, w, all)
			}
		}
	}
	seed := uint64(123)
	cfg := compute.DefaultConfig()
	cfg.Dropout, cfg.DropoutSeed = 0.5, &seed
	if n := For(pipeline.StageDropout.Def(), cfg, true); !strings.Contains(n.Text, "reseeding with 123") || !strings.Contains(n.Book, "31–32") {
		t.Errorf("dropout seed / book cells not mentioned: %+v", n)
	}
}

func TestConfigNumbersAppear(t *testing.T) {
	cfg := compute.DefaultConfig()
	cfg.DIn, cfg.DOut, cfg.Heads = 16, 8, 4
	for _, tc := range []struct {
		s    pipeline.Stage
		want string
	}{
		{pipeline.StageEmbeddings, "d_in = 16"},
		{pipeline.StageScaled, "d_k = 8, √d_k = 2.8284"},
		{pipeline.StageWeights, "d_out = 8"},
		{pipeline.StageQKV, "d_in = 16 to d_out = 8"},
		{pipeline.StageHeads, "head_dim = 8/4 = 2"},
		{pipeline.StageOutput, "4 heads"},
	} {
		n := For(tc.s.Def(), cfg, false)
		if !strings.Contains(n.Formula+" "+n.Text, tc.want) {
			t.Errorf("%s: want %q in %q / %q", tc.s, tc.want, n.Formula, n.Text)
		}
	}
	cfg.QKVBias = true
	if n := For(pipeline.StageQKV.Def(), cfg, false); !strings.Contains(n.Formula, "+ b_q") {
		t.Errorf("bias not in qkv formula: %q", n.Formula)
	}
	cfg.Init = compute.InitRand // rand has no bias (SelfAttention_v1)
	if n := For(pipeline.StageQKV.Def(), cfg, false); strings.Contains(n.Formula, "+ b_q") || !strings.Contains(n.Text, "torch.rand") {
		t.Errorf("rand init: %q / %q", n.Formula, n.Text)
	}
}

func TestWhyCard(t *testing.T) {
	c := Why()
	if c.Title == "" || c.Text == "" || c.Picture == "" {
		t.Fatalf("empty card %+v", c)
	}
	for i, line := range strings.Split(c.Picture, "\n") {
		// Every rune in the picture is one cell wide (box drawing, arrows, ■).
		if n := utf8.RuneCountInString(line); n > PictureWidth {
			t.Errorf("picture line %d is %d wide (> %d): %q", i, n, PictureWidth, line)
		}
	}
}

func TestUntrainedOutOfBookMode(t *testing.T) {
	cfg := compute.DefaultConfig()
	for _, name := range []string{"weights", "causal"} {
		st, _ := pipeline.ParseStage(name)
		if n := For(st.Def(), cfg, false); !strings.HasPrefix(n.Text, Untrained) || !strings.Contains(n.Text, "--model") {
			t.Errorf("%s out of book mode does not say its weights are untrained: %q", name, n.Text)
		}
		if n := For(st.Def(), cfg, true); strings.Contains(n.Text, Untrained) {
			t.Errorf("%s in book mode: the book's own numbers need no caveat", name)
		}
	}
}
