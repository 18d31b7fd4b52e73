package settings

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/themes"
)

// Key presses as the terminal delivers them.
var (
	keyUp    = tea.KeyPressMsg{Code: tea.KeyUp}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyLeft  = tea.KeyPressMsg{Code: tea.KeyLeft}
	keyRight = tea.KeyPressMsg{Code: tea.KeyRight}
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	keyBS    = tea.KeyPressMsg{Code: tea.KeyBackspace}
)

func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, char(r))
	}
	return out
}

func newFocused() Model {
	m := New(compute.DefaultConfig(), "gpt2", themes.Default)
	m.Focus()
	m.SetSize(80, 16)
	return m
}

// send feeds msgs to m and returns the model and the messages the last
// Cmd produced (nil Cmd → no message).
func send(t *testing.T, m Model, msgs ...tea.Msg) (Model, tea.Msg) {
	t.Helper()
	var cmd tea.Cmd
	for _, msg := range msgs {
		m, cmd = m.Update(msg)
	}
	if cmd == nil {
		return m, nil
	}
	return m, cmd()
}

func seed(v uint64) *uint64 { return &v }

func TestMoveBetweenFields(t *testing.T) {
	m := newFocused()
	tests := []struct {
		keys []tea.Msg
		want Field
	}{
		{nil, FieldEncoding},
		{[]tea.Msg{keyDown}, FieldDIn},
		{[]tea.Msg{char('j'), char('j'), char('j')}, FieldHeads},
		{[]tea.Msg{keyDown, char('k')}, FieldEncoding},
		{[]tea.Msg{keyUp}, FieldDropoutRNG}, // wraps
		{[]tea.Msg{keyUp, keyDown}, FieldEncoding},
	}
	for _, tt := range tests {
		got, msg := send(t, m, tt.keys...)
		if got.Cursor() != tt.want {
			t.Errorf("after %v: cursor %v, want %v", tt.keys, got.Cursor(), tt.want)
		}
		if msg != nil {
			t.Errorf("after %v: moving sent %#v", tt.keys, msg)
		}
	}
}

func TestValidChangeSendsChangedMsg(t *testing.T) {
	d := compute.DefaultConfig()
	with := func(f func(*compute.Config)) compute.Config { c := d; f(&c); return c }
	tests := []struct {
		name    string
		keys    []tea.Msg
		want    compute.Config
		wantEnc string
	}{
		{"heads down", []tea.Msg{keyDown, keyDown, keyDown, keyLeft}, with(func(c *compute.Config) { c.Heads = 1 }), "gpt2"},
		{"d_out up by l", []tea.Msg{keyDown, keyDown, char('l'), char('l')}, with(func(c *compute.Config) { c.DOut = 4 }), "gpt2"},
		{"d_in typed", append([]tea.Msg{keyDown}, append(typed("16"), keyEnter)...), with(func(c *compute.Config) { c.DIn = 16 }), "gpt2"},
		{"encoding cycles", []tea.Msg{keyRight, keyRight, keyRight}, d, "cl100k_base"},
		{"encoding wraps left", []tea.Msg{keyLeft}, d, "o200k_base"},
		{"init toggles", []tea.Msg{keyDown, keyDown, keyDown, keyDown, keyRight}, with(func(c *compute.Config) { c.Init = compute.InitRand }), "gpt2"},
		{"bias on", []tea.Msg{keyUp, keyUp, keyUp, keyUp, keyUp, char('l')}, with(func(c *compute.Config) { c.QKVBias = true }), "gpt2"},
		{"seed typed max", append([]tea.Msg{keyUp, keyUp, keyUp, keyUp}, append(typed("18446744073709551615"), keyEnter)...), with(func(c *compute.Config) { c.Seed = 1<<64 - 1 }), "gpt2"},
		{"dropout steps", []tea.Msg{keyUp, keyUp, keyUp, keyRight, keyRight}, with(func(c *compute.Config) { c.Dropout = 0.1 }), "gpt2"},
		{"dropout typed", append([]tea.Msg{keyUp, keyUp, keyUp}, append(typed("0.33"), keyEnter)...), with(func(c *compute.Config) { c.Dropout = 0.33 }), "gpt2"},
		{"dropout seed set", []tea.Msg{keyUp, keyUp, keyRight, keyRight}, with(func(c *compute.Config) { c.DropoutSeed = seed(1) }), "gpt2"},
		{"dropout seed typed", append([]tea.Msg{keyUp, keyUp}, append(typed("123"), keyEnter)...), with(func(c *compute.Config) { c.DropoutSeed = seed(123) }), "gpt2"},
		{"rng mkl", []tea.Msg{keyUp, keyRight}, with(func(c *compute.Config) { c.DropoutRNG = compute.RNGMKL }), "gpt2"},
		{"typing then moving commits", append([]tea.Msg{keyDown}, append(typed("5"), keyDown)...), with(func(c *compute.Config) { c.DIn = 5 }), "gpt2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, msg := send(t, newFocused(), tt.keys...)
			got, ok := msg.(ChangedMsg)
			if !ok {
				t.Fatalf("last Cmd gave %#v, want ChangedMsg", msg)
			}
			if !equal(got.Config, tt.want) || got.Encoding != tt.wantEnc {
				t.Errorf("ChangedMsg %+v %q, want %+v %q", got.Config, got.Encoding, tt.want, tt.wantEnc)
			}
			if c, enc := m.Config(); !equal(c, tt.want) || enc != tt.wantEnc {
				t.Errorf("Config() = %+v %q, want %+v %q", c, enc, tt.want, tt.wantEnc)
			}
			if m.Err() != nil {
				t.Errorf("Err() = %v after a valid change", m.Err())
			}
		})
	}
}

