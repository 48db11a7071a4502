package form

import (
	"fmt"
	"strconv"
	"strings"
)

// Shown are the options of a multi-select, or of a long list, that the
// editor's filter leaves: those whose text or value holds every word of
// the filter, in any order and anywhere ("single mysql" finds MySQL ·
// single user, whose value is MySQLSingleUser).
func (e *Editor) Shown(f Field) []Option {
	if strings.TrimSpace(e.Filter) == "" {
		return f.Options
	}
	var out []Option
	for _, i := range Matching(f.Options, e.Filter) {
		out = append(out, f.Options[i])
	}
	return out
}

// Matching is the one matcher of typed words against options, the list
// filter's and line mode's (Choice.Answer): the positions of the options
// whose text or value holds every word of s, separated by spaces, in any
// order and anywhere, ignoring case. Line mode refused "postgres single",
// which the filter finds (trial 7a's T6).
func Matching(opts []Option, s string) []int {
	words := strings.Fields(strings.ToLower(s))
	var out []int
	for i, o := range opts {
		if matchesAll(strings.ToLower(o.Text()+" "+o.Value), words) {
			out = append(out, i)
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

// filterLines say what the filter holds and how much of the list it
// leaves, wrapped at the form's width: cut with "…", a long filter hid
// how to clear it (issue 22's second trial). keys, when set, is what the
// kind's keys do while filtering, said before how to clear it.
func (e *Editor) filterLines(shown, all, width int, keys string) []string {
	var out []string
	for _, l := range Wrap(fmt.Sprintf("filter: %s (%d of %d; %sbackspace or esc clears)", e.Filter, shown, all, keys), width, "    ") {
		out = append(out, e.Styles.Hint.Render(l))
	}
	return out
}

// listLines draws a window of a long list around the cursor, each option
// wrapped to width cells. The window is rows lines, not rows options: an
// option wider than the form takes two lines or more, and counted as one
// the window ran past the screen, taking the "↓ N more" notice, the hint
// and the step's Continue with it (issue 22's trial).
func (e *Editor) listLines(opts []Option, rows, width, cursor int, on func(int) bool, yes, no string) []string {
	indent := spaces(4)
	drawn := make(map[int][]string, rows)
	draw := func(i int) []string {
		if ls, ok := drawn[i]; ok {
			return ls
		}
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
		var ls []string
		// The text is escaped: options can come from outside (a draft's
		// name, an account's secrets and keys).
		for j, l := range WrapWords(shown(opts[i].Text()), max(10, width-Width(lead))) {
			if j > 0 {
				lead = spaces(Width(lead))
			}
			if i == cursor {
				l = e.Styles.Selected.Render(lead + l)
			} else {
				l = lead + l
			}
			ls = append(ls, l)
		}
		drawn[i] = ls
		return ls
	}
	top, end := listWindow(len(opts), rows, cursor, func(i int) int { return len(draw(i)) })
	var lines []string
	if top > 0 {
		lines = append(lines, e.Styles.Hint.Render(indent+fmt.Sprintf("  ↑ %d more", top)))
	}
	for i := top; i < end; i++ {
		lines = append(lines, draw(i)...)
	}
	if rest := len(opts) - end; rest > 0 {
		lines = append(lines, e.Styles.Hint.Render(indent+fmt.Sprintf("  ↓ %d more", rest)))
	}
	return lines
}

// listWindow is the options [top, end) of a list of n that show in rows
// lines when option i takes height(i) lines: the cursor's option always,
// with up to half the rows above it and the rest below, and more above
// when the list ends first. No cursor (-1) starts at the top.
func listWindow(n, rows, cursor int, height func(int) int) (top, end int) {
	if n == 0 {
		return 0, 0
	}
	c := min(max(cursor, 0), n-1)
	top, end = c, c+1
	used := height(c)
	for above := 0; top > 0; top-- {
		h := height(top - 1)
		if above+h > rows/2 || used+h > rows {
			break
		}
		above, used = above+h, used+h
	}
	for ; end < n && used+height(end) <= rows; end++ {
		used += height(end)
	}
	for ; top > 0 && used+height(top-1) <= rows; top-- {
		used += height(top - 1)
	}
	return top, end
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
