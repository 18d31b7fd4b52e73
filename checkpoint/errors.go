package checkpoint

import (
	"errors"
	"fmt"
)

// ErrInput matches (errors.Is) every error Open, CheckTokens and the
// readers return: the checkpoint or its configuration is missing,
// malformed or unsupported. A command line treats it as a usage error.
var ErrInput = errors.New("checkpoint input error")

// Error is a problem with one file, and where known one tensor in it.
type Error struct {
	Path   string // the file (or the model argument when no file was found)
	Tensor string // the tensor, or ""
	Err    error  // what is wrong
}

func (e *Error) Error() string {
	if e.Tensor != "" {
		return fmt.Sprintf("%s: tensor %q: %v", e.Path, e.Tensor, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports that every Error is an input error.
func (e *Error) Is(target error) bool { return target == ErrInput }

// fileErr is an Error about a file as a whole.
func fileErr(path, format string, args ...any) error {
	return &Error{Path: path, Err: fmt.Errorf(format, args...)}
}

// tensorErr is an Error about one tensor of a file.
func tensorErr(path, tensor, format string, args ...any) error {
	return &Error{Path: path, Tensor: tensor, Err: fmt.Errorf(format, args...)}
}

// asInput wraps err as an Error about path unless it already is one.
func asInput(path string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Path: path, Err: err}
}