func TestIncrementHeads(t *testing.T) {
	// d_out 4 so that heads 2 → 4 passes through an invalid 3.
	c := compute.DefaultConfig()
	c.DOut = 4
	m := New(c, "gpt2", themes.Default)
	m.Focus()
	m.SetSize(80, 16)
	m, _ = send(t, m, keyDown, keyDown, keyDown)
	if m.Cursor() != FieldHeads {
		t.Fatalf("cursor %v, want heads", m.Cursor())
	}

	m, msg := send(t, m, keyRight) // 3 does not divide 4
	if msg != nil {
		t.Fatalf("invalid heads 3 sent %#v", msg)
	}
	if d, _ := m.Draft(); d.Heads != 3 {
		t.Errorf("draft heads %d, want 3 (kept so the user can step through)", d.Heads)
	}
	if got, _ := m.Config(); got.Heads != 2 {
		t.Errorf("Config().Heads = %d, want the last good 2", got.Heads)
	}
	if m.Err() == nil {
		t.Error("Err() = nil for heads 3, d_out 4")
	}
	if v := plain(t, m.View()); !contains(v, "✗ must divide d_out (4), got 3") {
		t.Errorf("View lacks the inline message:\n%s", v)
	}

	m, msg = send(t, m, keyRight) // 4 divides 4
	cm, ok := msg.(ChangedMsg)
	if !ok || cm.Config.Heads != 4 || cm.Config.DOut != 4 {
		t.Fatalf("heads 4 sent %#v, want ChangedMsg with heads 4", msg)
	}
	if m.Err() != nil {
		t.Errorf("Err() = %v after heads 4", m.Err())
	}
}

func TestInvalidSendsNothing(t *testing.T) {
	tests := []struct {
		name string
		keys []tea.Msg
		want string // in the plain view
	}{
		{"heads 3 of d_out 2", []tea.Msg{keyDown, keyDown, keyDown, keyRight}, "✗ must divide d_out (2), got 3"},
		{"d_out 3 of heads 2", []tea.Msg{keyDown, keyDown, keyRight}, "✗ must divide d_out (3), got 2"},
		{"d_in typed too big", append([]tea.Msg{keyDown}, append(typed("5000"), keyEnter)...), "✗ must be a whole number 1–4096"},
		{"d_in typed zero", append([]tea.Msg{keyDown}, append(typed("0"), keyEnter)...), "✗ must be a whole number 1–4096"},
		{"heads typed 300", append([]tea.Msg{keyDown, keyDown, keyDown}, append(typed("300"), keyEnter)...), "✗ must be a whole number 1–256"},
		{"dropout typed 1", append([]tea.Msg{keyUp, keyUp, keyUp}, append(typed("1"), keyEnter)...), "✗ must be a number in [0, 1)"},
		{"dropout typed 0..5", append([]tea.Msg{keyUp, keyUp, keyUp}, append(typed("0..5"), keyEnter)...), "✗ must be a number in [0, 1)"},
		{"seed overflow", append([]tea.Msg{keyUp, keyUp, keyUp, keyUp}, append(typed("18446744073709551616"), keyEnter)...), "✗ must be a whole number 0–18446744073709551615"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, msg := send(t, newFocused(), tt.keys...)
			if msg != nil {
				t.Fatalf("sent %#v, want nothing", msg)
			}
			if c, enc := m.Config(); !equal(c, compute.DefaultConfig()) || enc != "gpt2" {
				t.Errorf("Config() moved to %+v %q", c, enc)
			}
			if v := plain(t, m.View()); !contains(v, tt.want) {
				t.Errorf("View lacks %q:\n%s", tt.want, v)
			}
		})
	}
}

