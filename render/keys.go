package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/rivo/uniseg"
)

// namedKeys maps the names a key script may use to key codes. The names are
// the ones tea.Key.String reports, plus a few aliases.
var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "return": tea.KeyEnter,
	"tab":       tea.KeyTab,
	"backspace": tea.KeyBackspace,
	"esc":       tea.KeyEscape, "escape": tea.KeyEscape,
	"space": tea.KeySpace,
	"up":    tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"home": tea.KeyHome, "end": tea.KeyEnd,
	"pgup": tea.KeyPgUp, "pageup": tea.KeyPgUp,
	"pgdown": tea.KeyPgDown, "pgdn": tea.KeyPgDown, "pagedown": tea.KeyPgDown,
	"insert": tea.KeyInsert, "delete": tea.KeyDelete,
	"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4,
	"f5": tea.KeyF5, "f6": tea.KeyF6, "f7": tea.KeyF7, "f8": tea.KeyF8,
	"f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12,
}

var modifiers = map[string]tea.KeyMod{
	"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift,
	"meta": tea.ModMeta, "super": tea.ModSuper, "hyper": tea.ModHyper,
}

// ParseKeys parses a key script: key names separated by spaces, such as
// "n n l l e", "shift+tab pgdown", "ctrl+u ? esc". See ParseKey.
func ParseKeys(script string) ([]tea.KeyPressMsg, error) {
	var keys []tea.KeyPressMsg
	for _, name := range strings.Fields(script) {
		k, err := ParseKey(name)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// ParseKey parses one key name into the press a terminal would deliver, so
// that msg.String() gives back the canonical name. A name is a single
// character ("n", "?", "N", "é"), a named key (enter, tab, backspace, esc,
// space, up, down, left, right, home, end, pgup, pgdown, insert, delete,
// f1…f12), or either preceded by modifiers: "ctrl+u", "alt+x",
// "shift+tab", "ctrl+shift+left". A literal "+" is "+" alone.
func ParseKey(name string) (tea.KeyPressMsg, error) {
	if name == "" {
		return tea.KeyPressMsg{}, fmt.Errorf("empty key name")
	}
	var mod tea.KeyMod
	base := name
	if len(name) > 1 {
		parts := strings.Split(name, "+")
		if strings.HasSuffix(name, "++") || name == "+" {
			// "ctrl++": the key itself is '+'.
			parts = append(parts[:len(parts)-2], "+")
		}
		for _, p := range parts[:len(parts)-1] {
			m, ok := modifiers[strings.ToLower(p)]
			if !ok {
				return tea.KeyPressMsg{}, fmt.Errorf("key %q: unknown modifier %q (want ctrl, alt, shift, meta, super or hyper)", name, p)
			}
			mod |= m
		}
		base = parts[len(parts)-1]
	}
	if code, ok := namedKeys[strings.ToLower(base)]; ok && utf8.RuneCountInString(base) > 1 {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k, nil
	}
	if uniseg.GraphemeClusterCount(base) != 1 {
		return tea.KeyPressMsg{}, fmt.Errorf("key %q: not a single character or a key name (enter, tab, esc, space, up, pgdown, f1, …)", name)
	}
	r, size := utf8.DecodeRuneInString(base)
	if r == utf8.RuneError || unicode.IsControl(r) {
		return tea.KeyPressMsg{}, fmt.Errorf("key %q: not a printable character", name)
	}
	k := tea.KeyPressMsg{Code: r, Mod: mod}
	if size < len(base) {
		k.Code = tea.KeyExtended
	}
	if unicode.IsUpper(r) && size == len(base) {
		// As a terminal reports it: the lower-case key with shift.
		k.Code, k.ShiftedCode = unicode.ToLower(r), r
		k.Mod |= tea.ModShift
	}
	if mod&^tea.ModShift == 0 {
		// Only unmodified (or shifted) keys produce text.
		k.Text = base
		if mod&tea.ModShift != 0 && !unicode.IsUpper(r) {
			k.Text = strings.ToUpper(base)
			k.ShiftedCode = []rune(k.Text)[0]
		}
	}
	return k, nil
}
