package form

import (
	"io"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Button runs its Action on enter. A Confirm button takes two presses: the
// first arms it and says what the second will do. A Brief button is a
// summary row (a policy statement), drawn as text that wraps under itself.
type Button struct{}

// Key implements Kind.
func (Button) Key(f Field, e *Editor, h Host, msg tea.KeyPressMsg) Action {
	if key.Matches(msg, e.Keys.Enter) {
		if f.Confirm && e.wasArmed != f.ID {
			e.Armed = f.ID
		} else {
			f.Action()
		}
		return Stay
	}
	if a := e.Keys.navigate(msg); a != Stay {
		return a
	}
	if f.RowKeys != nil {
		f.RowKeys(msg)
	}
	return Stay
}

// Lines implements Kind.
func (Button) Lines(f Field, e *Editor, h Host, at Place) []string {
	st := e.Styles
	marker := "  "
	if at.Focused {
		marker = st.Focused.Render("› ")
	}
	label := shown(f.Label)
	if e.Armed == f.ID {
		label += ": press enter again to confirm, any other key keeps it"
	}
	var lines []string
	switch {
	case f.Brief:
		// A summary row wraps under itself rather than lose its end.
		style := plain
		if at.Focused {
			style = st.Focused
		}
		first, rest := WrapLines(label, at.Width, "    ", style)
		lines = append(append(lines, marker+first), rest...)
	default:
		// A label wider than the form, such as an armed button's "press
		// enter again to confirm, any other key keeps it", wraps under
		// itself: cut with "…", the end of what the second press does
		// could not be read (issue 22's third trial).
		style := st.Button
		if at.Focused {
			style = st.ButtonOn
		}
		first, rest := WrapLines("[ "+label+" ]", at.Width, "    ", style)
		lines = append(append(lines, marker+first), rest...)
	}
	return e.tail(lines, f, at, "    ")
}

// HasValue implements Kind: a button holds nothing to answer.
func (Button) HasValue(Field) bool { return true }

// Describe implements Kind. Line mode lists buttons as a menu of their
// own, never as a question.
func (Button) Describe(Field, io.Writer) {}

// Answer implements Kind.
func (Button) Answer(Field, *Editor, Host, string) string { return "" }
