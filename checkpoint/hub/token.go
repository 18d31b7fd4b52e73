package hub

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// envToken is the token huggingface_hub would use: $HF_TOKEN, else
// $HUGGING_FACE_HUB_TOKEN, else the file `huggingface-cli login` writes:
// $HF_TOKEN_PATH, else $HF_HOME/token, else
// $XDG_CACHE_HOME/huggingface/token, else ~/.cache/huggingface/token.
func envToken() string {
	for _, k := range []string{"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"} {
		if t := strings.TrimSpace(os.Getenv(k)); t != "" {
			return t
		}
	}
	path := os.Getenv("HF_TOKEN_PATH")
	if path == "" {
		path = filepath.Join(hfHome(), "token")
	}
	b, err := readSmall(path, 4096)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func hfHome() string {
	if d := os.Getenv("HF_HOME"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "huggingface")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = "~"
	}
	return filepath.Join(home, ".cache", "huggingface")
}

// checkToken refuses a token that cannot be a header value, without
// repeating it.
func checkToken(t string) error {
	for i := 0; i < len(t); i++ {
		if t[i] < 0x21 || t[i] > 0x7e {
			return errors.New("the token (HF_TOKEN or the token file) holds characters a token cannot have")
		}
	}
	return nil
}
