package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../cli.Version=…".
var Version = "0.1.0-dev"

// usageError marks an error as a usage error (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, a ...any) error {
	return usageError{fmt.Errorf(format, a...)}
}

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// env is what a command reads and writes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	ctx            context.Context
}

// Main runs the command line with args and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if err := checkOpen(stdout); err != nil {
		fmt.Fprintf(stderr, "attnscope: %v\n", err)
		return exitFailure
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, ctx: ctx}
	// A signal cancels the context: the work stops, deferred clean-up runs
	// (a half-written --out file is removed, the TUI restores the
	// terminal), and the status then says which signal it was.
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, exitSignals...)
	defer signal.Stop(sigc)
	var caught atomic.Value
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case s := <-sigc:
			caught.Store(s)
			cancel()
		case <-done:
		}
	}()
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if s, ok := caught.Load().(os.Signal); ok {
		msg, code := signalExit(s)
		fmt.Fprintln(stderr, "attnscope: "+msg)
		return code
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "attnscope: interrupted")
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "attnscope: %s\n", oneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}

// oneLine keeps an error message to one printable line: control
// characters (C0, DEL, C1) and invisible or reordering ones (bidi
// overrides, zero-width joiners) that user text may carry become \u
// escapes, so nothing in a message can steer the terminal.
func oneLine(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func newRoot(e *env) *cobra.Command {
	var cf configFlags
	var vf viewFlags
	root := &cobra.Command{
		Use:   "attnscope",
		Short: "Step through every stage of attention on your own sentence",
		Long: `attnscope visualizes chapter 3 of "Build a Large Language Model (From Scratch)":
it tokenizes a sentence with GPT-2's BPE and steps through raw scores, softmax,
context vectors, Q/K/V, scaled scores, the causal mask, dropout and multi-head
attention, drawing each as a heatmap. Every number is the number PyTorch prints.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cf.modelMode() {
				return runModelTUI(e, &cf, &vf, "overview")
			}
			req, err := cf.request(e.stdin)
			if err != nil {
				return err
			}
			run, err := vf.tui(&cf)
			if err != nil {
				return err
			}
			return runTUI(e, req, run)
		},
	}
	cf.register(root)
	vf.register(root, false)
	vf.registerColor(root)
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newRenderCmd(e), newExportCmd(e), newSamplesCmd(e), newPresentCmd(e))
	root.AddCommand(newPullCmd(e))
	for _, c := range root.Commands() {
		c.SilenceUsage, c.SilenceErrors = true, true
		c.SetFlagErrorFunc(flagError)
	}
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("unexpected argument %q (see '%s --help')", args[0], cmd.CommandPath())
	}
	return nil
}
