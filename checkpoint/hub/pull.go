package hub

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// DefaultEndpoint is the hub used when HF_ENDPOINT is not set.
const DefaultEndpoint = "https://huggingface.co"

// DefaultFiles are the files Pull fetches when Options.Files is empty.
var DefaultFiles = []string{"config.json", "model.safetensors"}

// ErrOffline is Pull refusing to download because offline mode is on.
var ErrOffline = errors.New("offline mode (HF_HUB_OFFLINE) is on: not downloading")

// Options says what Pull fetches and how. Empty fields take their
// defaults, most from the environment as huggingface_hub reads it.
type Options struct {
	Repo     string   // "ORG/NAME" or "NAME"; required
	Revision string   // branch, tag or commit; "main" when empty
	Files    []string // DefaultFiles when empty
	Cache    string   // CacheDir() when empty
	Endpoint string   // $HF_ENDPOINT, else DefaultEndpoint
	Token    string   // $HF_TOKEN, else the login token file; sent to Endpoint's origin only
	// Offline refuses any request; it is also on when HF_HUB_OFFLINE is
	// 1, true, yes or on. A revision whose files are all cached still
	// resolves.
	Offline    bool
	UserAgent  string
	HTTPClient *http.Client // http.DefaultClient's settings when nil
	Progress   func(Event)  // nil: silent
}

func (o Options) withDefaults() Options {
	if o.Revision == "" {
		o.Revision = "main"
	}
	if len(o.Files) == 0 {
		o.Files = DefaultFiles
	}
	if o.Cache == "" {
		o.Cache = CacheDir()
	}
	if o.Endpoint == "" {
		o.Endpoint = os.Getenv("HF_ENDPOINT")
	}
	if o.Endpoint == "" {
		o.Endpoint = DefaultEndpoint
	}
	o.Endpoint = strings.TrimRight(o.Endpoint, "/")
	if o.Token == "" {
		o.Token = envToken()
	}
	if !o.Offline {
		switch strings.ToUpper(strings.TrimSpace(os.Getenv("HF_HUB_OFFLINE"))) {
		case "1", "ON", "YES", "TRUE":
			o.Offline = true
		}
	}
	if o.Progress == nil {
		o.Progress = func(Event) {}
	}
	return o
}

// Pull puts a repository's files into the hub cache, laid out as
// huggingface_hub lays it out, and returns the snapshot folder
// (models--ORG--NAME/snapshots/<commit>). Large (LFS) files are verified
// against their sha256; a partial download is resumed; a blob already in
// the cache is not fetched again. The layout, the environment and the
// failure modes are described in docs/pull.md.
func Pull(ctx context.Context, opts Options) (snapshotDir string, err error) {
	o := opts.withDefaults()
	if err := ValidateRepo(o.Repo); err != nil {
		return "", err
	}
	if err := ValidateRevision(o.Revision); err != nil {
		return "", err
	}
	for _, f := range o.Files {
		if err := validateFile(f); err != nil {
			return "", err
		}
	}
	if err := checkToken(o.Token); err != nil {
		return "", err
	}
	repoDir := RepoDir(o.Cache, o.Repo)
	if o.Offline {
		return offline(repoDir, o)
	}
	c, err := newClient(&o)
	if err != nil {
		return "", err
	}
	commit := ""
	for _, file := range o.Files {
		// the first file fixes the commit; the rest are asked for at that
		// commit, so a branch that moves meanwhile cannot mix two versions
		ref := o.Revision
		if commit != "" {
			ref = commit
		}
		got, err := pullFile(ctx, c, &o, repoDir, ref, file)
		if err != nil {
			return "", err
		}
		if commit == "" && isCommit(o.Revision) && got != o.Revision {
			return "", fmt.Errorf("%s: asked for commit %s, the hub answered for %s", file, o.Revision, got)
		}
		if commit != "" && got != commit {
			return "", fmt.Errorf("%s: the hub answered for commit %s after %s", file, got, commit)
		}
		commit = got
	}
	if o.Revision != commit {
		if err := writeRef(repoDir, o.Revision, commit); err != nil {
			return "", fmt.Errorf("record refs/%s: %w", o.Revision, err)
		}
	}
	return filepath.Join(repoDir, "snapshots", commit), nil
}

