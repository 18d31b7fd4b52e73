package cells

import "testing"

func TestClipAndPad(t *testing.T) {
	cases := []struct {
		in       string
		w        int
		clip, pd string
	}{
		{"hello", 10, "hello", "hello     "},
		{"hello", 5, "hello", "hello"},
		{"hello", 4, "hel…", "hello"},
		{"世界世界", 5, "世界…", "世界世界"},
		{"hello", 1, "h", "hello"},
	}
	for _, c := range cases {
		if got := Clip(c.in, c.w); got != c.clip {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.w, got, c.clip)
		}
		if got := Pad(c.in, c.w); got != c.pd {
			t.Errorf("Pad(%q, %d) = %q, want %q", c.in, c.w, got, c.pd)
		}
	}
	if B2I(true) != 1 || B2I(false) != 0 {
		t.Error("B2I")
	}
}
