package form

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Choice is one of its options. A short one is a row of options that ←/→
// (or space) cycle; a List is a list moved with ↑/↓, and a list longer
// than MinListRows filters as the user types (words separated by spaces,
// matched in any order). Typing never changes a choice the filter still
// shows: the first match stands in for it only while the filter hides it,
// and when nothing matches, or the filter is cleared, it is chosen again
// (a partial word chose the first match and left it "still the choice"
// when the rest matched nothing: trial 6a's A8). A choice moved to with
// a key within the filter is the one held from then on. A choice whose
// options all show takes what is typed without moving (Editor.typed):
// letters never change a choice unseen.
type Choice struct{}

// long reports whether f is a list that filters.
func long(f Field) bool { return f.List && len(f.Options) > MinListRows }

// Key implements Kind.
func (Choice) Key(f Field, e *Editor, h Host, msg tea.KeyPressMsg) Action {
	k := e.Keys
	opts := f.Options
	filters := long(f)
	if filters {
		opts = e.Shown(f)
	}
	cur := Index(opts, f.Get())
	if filters && e.Filter == "" {
		// What is chosen before a filter is typed is the choice held.
		e.held, e.holding = f.Get(), true
	}
	// pick is a choice the user moved to: while filtering, the one held.
	pick := func(v string) {
		e.choose(h, v)
		e.held = v
	}
	switch {
	case !filters && e.typed(msg, key.Matches(msg, k.Right) || msg.String() == "space"):
		// A field whose options all show takes what is typed without
		// changing: see typed.
	case filters && msg.Code == tea.KeyBackspace && e.Filter != "":
		e.Filter = dropLast(e.Filter)
		e.followFilter(f, h)
	case filters && msg.Text == " " && e.Filter == "":
		// Space separates the filter's words; before any word it would
		// only move the choice by surprise.
	case filters && msg.Text != "" && msg.Mod&^tea.ModShift == 0:
		e.Filter += msg.Text
		e.followFilter(f, h)
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		return k.navigate(msg)
	case f.List && key.Matches(msg, k.Down) && len(opts) > 0:
		if cur+1 >= len(opts) {
			return Next
		}
		pick(opts[cur+1].Value)
	case f.List && key.Matches(msg, k.Up):
		switch {
		case cur < 0 && len(opts) > 0:
			// Nothing chosen yet ("— choose with ↑/↓ —"): ↑ chooses
			// from the end, as ↓ does from the start, so each option
			// is one key away.
			pick(opts[len(opts)-1].Value)
		case cur <= 0:
			return Up
		default:
			pick(opts[cur-1].Value)
		}
	case key.Matches(msg, k.Down), key.Matches(msg, k.Up):
		return k.navigate(msg)
	case len(opts) == 0:
	case key.Matches(msg, k.Right), msg.String() == "space":
		// Space, not the rest of Toggle's keys: x is a checkbox's, and
		// typed on a choice it flipped Allow to Deny without a word.
		pick(opts[(cur+1)%len(opts)].Value)
	case key.Matches(msg, k.Left):
		// From nothing chosen, ← chooses the last option, as → the
		// first.
		pick(opts[(max(cur, 0)-1+len(opts))%len(opts)].Value)
	}
	return Stay
}

// followFilter chooses what filtering list f shows for the filter typed:
// the choice held while the filter shows it, or matches nothing, or is
// empty; otherwise the first match.
func (e *Editor) followFilter(f Field, h Host) {
	want := e.held
	if shown := e.Shown(f); strings.TrimSpace(e.Filter) != "" && len(shown) > 0 && Index(shown, e.held) < 0 {
		want = shown[0].Value
	}
	if want != f.Get() {
		e.choose(h, want)
	}
}

