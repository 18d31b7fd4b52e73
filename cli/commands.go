package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
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

// tuiRun is how the TUI starts: the UI options, the program options the
// view flags ask for, and whether standard input was spent on --text -.
type tuiRun struct {
	ui        []ui.Option
	program   []tea.ProgramOption
	fromStdin bool
}

// runTUI runs the interactive view. When --text - has read standard
// input, keys come from the terminal itself (/dev/tty), as less and fzf
// do.
func runTUI(e *env, req pipeline.Request, run tuiRun) error {
	const noTerm = "the interactive view needs a terminal on standard input and output; for a screen without one use 'attnscope render --stage NAME', for numbers 'attnscope export'"
	if !isTerminal(e.stdout) {
		return usageErrorf(noTerm)
	}
	popts := append([]tea.ProgramOption{tea.WithContext(e.ctx), tea.WithoutSignalHandler()}, run.program...)
	if !isTerminal(e.stdin) {
		if !run.fromStdin {
			return usageErrorf(noTerm)
		}
		tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
		if err != nil {
			return usageErrorf("--text -: the text came from standard input, and no terminal (/dev/tty) is there for keys: %v", err)
		}
		defer tty.Close()
		popts = append(popts, tea.WithInput(tty))
	}
	m := ui.New(nil, pipeline.StageTokens, append([]ui.Option{ui.WithRequest(req)}, run.ui...)...)
	_, err := tea.NewProgram(m, popts...).Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) && e.ctx.Err() != nil {
		return context.Canceled
	}
	return err
}

// build computes the scene for a command without a screen, and says on
// standard error what the tokenizer cut, since no status line will. A
// signal abandons the computation at once.
func build(e *env, req pipeline.Request) (*pipeline.Scene, error) {
	sc, err := inBackground(e, func() (*pipeline.Scene, error) { return pipeline.Build(req) })
	if err == nil {
		note(e, sc.Notice)
	}
	return sc, err
}

// inBackground runs f on its own goroutine and returns its result, or the
// context's error as soon as a signal cancels the command (f is then
// abandoned: the process is about to exit).
func inBackground[T any](e *env, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	select {
	case <-e.ctx.Done():
		var zero T
		return zero, e.ctx.Err()
	case r := <-ch:
		return r.v, r.err
	}
}

// note says on standard error what was cut from the text, if anything.
func note(e *env, notice string) {
	if notice != "" {
		fmt.Fprintf(e.stderr, "attnscope: note: the text was %s\n", oneLine(notice))
	}
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
