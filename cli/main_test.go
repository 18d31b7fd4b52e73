package cli

import (
	"os"
	"testing"
)

// TestMain lets a test run the command line as a child process
// (ATTNSCOPE_CLI_MAIN=1), for what only a real process shows.
func TestMain(m *testing.M) {
	if os.Getenv("ATTNSCOPE_CLI_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
