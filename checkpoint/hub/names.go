package hub

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid marks a repository name, revision or file name that is not
// acceptable; nothing is built from such a value.
var ErrInvalid = errors.New("invalid name")

// ValidateRepo checks a model repository name: "NAME" or "ORG/NAME", each
// part letters, digits, '_', '-' and '.', starting and ending with a letter,
// digit or '_', without "--" or "..", at most 96 characters (the hub's own
// rules). A valid name is safe to use as part of a cache path.
func ValidateRepo(repo string) error {
	bad := func(why string) error {
		return fmt.Errorf("%w: repository %q: %s", ErrInvalid, repo, why)
	}
	if repo == "" {
		return bad("empty")
	}
	if len(repo) > 96 {
		return bad("longer than 96 characters")
	}
	parts := strings.Split(repo, "/")
	if len(parts) > 2 {
		return bad("want NAME or ORG/NAME")
	}
	for _, p := range parts {
		if p == "" {
			return bad("want NAME or ORG/NAME")
		}
		for i := 0; i < len(p); i++ {
			if !isNameByte(p[i]) {
				return bad("only letters, digits, '_', '-' and '.' may be used")
			}
		}
		if !isWordByte(p[0]) || !isWordByte(p[len(p)-1]) {
			return bad("each part must start and end with a letter, digit or '_'")
		}
	}
	if strings.Contains(repo, "--") || strings.Contains(repo, "..") {
		return bad(`"--" and ".." are not allowed`)
	}
	if strings.HasSuffix(repo, ".git") {
		return bad(`must not end in ".git"`)
	}
	return nil
}

// ValidateRevision checks a revision (a branch, a tag or a commit): parts
// separated by '/', each non-empty, not "." or "..", of letters, digits,
// '_', '-' and '.'. A valid revision is safe as a path under refs/.
func ValidateRevision(rev string) error {
	if err := validatePath(rev, 255); err != nil {
		return fmt.Errorf("%w: revision %q: %v", ErrInvalid, rev, err)
	}
	return nil
}

// validateFile checks a file name inside a repository, as for a revision.
func validateFile(name string) error {
	if err := validatePath(name, 1024); err != nil {
		return fmt.Errorf("%w: file %q: %v", ErrInvalid, name, err)
	}
	return nil
}

func validatePath(s string, max int) error {
	if s == "" {
		return errors.New("empty")
	}
	if len(s) > max {
		return fmt.Errorf("longer than %d characters", max)
	}
	for _, p := range strings.Split(s, "/") {
		if p == "" || p == "." || p == ".." {
			return errors.New(`empty, "." and ".." parts are not allowed`)
		}
		for i := 0; i < len(p); i++ {
			if !isNameByte(p[i]) {
				return errors.New("only letters, digits, '_', '-', '.' and '/' may be used")
			}
		}
	}
	return nil
}

// isCommit reports whether s is a full commit id: 40 lower-case hex digits.
func isCommit(s string) bool {
	return len(s) == 40 && isHex(s)
}

// isSHA256 reports whether an etag is an LFS file's sha256: 64 hex digits.
func isSHA256(s string) bool {
	return len(s) == 64 && isHex(strings.ToLower(s))
}

// validEtag reports whether a normalized etag may name a blob file:
// 1 to 128 letters, digits, '_' or '-' (no dot, no separator).
func validEtag(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// normalizeEtag strips a weak marker and quotes, as huggingface_hub does.
func normalizeEtag(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "W/")
	return strings.Trim(s, `"`)
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func isNameByte(c byte) bool {
	return isWordByte(c) || c == '-' || c == '.'
}
