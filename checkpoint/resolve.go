package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/attnscope/attnscope/checkpoint/hub"
)

// location is where a model argument resolved to.
type location struct {
	name   string   // display name
	paths  []string // weight files (shards for a sharded checkpoint)
	index  string   // model.safetensors.index.json, for a sharded checkpoint
	format string   // safetensors, pth, sharded
	config string   // config.json or hparams.json beside, or ""
}

// Open resolves spec — a weight file, a folder holding one, or a model
// name in the Hugging Face hub cache, in that order — and reads it.
// Every error it returns matches ErrInput.
func Open(spec string, opts Options) (*Model, error) {
	if opts.Heads < 0 {
		return nil, fileErr(spec, "--heads %d is negative", opts.Heads)
	}
	loc, err := resolve(spec)
	if err != nil {
		return nil, err
	}
	var cfg *fileConfig
	if loc.config != "" {
		if cfg, err = readConfig(loc.config); err != nil {
			return nil, err
		}
	}
	a := &arena{}
	ts, err := readTensors(a, loc)
	if err == nil {
		var m *Model
		if m, err = build(a, loc, ts, cfg, opts); err == nil {
			return m, nil
		}
	}
	_ = a.release()
	return nil, err
}

// errNoWeights is inFolder's error for a folder without weight files.
var errNoWeights = errors.New("folder holds no model.safetensors, model.safetensors.index.json, *.safetensors, pytorch_model.bin, *.pth or *.pt")

// resolve finds the weight files spec names: a file, a folder holding
// weights, a hub cache name (also when a folder of that name holds none).
func resolve(spec string) (*location, error) {
	if spec == "" {
		return nil, fileErr(`""`, "empty model argument")
	}
	var tried []string
	fi, err := os.Stat(spec)
	switch {
	case err == nil && fi.IsDir():
		loc, err := inFolder(spec, folderName(spec))
		if !errors.Is(err, errNoWeights) || !isHubName(spec) {
			return loc, err
		}
		tried = append(tried, spec+" (a folder without weights)")
	case err == nil:
		return fileLocation(spec, filepath.Base(spec))
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fileErr(spec, "%v", unwrapPath(err))
	default:
		tried = append(tried, spec+" (no such file or folder)")
	}
	if isHubName(spec) {
		dir, places := hub.Find(spec)
		if dir != "" {
			return inFolder(dir, spec)
		}
		tried = append(tried, places...)
	}
	return nil, fileErr(spec, "no model found; tried %s; `attnscope pull %s` downloads a hub model's weights",
		strings.Join(tried, ", "), pullName(spec))
}

// isHubName is NAME or ORG/NAME without path syntax.
func isHubName(s string) bool {
	parts := strings.Split(s, "/")
	if len(parts) > 2 || strings.ContainsAny(s, `\:`) {
		return false
	}
	for _, ext := range []string{".safetensors", ".json", ".pth", ".pt", ".bin"} {
		if strings.HasSuffix(strings.ToLower(s), ext) {
			return false
		}
	}
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.HasPrefix(p, ".") {
			return false
		}
	}
	return true
}

func pullName(s string) string {
	if isHubName(s) {
		return s
	}
	return "NAME"
}

// fileLocation classifies a weight file by its name.
func fileLocation(path, name string) (*location, error) {
	loc := &location{name: name, paths: []string{path}, config: findConfig(filepath.Dir(path))}
	base := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(base, ".index.json"):
		loc.format, loc.index, loc.paths = "sharded", path, nil
	case strings.HasSuffix(base, ".safetensors"):
		loc.format = "safetensors"
	case strings.HasSuffix(base, ".pth"), strings.HasSuffix(base, ".pt"), strings.HasSuffix(base, ".bin"):
		loc.format = "pth"
	default:
		return nil, fileErr(path, "not a checkpoint file (.safetensors, .pth, .pt, .bin or model.safetensors.index.json)")
	}
	return loc, nil
}

// folderName is the name a folder's model goes by: the folder's own name
// ("gpt2-small" for ./gpt2-small/, and for ".", the current folder's).
func folderName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Base(dir)
}

// inFolder picks the weights in dir: model.safetensors, its shard index,
// the only *.safetensors, pytorch_model.bin, the only *.pth or *.pt.
func inFolder(dir, name string) (*location, error) {
	pick := func(p string) (*location, error) {
		n := name
		if n == "" {
			n = filepath.Base(p)
		}
		return fileLocation(p, n)
	}
	for _, n := range []string{"model.safetensors", "model.safetensors.index.json"} {
		if p := filepath.Join(dir, n); isFile(p) {
			return pick(p)
		}
	}
	for _, group := range [][]string{{"*.safetensors"}, {"pytorch_model.bin"}, {"*.pth", "*.pt"}} {
		var found []string
		for _, g := range group {
			m, _ := filepath.Glob(filepath.Join(dir, g))
			for _, p := range m {
				if isFile(p) {
					found = append(found, p)
				}
			}
		}
		sort.Strings(found)
		switch {
		case len(found) == 1:
			return pick(found[0])
		case len(found) > 1:
			return nil, fileErr(dir, "holds several checkpoints (%s): name one", strings.Join(found, ", "))
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "model.ckpt*")); len(m) > 0 {
		return nil, &Error{Path: dir, Err: fmt.Errorf("%w; TensorFlow checkpoints (model.ckpt.*) are not read: load them into PyTorch and torch.save the state dict", errNoWeights)}
	}
	return nil, &Error{Path: dir, Err: errNoWeights}
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// cleanBase reports whether f is a plain file name (no folder part).
func cleanBase(f string) string {
	if f == "." || f == ".." || strings.ContainsAny(f, `/\`) {
		return ""
	}
	return f
}

// readTensors maps the weight files and parses their headers.
func readTensors(a *arena, loc *location) (map[string]*tensor, error) {
	if loc.format == "sharded" {
		return readSharded(a, loc)
	}
	buf, err := a.open(loc.paths[0])
	if err != nil {
		return nil, err
	}
	var ts []*tensor
	if loc.format == "safetensors" {
		ts, err = parseSafetensors(loc.paths[0], buf)
	} else {
		ts, err = parsePth(loc.paths[0], buf)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]*tensor, len(ts))
	for _, t := range ts {
		out[t.name] = t
	}
	return out, nil
}

// readSharded reads every shard an index names and checks that each tensor
// is in the shard the index says, once.
func readSharded(a *arena, loc *location) (map[string]*tensor, error) {
	b, err := readSmall(loc.index)
	if err != nil {
		return nil, err
	}
	files, wm, err := readIndex(loc.index, b)
	if err != nil {
		return nil, err
	}
	out := map[string]*tensor{}
	dir := filepath.Dir(loc.index)
	for _, f := range files {
		p := filepath.Join(dir, f)
		loc.paths = append(loc.paths, p)
		buf, err := a.open(p)
		if err != nil {
			return nil, err
		}
		ts, err := parseSafetensors(p, buf)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if _, dup := out[t.name]; dup {
				return nil, tensorErr(p, t.name, "also in another shard")
			}
			out[t.name] = t
		}
	}
	for name, f := range wm {
		if t, ok := out[name]; !ok || filepath.Base(t.file) != f {
			return nil, tensorErr(loc.index, name, "not found in shard %s", f)
		}
	}
	return out, nil
}
