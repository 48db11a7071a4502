// Package form holds the kinds of field the wizard's steps are made of:
// text, choice, toggle, multi-choice and button. Each kind is one file
// holding all it does: its keys, its drawing and its line-mode prompt and
// answer (the Kind interface). A new kind is one new file.
//
// A kind holds no value. The wizard (package tui) declares its questions
// from the design each time they are drawn and hands a kind the Field
// (what the kind needs to see of the question: get, options, label) and a
// Host (how a value goes back into the design, re-validated). The one
// state a kind keeps between keys is the Editor's: the text input of the
// focused field, its cursor and filter in a list, the button armed.
//
// Moving between fields is the wizard's: a kind's Key says where the focus
// goes (an Action), and the wizard acts on it in one place.
package form

import (
	"io"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

const (
	// LabelWidth is the width of the column of questions; values start
	// LabelWidth+3 cells in, after the focus marker and a space.
	LabelWidth = 22
	// MinListRows is how many options of a long list show at once at
	// least; a list longer than this filters as the user types.
	MinListRows = 8
)

// Kind is one kind of field. Every method gets the field as the kind sees
// it; Key and Lines also get the editor of the focused field.
type Kind interface {
	// Key handles a key on the focused field and says where the focus
	// goes next.
	Key(f Field, e *Editor, h Host, msg tea.KeyPressMsg) Action
	// Lines draws the field: its row, and while focused what it shows
	// under it (a list, hints), then at.Under and its hint.
	Lines(f Field, e *Editor, h Host, at Place) []string
	// HasValue reports whether the field holds an answer yet.
	HasValue(f Field) bool
	// Describe writes line mode's prompt after the question: the value
	// the field holds and how to answer.
	Describe(f Field, w io.Writer)
	// Answer sets the field from a line of line mode. It returns a
	// message when the line cannot be an answer at all, such as a choice
	// number out of range; "" keeps what the field holds.
	Answer(f Field, e *Editor, h Host, line string) string
}

// Action is where the focus goes after a key.
type Action int

const (
	// Stay keeps the focus: the kind used the key.
	Stay Action = iota
	// Enter moves on to the next field the way enter does: past the
	// fields enter passes over, and on through the step's Continue.
	Enter
	// Next moves to the next field.
	Next
	// Prev moves to the previous field, or back a step from the first.
	Prev
	// Up moves to the previous field and never leaves the step.
	Up
)

// Option is one choice of a choice or multi-select field.
type Option struct{ Value, Label, Group string }

// Text is how an option is listed: its label, after its group's name when
// it has one.
func (o Option) Text() string {
	if o.Group != "" {
		return o.Group + " · " + o.Label
	}
	return o.Label
}

// Index returns the position of the option whose value is v, or -1.
func Index(opts []Option, v string) int {
	for i, o := range opts {
		if o.Value == v {
			return i
		}
	}
	return -1
}

// Field is a question as a kind sees it. The wizard builds it from its own
// declaration of the question each time it is needed.
type Field struct {
	// ID names the field for the focus and the editor.
	ID string
	// Title is the question's label; Hint the line shown under it while
	// focused.
	Title, Hint string
	// Get reads the value from the design; GetList a multi-select's.
	Get     func() string
	GetList func() []string
	Options []Option
	// List draws a choice as a list, one option a line, moved with ↑/↓.
	List        bool
	Placeholder string
	// Label is a button's text or a summary row.
	Label  string
	Action func()
	// RowKeys handles the extra keys of a list row, such as d to delete.
	RowKeys func(tea.KeyPressMsg)
	// Brief marks a summary row, which wraps under itself.
	Brief bool
	// Confirm makes a button take two presses of enter.
	Confirm bool
	// Replaces makes the first character typed after the focus arrives
	// replace a text field's value (numbers, prefilled examples).
	Replaces bool
	// Suggest lists the completions a text field offers.
	Suggest []string
}

// Host is how a kind changes the design: the wizard's side of a field.
type Host interface {
	// Text is what a text field shows: the design's value, or the text
	// typed that could not be read while its error stands.
	Text() string
	// Failed reports whether the field holds text that could not be read.
	Failed() bool
	// Set writes v into the design and re-validates it; a value the
	// design cannot hold is kept as the field's error.
	Set(v string)
	// SetList writes a multi-select's values and re-validates.
	SetList(vs []string)
	// Refresh re-validates without a change.
	Refresh()
}

// Place is where and how a field is drawn.
type Place struct {
	Focused bool
	// Width is the form's width; Rows how many options of a long list
	// show at once.
	Width, Rows int
	// Under are the wizard's own lines under a focused field (what the
	// account lists for it), drawn before the field's hint.
	Under []string
}

// Keys are the keys the kinds answer to.
type Keys struct {
	Next, Prev  key.Binding
	Up, Down    key.Binding
	Enter       key.Binding
	Toggle      key.Binding
	Left, Right key.Binding
	// Complete takes the completion shown after the cursor.
	Complete key.Binding
}

// navigate is where the common keys move the focus; Stay for any other.
func (k Keys) navigate(msg tea.KeyPressMsg) Action {
	switch {
	case key.Matches(msg, k.Enter):
		return Enter
	case key.Matches(msg, k.Next), key.Matches(msg, k.Down):
		return Next
	case key.Matches(msg, k.Prev):
		return Prev
	case key.Matches(msg, k.Up):
		return Up
	}
	return Stay
}

// Styles are the styles the kinds draw with; the wizard decides them.
type Styles struct {
	Label, Focused, Value, Empty, Hint Style
	Button, ButtonOn, Selected, Warn   Style
}

// Editor is the state of the focused field's editor, with the keys and
// styles every kind uses. The wizard has one.
type Editor struct {
	Keys   Keys
	Styles Styles
	// Input edits the focused text field; ID names that field, so a
	// focus that moved reloads it.
	Input textinput.Model
	ID    string
	// Fresh is set while the value of a field marked Replaces has been
	// loaded into the editor and no key has touched it yet.
	Fresh bool
	// Cursor is the cursor inside a focused multi-select, counted in the
	// options its filter leaves.
	Cursor int
	// Filter is what has been typed into a focused multi-select or long
	// list: only options whose words it holds are listed.
	Filter string
	// held is a filtering list's own choice while a filter is typed: the
	// one chosen before the filter, or picked with a key within it. The
	// first match stands in for it only while the filter hides it
	// (Choice.Key); holding says held is set.
	held    string
	holding bool
	// Armed is the id of a confirm button pressed once; any other key
	// disarms it (Disarm).
	Armed    string
	wasArmed string
}

// Disarm disarms the button armed, at every key; the button's own Key
// still knows it was armed.
func (e *Editor) Disarm() {
	e.wasArmed, e.Armed = e.Armed, ""
}

// Reset clears a list's cursor and filter, when the focus moves: the
// choice shown stays.
func (e *Editor) Reset() { e.Cursor, e.Filter, e.held, e.holding = 0, "", "", false }

// ClearFilter clears the filter typed into focused field f (esc): a long
// list chooses again what it held before the filter was typed, which a
// match stood in for while the filter hid it.
func (e *Editor) ClearFilter(f Field, h Host) {
	if e.holding && f.Get != nil && f.Get() != e.held {
		e.choose(h, e.held)
	}
	e.Reset()
}

// Forget makes the next Sync reload the editor from the design.
func (e *Editor) Forget() { e.ID = "" }

// Sync loads text field f's value (the host's text) into the editor when
// the focus has moved to another field since the last key, at the given
// width.
func (e *Editor) Sync(f Field, h Host, width int) {
	if e.ID == f.ID {
		return
	}
	ti := textinput.New()
	s := ti.Styles()
	s.Cursor.Blink = false
	ti.SetStyles(s)
	ti.Prompt = ""
	ti.Placeholder = shown(f.Placeholder) // the input draws it as it is
	ti.SetWidth(width)
	if len(f.Suggest) > 0 {
		// The textinput's own accept key is tab, which the wizard keeps
		// for moving on; → takes completions instead.
		ti.ShowSuggestions = true
		ti.SetSuggestions(f.Suggest)
	}
	// Set after the suggestions, so a field that already holds an answer
	// shows no completion until the user types.
	ti.SetValue(h.Text())
	ti.Focus()
	e.Input, e.ID = ti, f.ID
	e.Fresh = f.Replaces && ti.Value() != ""
}

// Typing reports whether the focused field is a text field holding text,
// where ? is a character.
func (e *Editor) Typing(f Field) bool {
	return e.ID == f.ID && e.Input.Value() != ""
}

// row is the start of a field's first line: the focus marker and the
// question, padded to the label column.
func (e *Editor) row(f Field, focused bool) string {
	st := e.Styles
	if focused {
		return st.Focused.Render("› ") + st.Focused.Render(Pad(f.Title, LabelWidth))
	}
	return "  " + st.Label.Render(Pad(f.Title, LabelWidth))
}

// valueWidth is the width of the value column of a form width cells wide.
func valueWidth(width int) int { return max(10, width-LabelWidth-3) }

// valueIndent starts the lines under a field's row in its value column.
var valueIndent = spaces(LabelWidth + 3)

// tail adds what follows a focused field's own lines: the host's lines,
// then the hint, indented as given.
func (e *Editor) tail(lines []string, f Field, at Place, indent string) []string {
	if !at.Focused {
		return lines
	}
	lines = append(lines, at.Under...)
	if f.Hint != "" {
		for _, l := range Wrap(f.Hint, at.Width, indent) {
			lines = append(lines, e.Styles.Hint.Render(l))
		}
	}
	return lines
}
