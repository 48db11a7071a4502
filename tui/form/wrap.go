package form

import (
	"strings"
	"unicode/utf8"

	"github.com/secretsmith/secretsmith/blueprint"
)

// shown makes text that came from the user safe to draw (see tui's shown).
func shown(s string) string { return blueprint.SafeLine(s) }

// ShownStyled escapes, in text a component has already styled (the text
// input's view), every character SafeText would except ESC, which starts
// the component's own styling. The text input drops control characters
// from its value, so ESC there is never the user's; bidirectional
// formatting characters it keeps are escaped here.
func ShownStyled(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != 0x1b && blueprint.NeedsEscape(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != 0x1b && blueprint.NeedsEscape(r) {
			b.WriteString(blueprint.SafeText(string(r)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func spaces(n int) string { return strings.Repeat(" ", n) }

// wrapValue wraps a field's value, already made safe, to the value column
// of w cells: the first line goes on the field's row and the rest under
// it, in the value column, so that an ARN or a list is never cut.
func wrapValue(v string, w int, style Style) (string, []string) {
	return WrapLines(v, w+LabelWidth+3, valueIndent, style)
}

// WrapLines wraps plain text v to w cells, the first line w-len(indent)
// cells wide to follow what precedes it, the rest starting with indent.
func WrapLines(v string, w int, indent string, style Style) (string, []string) {
	ls := WrapWords(v, max(10, w-len(indent)))
	rest := make([]string, 0, len(ls)-1)
	for _, l := range ls[1:] {
		rest = append(rest, indent+style.Render(l))
	}
	return style.Render(ls[0]), rest
}

// Pad truncates or pads s to exactly w cells.
func Pad(s string, w int) string {
	// Measured once when it fits, as it mostly does: the form is drawn
	// on every key.
	n := Width(s)
	if n > w || strings.Contains(s, "\n") {
		s = Truncate(s, w, "…")
		n = LineWidth(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// Wrap word-wraps s to width and indents every line.
func Wrap(s string, width int, indent string) []string {
	width = max(10, width-len(indent))
	var out []string
	for _, l := range WrapWords(s, width) {
		out = append(out, indent+l)
	}
	return out
}

// WrapWords breaks plain text into lines of at most width cells at spaces
// only. ansi's wrappers also break after every hyphen, which splits ARNs,
// region names and flags such as --stack-name in two, so that a copied
// value or command no longer works; here a word is broken only when it is
// longer than a whole line, where nothing else can show it.
func WrapWords(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		lead := para[:len(para)-len(strings.TrimLeft(para, " "))]
		if len(lead) >= width {
			lead = ""
		}
		line := lead
		for _, w := range strings.Fields(para) {
			for Width(w) > width-len(lead) {
				if line != lead {
					out = append(out, line)
				}
				cut := breakWord(w, width-len(lead))
				out = append(out, lead+cut)
				w, line = w[len(cut):], lead
			}
			switch {
			case w == "":
			case line == lead:
				line += w
			case Width(line)+1+Width(w) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = lead + w
			}
		}
		if line != lead || len(out) == 0 || para == "" {
			out = append(out, line)
		}
	}
	return out
}

// breakWord is the first line of a word too long for room cells: cut
// after the last separator of an ARN, a path or a file name (: / . , - _ =
// @) in its second half, so that "…:secret:" and "prod/orders/…" or
// "….iam." and "json" end up on the two lines, not "…secret:pr" and "od/…"
// or "….iam.jso" and "n" (issue 22's third trial); with no such separator,
// as many cells as fit (CutWidth).
func breakWord(w string, room int) string {
	cut := CutWidth(w, room)
	if len(cut) == len(w) {
		return cut
	}
	if i := strings.LastIndexAny(cut, ":/.,-_=@"); i >= 0 && i+1 >= (len(cut)+1)/2 {
		return cut[:i+1]
	}
	return cut
}

// CutWidth is the longest prefix of plain text w at most room cells wide,
// and never empty: a character wider than the room goes alone. It cuts
// between characters, keeping w's bytes as they are.
func CutWidth(w string, room int) string {
	used, end := 0, 0
	for end < len(w) {
		_, n := utf8.DecodeRuneInString(w[end:])
		cw := Width(w[end : end+n])
		if used+cw > room && end > 0 {
			break
		}
		used, end = used+cw, end+n
	}
	return w[:end]
}
