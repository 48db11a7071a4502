package form

import (
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Toggle is a field that is on or off; its Get and Set use "true" and
// "false". Space, ← and → flip it; letters typed on it change nothing,
// and are shown (Editor.typed).
type Toggle struct{}

// Key implements Kind.
func (Toggle) Key(f Field, e *Editor, h Host, msg tea.KeyPressMsg) Action {
	if a := e.Keys.navigate(msg); a != Stay {
		return a
	}
	k := e.Keys
	flips := key.Matches(msg, k.Toggle) || key.Matches(msg, k.Left) || key.Matches(msg, k.Right)
	if e.typed(msg, flips) {
		// What is typed is shown and changes nothing: see typed.
		return Stay
	}
	if flips {
		e.choose(h, fmt.Sprint(f.Get() != "true"))
	}
	return Stay
}

// choose sets a value picked from a field's options, and has the editor
// reload, since the fields around it may have changed.
func (e *Editor) choose(h Host, v string) {
	h.Set(v)
	e.Forget()
}

// Lines implements Kind.
func (Toggle) Lines(f Field, e *Editor, h Host, at Place) []string {
	v := "[ ] no"
	if f.Get() == "true" {
		v = "[x] yes"
	}
	lines := []string{e.row(f, at.Focused) + " " + e.Styles.Value.Render(v)}
	if at.Focused && e.Filter != "" {
		lines = append(lines, e.typedLines(at.Width, "←/→ flip it")...)
	}
	return e.tail(lines, f, at, valueIndent)
}

// HasValue implements Kind.
func (Toggle) HasValue(Field) bool { return true }

// Describe implements Kind.
func (Toggle) Describe(f Field, w io.Writer) {
	fmt.Fprintf(w, "Current value: %s. Type y or n.\n", YesNo(f.Get() == "true"))
}

// Answer implements Kind.
func (Toggle) Answer(f Field, e *Editor, h Host, line string) string {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "":
	case "y", "yes", "true", "on":
		e.choose(h, "true")
	case "n", "no", "false", "off":
		e.choose(h, "false")
	default:
		return "type y for yes or n for no"
	}
	return ""
}

// YesNo is line mode's word for b.
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
