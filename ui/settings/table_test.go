package settings

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// TestRowsAreTheTable: the panel's rows are the configuration fields of
// pipeline.Fields, in order, with their labels.
func TestRowsAreTheTable(t *testing.T) {
	var want []string
	for _, f := range pipeline.Fields {
		if !f.Limit {
			want = append(want, f.Label)
		}
	}
	var got []string
	for f := Field(0); f < numFields; f++ {
		got = append(got, f.String())
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rows %q, table %q", got, want)
	}
}

// TestTypedBoundsAreTheTables: each numeric row takes exactly its table
// range (the range the command-line flag takes).
func TestTypedBoundsAreTheTables(t *testing.T) {
	for f := Field(0); f < numFields; f++ {
		r := f.row()
		if r.Kind != pipeline.KindInt {
			continue
		}
		if _, err := parse(f, compute.DefaultConfig(), strconv.Itoa(r.Max)); err != nil {
			t.Errorf("%s: %d refused: %v", f, r.Max, err)
		}
		_, err := parse(f, compute.DefaultConfig(), strconv.Itoa(r.Max+1))
		if err == nil || !strings.Contains(err.Error(), r.Range()) {
			t.Errorf("%s: %d: %v, want refused naming %s", f, r.Max+1, err, r.Range())
		}
	}
}

// TestSizeLimitHolds: the panel refuses a configuration the command line
// would refuse for its size, so stepping a setting on a wide configuration
// never starts a build beyond the compute limit.
func TestSizeLimitHolds(t *testing.T) {
	wide := compute.Config{DIn: 4096, DOut: 4096, Heads: 8, Seed: 123}
	m := New(wide, "gpt2", themes.Default)
	m.Focus()
	m.SetSize(100, 16)
	keyUp := tea.KeyPressMsg{Code: tea.KeyUp}
	keyRight := tea.KeyPressMsg{Code: tea.KeyRight}
	m, cmd := m.Update(keyUp) // dropout RNG
	m, cmd = m.Update(keyUp)
	m, cmd = m.Update(keyUp) // dropout p
	m, cmd = m.Update(keyRight)
	if cmd != nil {
		t.Fatalf("dropout stepped on 4096/4096/8 at 1024 tokens sent %#v", cmd())
	}
	if err := m.Err(); !pipeline.IsSizeError(err) {
		t.Errorf("Err() = %v, want the size limit", err)
	}
	if v := plain(t, m.View()); !strings.Contains(v, "too large") {
		t.Errorf("the view does not say why:\n%s", v)
	}
	m.SetMaxTokens(16)
	m.SetConfig(wide, "gpt2")
	m, cmd = m.Update(keyRight)
	if cmd == nil {
		t.Fatal("at 16 tokens the same step sent nothing")
	}
}
