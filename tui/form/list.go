package form

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Shown are the options of a multi-select, or of a long list, that the
// editor's filter leaves: those whose text or value holds every word of
// the filter, in any order and anywhere ("single mysql" finds MySQL ·
// single user, whose value is MySQLSingleUser).
func (e *Editor) Shown(f Field) []Option {
	words := strings.Fields(strings.ToLower(e.Filter))
	if len(words) == 0 {
		return f.Options
	}
	var out []Option
	for _, o := range f.Options {
		if matchesAll(strings.ToLower(o.Text()+" "+o.Value), words) {
			out = append(out, o)
		}
	}
	return out
}

// matchesAll reports whether s holds every one of words.
func matchesAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// filterLine says what the filter holds and how much of the list it
// leaves.
func (e *Editor) filterLine(shown, all int) string {
	return e.Styles.Hint.Render(fmt.Sprintf("    filter: %s (%d of %d; backspace or esc clears)", e.Filter, shown, all))
}

// listLines draws a window of rows options of a long list around the
// cursor, each wrapped to width cells.
func (e *Editor) listLines(opts []Option, rows, width, cursor int, on func(int) bool, yes, no string) []string {
	n := len(opts)
	top := 0
	if n > rows {
		top = min(max(0, cursor-rows/2), n-rows)
	}
	var lines []string
	indent := spaces(4)
	if top > 0 {
		lines = append(lines, e.Styles.Hint.Render(indent+fmt.Sprintf("  ↑ %d more", top)))
	}
	for i := top; i < min(n, top+rows); i++ {
		box := no
		if on(i) {
			box = yes
		}
		cur := "  "
		if i == cursor {
			cur = "> "
		}
		// An option wider than the form wraps under its text: cut with
		// "…", its end could not be read (issue 22's trial).
		lead := indent + cur + box
		for j, l := range WrapWords(opts[i].Text(), max(10, width-ansi.StringWidth(lead))) {
			if j > 0 {
				lead = spaces(ansi.StringWidth(lead))
			}
			if i == cursor {
				l = e.Styles.Selected.Render(lead + l)
			} else {
				l = lead + l
			}
			lines = append(lines, l)
		}
	}
	if rest := n - (top + rows); rest > 0 {
		lines = append(lines, e.Styles.Hint.Render(indent+fmt.Sprintf("  ↓ %d more", rest)))
	}
	return lines
}

// dropLast removes the last character of s, for backspace in a filter.
func dropLast(s string) string {
	r := []rune(s)
	return string(r[:len(r)-1])
}

// Pick finds an option by its number, its value or its label, as line
// mode reads an answer.
func Pick(opts []Option, s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1 && n <= len(opts)
	}
	for i, o := range opts {
		if strings.EqualFold(s, o.Value) || strings.EqualFold(s, o.Label) {
			return i, true
		}
	}
	return 0, false
}

// Word is the word line mode shows beside a choice: its value, when that
// is a word a person can type and not just its label again.
func Word(o Option) string {
	if strings.EqualFold(o.Value, o.Label) || strings.ContainsAny(o.Value, " *") || o.Value == "" {
		return ""
	}
	return o.Value
}
