package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"syscall"

	"github.com/spf13/cobra"
)

// exitSignals are the signals that stop a command: each cancels the work
// and ends with status 128 + its number.
var exitSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// signalExit is the message and exit status for signal s.
func signalExit(s os.Signal) (string, int) {
	switch s {
	case syscall.SIGTERM:
		return "terminated", 128 + int(syscall.SIGTERM)
	case syscall.SIGHUP:
		return "hung up", 128 + int(syscall.SIGHUP)
	}
	return "interrupted", exitInterrupted
}

// checkOpen reports a closed standard output (started with >&-). Go's
// runtime puts /dev/null, opened read-write, in place of a closed
// standard descriptor, where every write would vanish; a shell's
// >/dev/null opens it write-only.
func checkOpen(w io.Writer) error {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if _, err := f.Stat(); err != nil {
		return fmt.Errorf("standard output is closed: %w", err)
	}
	if placeholderNull(f) {
		return errors.New("standard output is closed")
	}
	return nil
}

// pflagInvalid matches pflag's message for a value its parser refused.
var pflagInvalid = regexp.MustCompile(`^invalid argument (".*") for "(?:-\w, )?--([\w-]+)" flag: (.*)$`)

// flagError turns a flag parsing error into a usage error of one line
// that names the flag and what it takes.
func flagError(cmd *cobra.Command, err error) error {
	m := pflagInvalid.FindStringSubmatch(err.Error())
	if m == nil {
		return usageError{err}
	}
	val, name, why := m[1], m[2], m[3]
	f := cmd.Flags().Lookup(name)
	if f == nil {
		return usageError{err}
	}
	if _, ok := f.Value.(fieldValue); ok {
		return usageErrorf("--%s: %s, got %s", name, why, val) // the field's own message gives the range
	}
	return usageErrorf("--%s: invalid argument %s; want %s", name, val, f.Usage)
}
