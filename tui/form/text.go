package form

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Text is a field edited with a text input (bubbles' textinput), which
// the Editor keeps for the focused field. Every key is copied into the
// design at once, so its errors follow the typing.
type Text struct{}

// Key implements Kind.
func (Text) Key(f Field, e *Editor, h Host, msg tea.KeyPressMsg) Action {
	fresh := e.Fresh
	e.Fresh = false
	if a := e.Keys.navigate(msg); a != Stay {
		return a
	}
	if key.Matches(msg, e.Keys.Complete) && e.Completion() != "" {
		e.complete(f, h)
		return Stay
	}
	if fresh && msg.Text != "" {
		e.Input.SetValue("")
	}
	e.Input, _ = e.Input.Update(msg)
	e.SetText(f, h)
	return Stay
}

// Paste puts pasted text into the focused text field f as typing would:
// into a field marked Replaces whose value has not been touched since the
// focus arrived (Fresh), it replaces the value, as the first key typed
// there does; elsewhere it goes in at the cursor.
func (e *Editor) Paste(f Field, h Host, msg tea.PasteMsg) {
	if e.Fresh && msg.Content != "" {
		e.Input.SetValue("")
	}
	e.Fresh = false
	e.Input, _ = e.Input.Update(msg)
	e.SetText(f, h)
}

// SetText copies the editor's value into the design, when it changed or
// the text typed before could not be read.
func (e *Editor) SetText(f Field, h Host) {
	v := e.Input.Value()
	if v == f.Get() && !h.Failed() {
		return
	}
	h.Set(v)
}

// complete puts the current completion in the focused text field. The
// matches are then recomputed for the new value (SetValue leaves them), and
// the match taken is made the current one again, so that taking
// aws:SourceVpc does not go on offering aws:SourceVpce.
func (e *Editor) complete(f Field, h Host) {
	c := e.Completion()
	e.Input.SetValue(c)
	e.Input.CursorEnd()
	e.Input.SetSuggestions(f.Suggest)
	for range e.Input.MatchedSuggestions() {
		if e.Input.CurrentSuggestion() == c {
			break
		}
		e.Input, _ = e.Input.Update(nextMatchKey)
	}
	e.SetText(f, h)
}

// nextMatchKey is the textinput's own key for its next match.
var nextMatchKey = tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}

// Completion is what → would put in the focused text field: the current
// match of its suggestions, offered only with the cursor at the end (→
// elsewhere moves the cursor) and when it would change the value.
func (e *Editor) Completion() string {
	if !e.Input.ShowSuggestions {
		return ""
	}
	v := e.Input.Value()
	if e.Input.Position() != len([]rune(v)) {
		return ""
	}
	if c := e.Input.CurrentSuggestion(); c != "" && c != v {
		return c
	}
	if e.Input.CurrentSuggestion() == "" && v != "" {
		// No value starts with what is typed: the first that holds it
		// anywhere ("pay" finds alias/payments-secrets).
		low := strings.ToLower(v)
		for _, s := range e.Input.AvailableSuggestions() {
			if s != v && strings.Contains(strings.ToLower(s), low) {
				return s
			}
		}
	}
	return ""
}

// Lines implements Kind.
func (Text) Lines(f Field, e *Editor, h Host, at Place) []string {
	st := e.Styles
	row := e.row(f, at.Focused) + " "
	valueW := valueWidth(at.Width)
	var lines []string
	s := h.Text()
	hidden := at.Focused && droppedByInput(s, e)
	switch {
	case hidden:
		// The text input drops control characters from what it holds,
		// so it would show the value without them while its error names
		// them: the value is shown escaped, as everywhere else.
		first, rest := wrapValue(shown(s), valueW, st.Value)
		lines = append(append(lines, row+first), rest...)
	case at.Focused:
		// The editor holds f at this width. The textinput pads to its
		// width without counting the completion it shows after the
		// cursor; cut what overflows.
		lines = append(lines, row+Truncate(ShownStyled(e.Input.View()), valueW, ""))
	case s != "":
		first, rest := wrapValue(shown(s), valueW, st.Value)
		lines = append(append(lines, row+first), rest...)
	case f.Placeholder != "":
		first, rest := wrapValue(shown(f.Placeholder), valueW, st.Empty)
		lines = append(append(lines, row+first), rest...)
	default:
		lines = append(lines, row+st.Empty.Render("—"))
	}
	if !at.Focused {
		return lines
	}
	if c := e.Completion(); c != "" {
		hint := "→ completes " + c
		if n := len(e.Input.MatchedSuggestions()); n > 1 {
			hint += fmt.Sprintf(" · ctrl+n: next of %d matches", n)
		}
		for _, l := range Wrap(hint, at.Width, valueIndent) {
			lines = append(lines, st.Hint.Render(l))
		}
	}
	if hidden {
		for _, l := range Wrap("holds control characters, shown escaped, that this box cannot hold: the first key typed here removes them", at.Width, valueIndent) {
			lines = append(lines, st.Hint.Render(l))
		}
	}
	lines = append(lines, at.Under...)
	if e.Fresh && !hidden {
		for _, l := range Wrap("typing replaces "+shown(e.Input.Value())+" · ←/→ edits it · ctrl+u clears", at.Width, valueIndent) {
			lines = append(lines, st.Hint.Render(l))
		}
	}
	return e.tail(lines, f, Place{Focused: true, Width: at.Width}, valueIndent)
}

// droppedByInput reports whether the focused field's value s holds
// characters the editor's text input dropped when it took the value
// (bubbles' textinput keeps no control characters). A masked input shows
// no value at all, and stays so.
func droppedByInput(s string, e *Editor) bool {
	return s != e.Input.Value() && e.Input.EchoMode == textinput.EchoNormal && strings.ContainsFunc(s, unicode.IsControl)
}

// HasValue implements Kind.
func (Text) HasValue(f Field) bool { return f.Get() != "" }

// Describe implements Kind.
func (Text) Describe(f Field, w io.Writer) {
	switch v := f.Get(); {
	case v != "":
		fmt.Fprintf(w, "Current value: %s\n", v)
	case f.Placeholder != "":
		fmt.Fprintf(w, "Current value: empty, meaning %s\n", f.Placeholder)
	default:
		fmt.Fprintln(w, "Current value: empty")
	}
}

// Answer implements Kind: an empty line keeps the value, "-" empties it.
func (Text) Answer(f Field, e *Editor, h Host, line string) string {
	switch {
	case line == "":
		// Enter keeps the value, but an unreadable value typed before
		// is still reported.
		if !h.Failed() {
			h.Refresh()
			return ""
		}
		h.Set(f.Get())
	case strings.TrimSpace(line) == "-":
		h.Set("")
	default:
		h.Set(line)
	}
	return ""
}
