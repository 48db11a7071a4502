package form

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Multi is any number of its options, each toggled with space. Letters
// typed filter the options. While a filter is typed, space is one of its
// words and enter toggles instead, so typing a name never changes what is
// selected: with space toggling there, "list ver" granted the highlighted
// ListSecretVersionIds between its words without a word (issue 22's third
// trial, D18).
type Multi struct{}

// Key implements Kind.
func (Multi) Key(f Field, e *Editor, h Host, msg tea.KeyPressMsg) Action {
	k := e.Keys
	switch {
	case e.Filter != "" && key.Matches(msg, k.Enter):
		e.toggle(f, h)
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		return k.navigate(msg)
	case key.Matches(msg, k.Down):
		if e.Cursor+1 >= len(e.Shown(f)) {
			return Next
		}
		e.Cursor++
	case key.Matches(msg, k.Up):
		if e.Cursor <= 0 {
			return Up
		}
		e.Cursor--
	case msg.String() == "space" && e.Filter == "":
		e.toggle(f, h)
	case msg.String() == "space":
		e.Filter, e.Cursor = e.Filter+" ", 0
	case msg.Code == tea.KeyBackspace && e.Filter != "":
		e.Filter, e.Cursor = dropLast(e.Filter), 0
	case msg.Text != "" && msg.Mod&^tea.ModShift == 0:
		e.Filter, e.Cursor = e.Filter+msg.Text, 0
	}
	return Stay
}

// toggle selects or unselects the option under the cursor.
func (e *Editor) toggle(f Field, h Host) {
	opts := e.Shown(f)
	if e.Cursor >= len(opts) {
		return
	}
	v := opts[e.Cursor].Value
	sel := f.GetList()
	if slices.Contains(sel, v) {
		sel = slices.DeleteFunc(slices.Clone(sel), func(s string) bool { return s == v })
	} else {
		sel = append(slices.Clone(sel), v)
	}
	h.SetList(inOrder(f.Options, sel))
}

// inOrder keeps the values of vs in the order of the options, so a policy
// reads like the list, each once.
func inOrder(opts []Option, vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, o := range opts {
		if slices.Contains(vs, o.Value) {
			out = append(out, o.Value)
		}
	}
	return out
}

// Lines implements Kind.
func (Multi) Lines(f Field, e *Editor, h Host, at Place) []string {
	st := e.Styles
	sel := f.GetList()
	summary := st.Empty.Render("none selected")
	var more []string
	if len(sel) > 0 {
		short := make([]string, len(sel))
		for i, s := range sel {
			short[i] = strings.TrimPrefix(s, "secretsmanager:")
		}
		summary, more = wrapValue(shown(strings.Join(short, ", ")), valueWidth(at.Width), st.Value)
	}
	lines := append([]string{e.row(f, at.Focused) + " " + summary}, more...)
	if at.Focused {
		opts := e.Shown(f)
		if e.Filter != "" {
			lines = append(lines, e.filterLines(len(opts), len(f.Options), at.Width, "enter selects, ")...)
		}
		on := func(i int) bool { return slices.Contains(sel, opts[i].Value) }
		lines = append(lines, e.listLines(opts, at.Rows, at.Width, e.Cursor, on, "[x] ", "[ ] ")...)
	}
	return e.tail(lines, f, at, valueIndent)
}

// HasValue implements Kind.
func (Multi) HasValue(Field) bool { return true }

// Describe implements Kind.
func (Multi) Describe(f Field, w io.Writer) {
	fmt.Fprintln(w, "Choices:")
	for i, o := range f.Options {
		fmt.Fprintf(w, "%d. %s\n", i+1, o.Text())
	}
	var nums []string
	for _, s := range f.GetList() {
		if i := Index(f.Options, s); i >= 0 {
			nums = append(nums, strconv.Itoa(i+1))
		}
	}
	if len(nums) == 0 {
		fmt.Fprintln(w, "None chosen. Type the numbers of your choices, separated by commas.")
	} else {
		fmt.Fprintf(w, "Chosen: %s. Type the numbers of your choices, separated by commas.\n", strings.Join(nums, ", "))
	}
}

// Answer implements Kind: the numbers or words of the options chosen,
// separated by commas or spaces; "-" chooses none.
func (Multi) Answer(f Field, e *Editor, h Host, line string) string {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return ""
	}
	var picked []string
	if trimmed != "-" {
		for _, p := range strings.FieldsFunc(trimmed, func(r rune) bool { return r == ',' || r == ' ' }) {
			i, ok := Pick(f.Options, p)
			if !ok {
				return fmt.Sprintf("%q is not a choice; type numbers from 1 to %d separated by commas", p, len(f.Options))
			}
			picked = append(picked, f.Options[i].Value)
		}
	}
	h.SetList(inOrder(f.Options, picked))
	return ""
}
