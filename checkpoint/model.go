package checkpoint

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/attnscope/attnscope/compute"
)

// Options are the caller's choices when opening a checkpoint.
type Options struct {
	// Heads is the number of attention heads when no config.json or
	// hparams.json gives it; 0 means: from the model width d (768 → 12,
	// 1024 → 16, 1280 → 20, 1600 → 25). A config that says otherwise is
	// an error.
	Heads int
}

// Info describes an opened checkpoint.
type Info struct {
	Name       string             // the hub name, else the weight file's base name
	Paths      []string           // the weight file(s) read
	ConfigPath string             // the config.json or hparams.json used, or ""
	Format     string             // "safetensors", "pth" or "sharded"
	Dtype      string             // "F32", "F16", "BF16" or "mixed"
	Bytes      int64              // total size of Paths
	Naming     string             // "hf" (Hugging Face GPT-2) or "book" (the book's GPTModel)
	Config     compute.GPT2Config // the model's shape
}

// Model is an opened checkpoint. Params may point into memory-mapped files:
// it is valid until Close.
type Model struct {
	Params *compute.GPT2Params
	Info   Info
	arena  *arena
}

// Close releases the mapped files and converted tensors. Params must not
// be used after.
func (m *Model) Close() error {
	if m == nil || m.arena == nil {
		return nil
	}
	err := m.arena.release()
	m.arena, m.Params = nil, nil
	return err
}

// CheckTokens reports the first token id outside the model's vocabulary.
func (m *Model) CheckTokens(ids []int) error {
	v := m.Info.Config.Vocab
	for i, id := range ids {
		if id < 0 || id >= v {
			return tensorErr(m.Info.Paths[0], m.embeddingName(),
				"token id %d (position %d) is outside the vocabulary of %d tokens", id, i, v)
		}
	}
	return nil
}

func (m *Model) embeddingName() string {
	if m.Info.Naming == "book" {
		return "tok_emb.weight"
	}
	return "wte.weight"
}

// DefaultHeads is GPT-2's head count for a model width: 768 → 12, 1024 →
// 16, 1280 → 20, 1600 → 25.
func DefaultHeads(d int) (int, bool) {
	h, ok := map[int]int{768: 12, 1024: 16, 1280: 20, 1600: 25}[d]
	return h, ok
}

// heads applies the rule: the config's n_head, else opts.Heads, else by d.
func heads(d int, cfg *fileConfig, opts Options, file string) (int, error) {
	var h int
	switch {
	case cfg != nil && cfg.Heads > 0:
		if opts.Heads > 0 && opts.Heads != cfg.Heads {
			return 0, fileErr(cfg.Path, "n_head is %d but --heads asks for %d", cfg.Heads, opts.Heads)
		}
		h = cfg.Heads
	case opts.Heads > 0:
		h = opts.Heads
	default:
		var ok bool
		if h, ok = DefaultHeads(d); !ok {
			return 0, fileErr(file, "no config gives the number of heads and d = %d is not a GPT-2 width: pass --heads", d)
		}
	}
	if d%h != 0 {
		return 0, fileErr(file, "d = %d is not a multiple of %d heads", d, h)
	}
	return h, nil
}

// checkConfig compares what a config file says with the tensors' shapes.
func checkConfig(cfg *fileConfig, c compute.GPT2Config) error {
	if cfg == nil {
		return nil
	}
	for _, f := range []struct {
		what      string
		said, got int
	}{
		{"n_embd", cfg.D, c.D}, {"n_layer", cfg.Layers, c.Layers},
		{"the vocabulary size", cfg.Vocab, c.Vocab}, {"the context (n_positions)", cfg.Context, c.Context},
	} {
		if f.said != 0 && f.said != f.got {
			return fileErr(cfg.Path, "%s is %d but the weights have %d", f.what, f.said, f.got)
		}
	}
	return nil
}

// build maps the tensors of the files at loc into a Model.
func build(a *arena, loc *location, ts map[string]*tensor, cfg *fileConfig, opts Options) (*Model, error) {
	w := &weights{a: a, ts: ts, where: loc.paths[0], dtypes: map[string]bool{}}
	if loc.index != "" {
		w.where = loc.index // a missing tensor is missing from the index's shards
	}
	var p *compute.GPT2Params
	var err error
	naming := "hf"
	switch {
	case has(ts, "tok_emb.weight"):
		naming = "book"
		p, err = fromBook(w)
	case has(ts, "wte.weight"):
		p, err = fromHF(w, "")
	case has(ts, "transformer.wte.weight"):
		p, err = fromHF(w, "transformer.")
	default:
		return nil, fileErr(loc.paths[0], "no GPT-2 token embedding (wte.weight, transformer.wte.weight or tok_emb.weight): %s", sample(ts))
	}
	if err != nil {
		return nil, err
	}
	c := compute.GPT2Config{D: p.TokenEmb.Cols, Layers: len(p.Blocks), Vocab: p.TokenEmb.Rows, Context: p.PosEmb.Rows, Eps: 1e-5}
	if cfg != nil {
		c.Eps = cfg.Eps
	}
	if err := checkConfig(cfg, c); err != nil {
		return nil, err
	}
	if c.Heads, err = heads(c.D, cfg, opts, loc.paths[0]); err != nil {
		return nil, err
	}
	p.Config = c
	info := Info{Name: loc.name, Paths: loc.paths, Format: loc.format, Dtype: w.dtype(), Naming: naming, Config: c}
	if cfg != nil {
		info.ConfigPath = cfg.Path
	}
	for _, f := range loc.paths {
		if fi, err := os.Stat(f); err == nil {
			info.Bytes += fi.Size()
		}
	}
	return &Model{Params: p, Info: info, arena: a}, nil
}

func has(ts map[string]*tensor, name string) bool { _, ok := ts[name]; return ok }

// sample names a few of the tensors a file holds, for an error message.
func sample(ts map[string]*tensor) string {
	var names []string
	for n := range ts {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "the file holds no tensors"
	}
	if len(names) > 3 {
		names = names[:3]
	}
	return fmt.Sprintf("it holds %d tensors such as %s", len(ts), strings.Join(names, ", "))
}