func TestBoundsClamp(t *testing.T) {
	m, msg := send(t, newFocused(), keyDown, keyLeft, keyLeft, keyLeft) // d_in 3 → 2 → 1 → 1
	if d, _ := m.Draft(); d.DIn != 1 {
		t.Errorf("d_in %d, want clamped to 1", d.DIn)
	}
	if msg != nil {
		t.Errorf("a key at the bound sent %#v", msg)
	}
	m, _ = send(t, newFocused(), keyDown, keyDown, keyDown, char('2'), char('5'), char('6'), keyEnter, keyRight)
	if d, _ := m.Draft(); d.Heads != 256 {
		t.Errorf("heads %d, want clamped to 256", d.Heads)
	}
	m, _ = send(t, newFocused(), keyUp, keyUp, keyUp, keyLeft) // dropout 0 ← stays 0
	if d, _ := m.Draft(); d.Dropout != 0 {
		t.Errorf("dropout %v, want 0", d.Dropout)
	}
	m, _ = send(t, newFocused(), keyUp, keyUp, keyUp, keyUp, keyLeft) // seed 123 → 122
	if d, _ := m.Draft(); d.Seed != 122 {
		t.Errorf("seed %v, want 122", d.Seed)
	}
}

func TestDropoutSeedUnset(t *testing.T) {
	m, _ := send(t, newFocused(), keyUp, keyUp, keyRight) // unset → 0
	if d, _ := m.Draft(); d.DropoutSeed == nil || *d.DropoutSeed != 0 {
		t.Fatalf("dropout seed %v, want 0", d.DropoutSeed)
	}
	m, msg := send(t, m, keyLeft) // 0 → unset
	cm, ok := msg.(ChangedMsg)
	if !ok || cm.Config.DropoutSeed != nil {
		t.Fatalf("← from 0 sent %#v, want ChangedMsg with the seed unset", msg)
	}
	m, _ = send(t, m, typed("7")...)
	m, _ = send(t, m, keyEnter)
	_, msg = send(t, m, char('x'))
	if cm, ok := msg.(ChangedMsg); !ok || cm.Config.DropoutSeed != nil {
		t.Errorf("x sent %#v, want ChangedMsg with the seed unset", msg)
	}
}

func TestTypingEraseAndCancel(t *testing.T) {
	m, _ := send(t, newFocused(), keyDown, char('4'), char('2'), keyBS)
	if !m.Typing() {
		t.Fatal("not typing after digits")
	}
	m, msg := send(t, m, keyEnter)
	if cm, ok := msg.(ChangedMsg); !ok || cm.Config.DIn != 4 {
		t.Errorf("42⌫ enter sent %#v, want d_in 4", msg)
	}
	m, msg = send(t, m, char('9'), keyEsc)
	if msg != nil || m.Typing() || !m.Focused() {
		t.Errorf("esc while typing: msg %#v typing %v focused %v; want the typing cancelled, panel open", msg, m.Typing(), m.Focused())
	}
	if d, _ := m.Draft(); d.DIn != 4 {
		t.Errorf("cancelled typing changed d_in to %d", d.DIn)
	}
	// Digits on a choice field do nothing; '.' only on dropout.
	m, _ = send(t, newFocused(), char('5'))
	if m.Typing() {
		t.Error("typing on the encoding row")
	}
	m, _ = send(t, newFocused(), keyDown, char('.'))
	if m.Typing() {
		t.Error("'.' started typing on d_in")
	}
}