// resolveURL is {endpoint}/{repo}/resolve/{rev}/{file}, the revision
// escaped whole and the file per part, as huggingface_hub builds it.
func resolveURL(endpoint, repo, rev, file string) (*url.URL, error) {
	parts := strings.Split(file, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return url.Parse(endpoint + "/" + repo + "/resolve/" + url.PathEscape(rev) + "/" + strings.Join(parts, "/"))
}

// pullFile fetches one file at ref (unless its blob is cached), links it
// into its snapshot and returns the commit the hub answered for.
func pullFile(ctx context.Context, c *client, o *Options, repoDir, ref, file string) (string, error) {
	u, err := resolveURL(o.Endpoint, o.Repo, ref, file)
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	where := func(method string, err error) error {
		return fmt.Errorf("%s: %s %s: %w", file, method, redact(u.String()), err)
	}
	m, err := c.head(ctx, u)
	if err != nil {
		return "", where("HEAD", err)
	}
	blobs := filepath.Join(repoDir, "blobs")
	blob := filepath.Join(blobs, m.etag)
	if err := os.MkdirAll(blobs, 0o755); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	unlock, err := lock(ctx, filepath.Join(o.Cache, ".locks", filepath.Base(repoDir), m.etag+".lock"))
	if err != nil {
		return "", fmt.Errorf("%s: lock: %w", file, err)
	}
	defer unlock()
	if fi, err := os.Stat(blob); err == nil && fi.Mode().IsRegular() {
		o.Progress(Event{File: file, State: Cached, Done: fi.Size(), Total: fi.Size()})
	} else {
		f := &fetch{c: c, file: file, u: u, m: m, blob: blob, progress: o.Progress}
		if err := f.run(ctx); err != nil {
			return "", where("GET", err)
		}
		fi, err := os.Stat(blob)
		if err != nil {
			return "", fmt.Errorf("%s: %w", file, err)
		}
		o.Progress(Event{File: file, State: Finished, Done: fi.Size(), Total: fi.Size(), SHA256: isSHA256(m.etag)})
	}
	if err := link(repoDir, m.commit, file, m.etag); err != nil {
		return "", fmt.Errorf("%s: link into the snapshot: %w", file, err)
	}
	return m.commit, nil
}

// link makes snapshots/<commit>/<file> a relative symlink to
// blobs/<etag> (../../blobs/<etag> for a top-level file).
func link(repoDir, commit, file, etag string) error {
	dst := filepath.Join(repoDir, "snapshots", commit, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	depth := strings.Count(file, "/") + 2 // snapshots/<commit>/[dirs/]
	target := filepath.FromSlash(strings.Repeat("../", depth) + "blobs/" + etag)
	if cur, err := os.Readlink(dst); err == nil && cur == target {
		return nil
	}
	if _, err := os.Lstat(dst); err == nil {
		if err := os.Remove(dst); err != nil {
			return err
		}
	}
	return os.Symlink(target, dst)
}

// writeRef records that rev is commit: refs/<rev> holds the bare commit id
// (no newline), written atomically.
func writeRef(repoDir, rev, commit string) error {
	p := filepath.Join(repoDir, "refs", filepath.FromSlash(rev))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+path.Base(rev)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(commit); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// offline resolves the revision from the cache alone: the snapshot when
// every file is there, else ErrOffline.
func offline(repoDir string, o Options) (string, error) {
	dir, ok := "", false
	if isCommit(o.Revision) {
		dir = filepath.Join(repoDir, "snapshots", o.Revision)
		fi, err := os.Stat(dir)
		ok = err == nil && fi.IsDir()
	} else {
		dir, ok = Snapshot(repoDir, o.Revision)
	}
	if !ok {
		return "", fmt.Errorf("%w %s at %s, and the cache has no copy of it (%s)", ErrOffline, o.Repo, o.Revision, filepath.Join(repoDir, "refs", o.Revision))
	}
	for _, f := range o.Files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			return "", fmt.Errorf("%w %s, and the cache lacks it (%s)", ErrOffline, f, p)
		}
		o.Progress(Event{File: f, State: Cached, Done: fi.Size(), Total: fi.Size()})
	}
	return dir, nil
}
