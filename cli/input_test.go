package cli

import (
	"strings"
	"testing"
)

// TestStdinCapSaysWhatWasNotRead: past the 1 MiB cap nothing is read, so
// no byte count of the rest can be given.
func TestStdinCapSaysWhatWasNotRead(t *testing.T) {
	in := strings.Repeat("word ", 3<<20/5)
	code, _, stderr := run(t, in, "export", "--text", "-", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "past the first 1 MiB was not read") || strings.Contains(stderr, "left out") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestEmptyStdinIsAUsageError(t *testing.T) {
	code, _, stderr := run(t, "\n", "export", "--text", "-")
	if code != 2 || !strings.Contains(stderr, "--text") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

// TestConfigFlagsLeaveBookMode: the table's flags set the exported
// configuration; --max-tokens is a limit and keeps the defaults.
func TestConfigFlagsLeaveBookMode(t *testing.T) {
	code, out, stderr := run(t, "", "export", "--max-tokens", "16")
	if code != 0 || !strings.Contains(out, `"d_in":3`) {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	code, out, stderr = run(t, "", "export", "--qkv-bias", "--dropout-seed", "7", "--init", "rand")
	if code != 0 || !strings.Contains(out, `"qkv_bias":true`) || !strings.Contains(out, `"dropout_seed":7`) || !strings.Contains(out, `"init":"rand"`) {
		t.Fatalf("exit %d, %s, %.300s", code, stderr, out)
	}
}
