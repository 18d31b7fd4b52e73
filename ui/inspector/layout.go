package inspector

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
)

// role says how a piece of text is styled (see Styles).
type role uint8

const (
	roleText  role = iota // plain explanation
	roleMuted             // secondary notes
	roleHead              // the heading of a block
	roleValue             // a number read from the Result
	roleWarn              // masked, dropped, missing

	// glue, or'ed into an atom's role, keeps the atom on the same line as
	// the atom before it (e.g. a result with its " = ").
	glue role = 0x80
)

// base is r without the glue bit.
func (r role) base() role { return r &^ glue }

// seg is a run of text in one role.
type seg struct {
	text string
	role role
}

// para is a paragraph: atoms that are never broken unless one alone is wider
// than the panel. Continuation lines start indent cells in. An atom's
// leading spaces are dropped at the start of a line.
type para struct {
	atoms  []seg
	indent int
}

// doc is the inspector's content before it is fitted to a width.
type doc struct{ paras []para }

func (d *doc) add(indent int, atoms ...seg) { d.paras = append(d.paras, para{atoms, indent}) }

func (d *doc) blank() { d.paras = append(d.paras, para{}) }

// heading adds a block heading.
func (d *doc) heading(s string) { d.add(2, words(roleHead, s)...) }

// text adds a paragraph in role r, wrapped at spaces.
func (d *doc) text(r role, s string) { d.add(2, words(r, s)...) }

// eq adds "lhs = t1 + t2 + … + tail = result": terms are abbreviated when
// there are many, tail terms (a bias) are always shown, lines break between
// terms, and the result is in roleValue.
func (d *doc) eq(lhs string, terms []string, result string, tail ...string) {
	atoms := []seg{{lhs + " = ", roleText}}
	if len(terms) == 1 && len(tail) == 0 && terms[0] == result {
		// One term is its own sum: "Σ = 1.0000", not "Σ = 1.0000 = 1.0000".
		d.add(4, atoms[0], seg{result, roleValue | glue})
		return
	}
	for k, t := range append(abbreviate(terms), tail...) {
		if k > 0 {
			t = " + " + t
		}
		atoms = append(atoms, seg{t, roleText})
		if k == len(abbreviate(terms))-1 && len(terms) > maxTerms {
			atoms = append(atoms, seg{" (" + strconv.Itoa(len(terms)) + " terms)", roleMuted})
		}
	}
	atoms = append(atoms, seg{" = ", roleText}, seg{result, roleValue | glue})
	d.add(4, atoms...)
}

// kv adds "name = value" with value in roleValue and an optional note.
func (d *doc) kv(name, value, note string) {
	atoms := []seg{{name + " = ", roleText}, {value, roleValue | glue}}
	if note != "" {
		atoms = append(atoms, words(roleMuted, " — "+note)...)
	}
	d.add(4, atoms...)
}

// missing says that a tensor is not available.
func (d *doc) missing(what string) { d.add(2, words(roleWarn, what+": not computed")...) }

// words splits s into one atom per word, each but the first with its
// leading space. A short equation in prose ("exp(−∞) = 0") stays whole.
func words(r role, s string) []seg {
	var fs []string
	for _, w := range strings.Fields(s) {
		if n := len(fs); n >= 2 && fs[n-1] == "=" {
			fs = append(fs[:n-2], fs[n-2]+" = "+w)
			continue
		}
		fs = append(fs, w)
	}
	out := make([]seg, len(fs))
	for k, w := range fs {
		if k > 0 || strings.HasPrefix(s, " ") {
			w = " " + w
		}
		out[k] = seg{w, r}
	}
	return out
}

// line is one laid-out line.
type line []seg

// layout fits d to width cells.
func (d *doc) layout(width int) []line {
	if width < 1 {
		return nil
	}
	var out []line
	for _, p := range d.paras {
		var cur line
		cw, fresh := 0, true // fresh: nothing but the indent on this line
		newLine := func() {
			out = append(out, cur)
			ind := min(p.indent, width/2)
			cur = line{{strings.Repeat(" ", ind), roleText}}
			cw, fresh = ind, true
		}
		if len(p.atoms) == 0 {
			out = append(out, nil)
			continue
		}
		for k, a := range p.atoms {
			w := lipgloss.Width(a.text)
			run := w // the atom with the atoms glued after it
			for n := k + 1; n < len(p.atoms) && p.atoms[n].role&glue != 0; n++ {
				run += lipgloss.Width(p.atoms[n].text)
			}
			if !fresh && a.role&glue == 0 && cw+run > width {
				newLine()
			}
			// A glued atom that does not fit but would fit on a line of its
			// own moves down rather than being cut mid-number.
			if !fresh && cw+w > width && min(p.indent, width/2)+w <= width {
				newLine()
			}
			if fresh && len(cur) > 0 { // keep a paragraph's own leading spaces
				a.text = strings.TrimLeft(a.text, " ")
				w = lipgloss.Width(a.text)
			}
			for cw+w > width { // one atom wider than the line: cut it
				head, rest := cut(a.text, width-cw, fresh)
				if head == "" && !fresh {
					newLine()
					continue
				}
				if head == "" { // a wide rune wider than the room left
					r := []rune(a.text)
					head, rest = string(r[0]), string(r[1:])
				}
				cur = append(cur, seg{head, a.role})
				newLine()
				a.text, w = rest, lipgloss.Width(rest)
			}
			if a.text != "" {
				cur = append(cur, a)
				cw += w
				fresh = false
			}
		}
		out = append(out, cur)
	}
	return out
}

// cut splits s after at most n cells: after the last space that fits
// or middle dot (between the numbers of a vector or the factors of a
// product, never inside a number). When none fits it returns "" unless
// hard, which cuts after n cells (one number wider than the whole line).
func cut(s string, n int, hard bool) (string, string) {
	w, space := 0, -1
	for i, r := range s {
		rw := lipgloss.Width(string(r))
		if w+rw > n {
			if space > 0 || !hard {
				return s[:max(space, 0)], s[max(space, 0):]
			}
			return s[:i], s[i:]
		}
		w += rw
		if (r == ' ' || r == '·') && strings.TrimSpace(s[:i]) != "" {
			space = i + utf8.RuneLen(r)
		}
	}
	return s, ""
}

// plain is a line without styling.
func (l line) plain() string {
	var b strings.Builder
	for _, s := range l {
		b.WriteString(s.text)
	}
	return b.String()
}
