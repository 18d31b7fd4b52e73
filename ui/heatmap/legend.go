package heatmap

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// legendSwatch is how many cells the gradient spans at most.
const legendSwatch = 33

// Legend returns the one-line legend for width: the scale's range around a
// gradient (0…1 for Unit, −m…+m with 0 in the middle for Diverging, min…max
// for Auto, two swatches for Mask), then swatches for −∞, dropped and NaN
// cells when the matrix has any. The root can draw it itself, e.g. once
// under a grid of compact heatmaps.
func (mv Model) Legend(width int) string {
	m := &mv
	if width <= 0 || m.pal == nil {
		return ""
	}
	return ansi.Truncate(m.legendText(width), width, "…")
}

func (m *Model) legendText(width int) string {
	st := m.Styles.Legend
	p := m.pal
	swatch := func(level int, text string) string {
		if p.noColor {
			return text
		}
		return p.cell[level] + text + p.reset
	}

	extras, tagR := m.legendExtras()
	extraW := func() int {
		w := 0
		for _, e := range extras {
			w += ansi.StringWidth(e)
		}
		return w
	}

	var b strings.Builder
	switch m.scale {
	case Mask:
		b.WriteString(st.Render("0 "))
		b.WriteString(swatch(0, glyphOr(p.noColor, 0, "  ")))
		b.WriteString(st.Render("  1 "))
		b.WriteString(swatch(buckets-1, glyphOr(p.noColor, buckets-1, "  ")))
	default:
		lo, hi := m.rangeText()
		// The range's ends matter most, then the extras, then the
		// gradient's length (at least 5 cells, or the extras go).
		fixed := len(lo) + len(hi) + 4
		for len(extras) > 0 && width-fixed-extraW() < 5 {
			extras = extras[:len(extras)-1]
		}
		n := min(legendSwatch, max(width/3, 5), max(width-fixed-extraW(), 3))
		if m.scale == Diverging && n%2 == 0 {
			n--
		}
		b.WriteString(st.Render(lo + " "))
		if p.noColor {
			b.WriteByte('[')
		}
		for k := 0; k < n; k++ {
			lv := bucket(float64(k) / float64(n-1))
			g := " "
			if p.noColor {
				g = shade(lv)
			}
			if m.scale == Diverging && k == n/2 {
				g = "0"
			}
			if p.noColor {
				b.WriteString(g)
			} else {
				b.WriteString(p.cell[lv] + g)
			}
		}
		if p.noColor {
			b.WriteByte(']')
		} else {
			b.WriteString(p.reset)
		}
		b.WriteString(st.Render(" " + hi))
	}
	used := ansi.StringWidth(b.String())
	if tagR != "" {
		extras = append(extras, tagR)
	}
	for _, e := range extras {
		if w := ansi.StringWidth(e); used+w <= width {
			b.WriteString(e)
			used += w
		}
	}
	return b.String()
}

func glyphOr(noColor bool, level int, s string) string {
	if noColor {
		g := shade(uint8(level))
		if g == " " {
			return "[ ]"
		}
		return g + g
	}
	return s
}

// rangeText returns the texts at the ends of the gradient.
func (m *Model) rangeText() (lo, hi string) {
	r := m.rng
	if m.scaleMode == ScaleRow && m.scale != Mask {
		return "row min", "row max"
	}
	switch m.scale {
	case Unit:
		return "0", "1"
	case Diverging:
		h := FormatValue(float32(max(-r.Lo, r.Hi)), 7)
		return "-" + h, "+" + h
	}
	return FormatValue(float32(r.Lo), 7), FormatValue(float32(r.Hi), 7)
}

// panText says which part of a panned matrix is in view.
func (m *Model) panText() string {
	l := m.lay
	var parts []string
	if l.panY {
		b := m.indexBase // the same numbering as the labels: rows 1–5/6, or 0–4 of 6 from 0
		parts = append(parts, fmt.Sprintf("rows %d–%d/%d", m.rowOff+b, m.rowOff+l.visRows-1+b, m.data.Rows))
	}
	if l.panX {
		parts = append(parts, fmt.Sprintf("cols %d–%d/%d", m.colOff+m.indexBase, m.colOff+l.visCols-1+m.indexBase, m.data.Cols))
	}
	return "  " + strings.Join(parts, " ")
}

// legend is the legend line View draws.
// legend is the legend under the matrix: as wide as the matrix is drawn
// (but never narrower than legendMinW), so that a narrow matrix in a wide
// panel does not carry a legend that pushes its neighbours out of view.
func (m Model) legend() string {
	l := m.lay
	drawn := l.gutter + l.visCols*l.cw + l.sumW + 2 // + the pan indicators
	return m.Legend(min(m.width, max(drawn, legendMinW)))
}

// legendMinW keeps the range's ends and a few swatches readable.
const legendMinW = 28

// legendExtras returns what follows the gradient, most important first
// (what special cells mean, then where a panned view is), and the scale
// in force, said when there is room left after the rest.
func (m *Model) legendExtras() (extras []string, tagR string) {
	st, p := m.Styles.Legend, m.pal
	if m.st.negInf || m.hasMasked {
		t := "-∞"
		if !m.st.negInf {
			t = "0"
		}
		extras = append(extras, "  "+p.masked+hatchGlyph+t+hatchGlyph+p.reset+st.Render(" masked"))
	}
	if m.hasDrop {
		extras = append(extras, "  "+p.dropped+droppedGlyph+"0"+p.reset+st.Render(" dropped"))
	}
	if m.st.nan {
		extras = append(extras, "  "+p.invalid+nanGlyph+p.reset+st.Render(" invalid"))
	}
	if m.lay.panX || m.lay.panY {
		extras = append(extras, m.Styles.Indicator.Render(m.panText()))
	}
	if tag := scaleTag(m.scale, m.scaleMode); tag != "" {
		if k := m.KeyMap.Scale; k.Enabled() && k.Help().Key != "" {
			tag += " (" + k.Help().Key + ")"
		}
		tagR = st.Render("  " + tag)
	}
	return extras, tagR
}
