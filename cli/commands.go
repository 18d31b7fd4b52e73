package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/samples"
	"github.com/attnscope/attnscope/ui"
)

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

func runTUI(e *env, req pipeline.Request, opts ...ui.Option) error {
	if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
		return usageErrorf("the interactive view needs a terminal on standard input and output; for a screen without one use 'attnscope render --stage NAME', for numbers 'attnscope export'")
	}
	e.tui.Store(true)
	defer e.tui.Store(false)
	p := tea.NewProgram(ui.New(nil, pipeline.StageScores, append([]ui.Option{ui.WithRequest(req)}, opts...)...), tea.WithContext(e.ctx))
	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) && e.ctx.Err() != nil {
		return context.Canceled
	}
	return err
}

// build computes the scene for a command without a screen, and says on
// standard error what the tokenizer cut, since no status line will.
func build(e *env, req pipeline.Request) (*pipeline.Scene, error) {
	sc, err := pipeline.Build(req)
	if err == nil && sc.Notice != "" {
		fmt.Fprintf(e.stderr, "attnscope: note: the text was %s\n", oneLine(sc.Notice))
	}
	return sc, err
}

func newSamplesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "samples",
		Short: "List the built-in sample sentences",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, s := range samples.All() {
				fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.About)
			}
			return tw.Flush()
		},
	}
}

// output writes data to standard output, or atomically to path.
func output(e *env, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	return writeAtomic(path, data)
}

// outputTo is output for a writer function (a large export is streamed,
// never held whole).
func outputTo(e *env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	return writeAtomicTo(path, write)
}

// writeAtomic writes data to a temporary file beside path and renames it
// into place, so that path never holds a partial file.
func writeAtomic(path string, data []byte) error {
	return writeAtomicTo(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// writeAtomicTo is writeAtomic with the data written by write.
func writeAtomicTo(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes 0600; an image for slides is shared
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