func TestCloseAndReset(t *testing.T) {
	// esc with an invalid draft reverts to the last good configuration.
	m, _ := send(t, newFocused(), keyDown, keyDown, keyDown, keyRight)
	m, msg := send(t, m, keyEsc)
	if _, ok := msg.(ClosedMsg); !ok {
		t.Fatalf("esc sent %#v, want ClosedMsg", msg)
	}
	if m.Focused() {
		t.Error("still focused after close")
	}
	if d, _ := m.Draft(); d.Heads != 2 || m.Err() != nil {
		t.Errorf("draft heads %d err %v after esc; want the last good 2", d.Heads, m.Err())
	}
	// enter with nothing typed and an invalid draft keeps the panel open.
	m, _ = send(t, newFocused(), keyDown, keyDown, keyDown, keyRight)
	if _, msg = send(t, m, keyEnter); msg != nil {
		t.Errorf("enter on an invalid draft sent %#v", msg)
	}
	// enter with a valid draft closes.
	if _, msg = send(t, newFocused(), keyEnter); msg != (ClosedMsg{}) {
		t.Errorf("enter sent %#v, want ClosedMsg", msg)
	}
	// r resets to the book defaults.
	c := compute.Config{DIn: 8, DOut: 6, Heads: 3, Init: compute.InitRand, Seed: 7, Dropout: 0.5, DropoutSeed: seed(1), DropoutRNG: compute.RNGMKL}
	m = New(c, "o200k_base", themes.Default)
	m.Focus()
	if got := m.Changed(); !reflect.DeepEqual(got, []string{"encoding", "d_in", "d_out", "heads", "init", "seed", "dropout p", "dropout seed", "dropout RNG"}) {
		t.Errorf("Changed() = %q", got)
	}
	m, msg = send(t, m, char('r'))
	cm, ok := msg.(ChangedMsg)
	if !ok || !equal(cm.Config, compute.DefaultConfig()) || cm.Encoding != "gpt2" {
		t.Fatalf("r sent %#v, want the defaults", msg)
	}
	if got := m.Changed(); len(got) != 0 {
		t.Errorf("Changed() = %q after reset", got)
	}
}

func TestBlurredIgnoresKeys(t *testing.T) {
	m := New(compute.DefaultConfig(), "gpt2", themes.Default)
	m2, cmd := m.Update(keyRight)
	if cmd != nil || m2.Focused() {
		t.Errorf("blurred panel answered a key")
	}
	if _, enc := m2.Draft(); enc != "gpt2" {
		t.Errorf("blurred panel changed the encoding to %q", enc)
	}
}

func TestSetConfigDoesNotAlias(t *testing.T) {
	c := compute.DefaultConfig()
	c.DropoutSeed = seed(5)
	m := New(compute.DefaultConfig(), "gpt2", themes.Default)
	m.SetConfig(c, "p50k_base")
	*c.DropoutSeed = 9
	got, enc := m.Config()
	if *got.DropoutSeed != 5 || enc != "p50k_base" {
		t.Errorf("Config() = seed %d %q, want 5 p50k_base", *got.DropoutSeed, enc)
	}
	m.Focus()
	m, msg := send(t, m, keyUp, keyUp, keyRight)
	cm := msg.(ChangedMsg)
	*cm.Config.DropoutSeed = 100
	if got, _ := m.Config(); *got.DropoutSeed != 6 {
		t.Errorf("the message's pointer aliases the panel's")
	}
}

func TestPaste(t *testing.T) {
	m, _ := send(t, newFocused(), keyDown, tea.PasteMsg{Content: " 64\n"})
	if !m.Typing() {
		t.Fatal("paste into d_in did not start typing")
	}
	if _, msg := send(t, m, keyEnter); msg == nil || msg.(ChangedMsg).Config.DIn != 64 {
		t.Errorf("pasted 64 gave %#v", msg)
	}
	m, msg := send(t, newFocused(), keyDown, tea.PasteMsg{Content: "6\x1b[2J"})
	if m.Typing() || msg != nil {
		t.Errorf("a paste with control bytes was taken (typing %v, msg %#v)", m.Typing(), msg)
	}
	if v := plain(t, m.View()); !contains(v, "paste refused") || strings.ContainsRune(v, '\x1b') {
		t.Errorf("refused paste not shown safely:\n%q", v)
	}
}

// TestHelpListsEveryBinding checks that the generated full help names
// every key of the KeyMap, so that `?` can never hide one.
func TestHelpListsEveryBinding(t *testing.T) {
	km := DefaultKeyMap()
	listed := map[string]bool{}
	for _, col := range km.FullHelp() {
		for _, b := range col {
			for _, k := range b.Keys() {
				listed[k] = true
			}
		}
	}
	v := reflect.ValueOf(km)
	for i := 0; i < v.NumField(); i++ {
		b := v.Field(i).Interface().(key.Binding)
		for _, k := range b.Keys() {
			if !listed[k] {
				t.Errorf("%s key %q missing from FullHelp", v.Type().Field(i).Name, k)
			}
		}
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("%s has no help text", v.Type().Field(i).Name)
		}
	}
}
