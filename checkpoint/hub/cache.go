// Package hub knows the Hugging Face hub cache: where it is, how a model
// repository is laid out in it, and how to fill it (Pull). It is the only
// package that talks to the network. See docs/model-mode.md.
package hub

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CacheDir is the hub cache folder: $HF_HUB_CACHE, else
// $HUGGINGFACE_HUB_CACHE, else $HF_HOME/hub, else
// $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
func CacheDir() string {
	if d := os.Getenv("HF_HUB_CACHE"); d != "" {
		return d
	}
	if d := os.Getenv("HUGGINGFACE_HUB_CACHE"); d != "" {
		return d
	}
	if d := os.Getenv("HF_HOME"); d != "" {
		return filepath.Join(d, "hub")
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "huggingface", "hub")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = "~"
	}
	return filepath.Join(home, ".cache", "huggingface", "hub")
}

// RepoDir is the cache folder of a model repository "ORG/NAME" or "NAME":
// models--ORG--NAME.
func RepoDir(cache, repo string) string {
	return filepath.Join(cache, "models--"+strings.ReplaceAll(repo, "/", "--"))
}

// Candidates lists the repositories a name may be cached as, in the order
// they are tried: the name itself, and for a bare name also
// openai-community/NAME and distilbert/NAME.
func Candidates(name string) []string {
	if strings.Contains(name, "/") {
		return []string{name}
	}
	return []string{name, "openai-community/" + name, "distilbert/" + name}
}

// Snapshot is the snapshot folder that refs/REV names in a repository's
// cache folder, or "" and false when the ref or the folder is missing.
func Snapshot(repoDir, rev string) (string, bool) {
	b, err := readSmall(filepath.Join(repoDir, "refs", rev), 4096)
	if err != nil {
		return "", false
	}
	sha := strings.TrimSpace(string(b))
	if sha == "" || strings.ContainsAny(sha, `/\`) || sha == "." || sha == ".." {
		return "", false
	}
	dir := filepath.Join(repoDir, "snapshots", sha)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", false
	}
	return dir, true
}

// Find looks name up in the cache under refs/main. It returns the snapshot
// folder, or "" and every place it tried.
func Find(name string) (dir string, tried []string) {
	cache := CacheDir()
	for _, repo := range Candidates(name) {
		rd := RepoDir(cache, repo)
		if d, ok := Snapshot(rd, "main"); ok {
			return d, nil
		}
		tried = append(tried, filepath.Join(rd, "refs", "main"))
	}
	return "", tried
}

// readSmall reads a regular file of at most limit bytes: a named pipe
// (which blocks) or a device (which may never end) in the cache is an
// error, not read.
func readSmall(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > limit {
		return nil, fmt.Errorf("%s: not a regular file of at most %d bytes", path, limit)
	}
	return os.ReadFile(path)
}