// Lines implements Kind.
func (Choice) Lines(f Field, e *Editor, h Host, at Place) []string {
	st := e.Styles
	row := e.row(f, at.Focused) + " "
	cur := Index(f.Options, f.Get())
	var lines []string
	if !f.List {
		var parts []string
		for i, o := range f.Options {
			if i == cur {
				parts = append(parts, st.Selected.Render("(•) "+shown(o.Label)))
			} else {
				parts = append(parts, "( ) "+shown(o.Label))
			}
		}
		switch r := strings.Join(parts, "  "); {
		case LineWidth(r) <= valueWidth(at.Width):
			lines = append(lines, row+r)
		case !at.Focused && cur >= 0:
			// Too wide for one row: the choice alone, wrapped in the
			// value column, and while focused every option on a line of
			// its own, so none is cut.
			first, more := wrapValue(shown(f.Options[cur].Label), valueWidth(at.Width), st.Value)
			lines = append(append(lines, row+first), more...)
		default:
			lines = append(lines, row+parts[0])
			for _, p := range parts[1:] {
				lines = append(lines, valueIndent+p)
			}
		}
		if at.Focused && e.Filter != "" {
			lines = append(lines, e.typedLines(at.Width, "←/→ choose")...)
		}
		return e.tail(lines, f, at, valueIndent)
	}
	sel, more := st.Empty.Render("— choose with ↑/↓ —"), []string(nil)
	if cur >= 0 {
		// A choice wider than the value column wraps under itself, as
		// the options below do: cut with "…", its end could not be
		// read (issue 22's trial).
		sel, more = wrapValue(shown(f.Options[cur].Text()), valueWidth(at.Width), st.Value)
	}
	lines = append(append(lines, row+sel), more...)
	if at.Focused {
		opts := f.Options
		if len(f.Options) > MinListRows {
			opts = e.Shown(f)
			if e.Filter != "" {
				// The rule of the filter said where it bites: while a match
				// stands in for the choice held.
				rule := ""
				if e.holding && f.Get() != e.held {
					rule = "the first match is chosen until the filter clears; "
					if i := Index(f.Options, e.held); i >= 0 {
						rule = "the filter hides " + shown(f.Options[i].Text()) + ", so the first match is chosen until it clears; "
					}
				}
				lines = append(lines, e.filterLines(len(opts), len(f.Options), at.Width, rule)...)
			}
			if len(opts) == 0 && e.Filter != "" {
				// The choice held stays while nothing matches: say so,
				// since the list no longer shows it.
				what := "nothing is chosen"
				if cur >= 0 {
					what = shown(f.Options[cur].Text()) + " is still the choice"
				}
				for _, l := range Wrap("nothing matches the filter; "+what, at.Width, "    ") {
					lines = append(lines, st.Warn.Render(l))
				}
			}
		} else if e.Filter != "" {
			lines = append(lines, e.typedLines(at.Width, "↑/↓ choose")...)
		}
		sc := Index(opts, f.Get())
		lines = append(lines, e.listLines(opts, at.Rows, at.Width, sc, func(i int) bool { return i == sc }, "(•) ", "( ) ")...)
	}
	return e.tail(lines, f, at, valueIndent)
}

// HasValue implements Kind.
func (Choice) HasValue(f Field) bool { return Index(f.Options, f.Get()) >= 0 }

// Describe implements Kind: the options numbered, each with its word.
func (Choice) Describe(f Field, w io.Writer) {
	fmt.Fprintln(w, "Choices:")
	words := false
	for i, o := range f.Options {
		// The value is the word a script can rely on: the numbers of
		// some lists depend on the state (a draft, the engines).
		if wd := Word(o); wd != "" {
			fmt.Fprintf(w, "%d. %s [%s]\n", i+1, o.Text(), wd)
			words = true
		} else {
			fmt.Fprintf(w, "%d. %s\n", i+1, o.Text())
		}
	}
	how := "Type a number."
	if words {
		how = "Type a number or the word in brackets."
	}
	if cur := Index(f.Options, f.Get()); cur >= 0 {
		fmt.Fprintf(w, "Current choice: %d, %s. %s\n", cur+1, f.Options[cur].Text(), how)
	} else {
		fmt.Fprintf(w, "No choice yet, and an empty answer cannot choose one. %s\n", how)
	}
}

// Answer implements Kind.
func (Choice) Answer(f Field, e *Editor, h Host, line string) string {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		if Index(f.Options, f.Get()) < 0 {
			return "there is no choice yet to keep; type a number from 1 to " + strconv.Itoa(len(f.Options)) + " or a choice's word"
		}
		return ""
	}
	i, ok := Pick(f.Options, trimmed)
	if !ok {
		// Words, as the TUI's filter takes them: one match is the answer,
		// several are listed, none is said. A number is a number.
		_, err := strconv.Atoi(trimmed)
		switch ms := Matching(f.Options, trimmed); {
		case err == nil:
			return fmt.Sprintf("%q is not a choice; type a number from 1 to %d or a choice's word", trimmed, len(f.Options))
		case len(ms) == 0:
			return fmt.Sprintf("%q is not a choice, and no choice holds all its words; type a number from 1 to %d or a choice's words", trimmed, len(f.Options))
		case len(ms) == 1:
			i = ms[0]
		default:
			var names []string
			for _, m := range ms {
				names = append(names, fmt.Sprintf("%d. %s", m+1, shown(f.Options[m].Text())))
			}
			return fmt.Sprintf("%q matches %d choices (%s); type its number, or more of its words", trimmed, len(ms), strings.Join(names, "; "))
		}
	}
	e.choose(h, f.Options[i].Value)
	return ""
}
