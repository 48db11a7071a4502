package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// A path field (the design file to open, a template to import) stays a
// text field, so a path can be typed or pasted, and browse attaches a huh
// v2 FilePicker to it: ctrl+o on the field opens the picker in place of
// the step, rooted at the working directory and showing the files of the
// given types, and the file chosen fills the field. esc closes the picker
// and leaves the field as it was.

// browseKey opens the file picker on a path field.
var browseKey = key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "browse"))

// browse makes f a path field with a file picker for files ending in one
// of types (".yaml", ".yml").
func browse(f field, types ...string) field {
	f.browse = types
	f.q.hint += "; ctrl+o browses"
	return f
}

// openPicker opens the file picker of the path field f.
func (m *Model) openPicker(f field) {
	d := &dialog{id: "pick", waits: true}
	what := strings.ToLower(f.q.title)
	title := "Choose the " + what
	picker := huh.NewFilePicker().Title(title).
		Description("enter opens a folder or chooses a file · backspace goes up · esc closes").
		AllowedTypes(f.browse).ShowPermissions(false).Picking(true).Cursor(pickerCursor).
		Height(max(3, m.bodyHeight()-4)).Value(&d.value)
	d.form = huh.NewForm(huh.NewGroup(refusingPicker{picker, func(view string) {
		d.note = highlighted(view, title) + " is not a " + what + ": choose a " + joinTypes(f.browse) + " file"
	}}))
	d.done = func() (string, bool) { return d.value, d.value != "" }
	d.answer = func(path string) tea.Cmd {
		if path != "" {
			m.focusID(f.id)
			m.applySet(f, path)
			m.ed.Forget() // the editor reloads the field
		}
		return nil
	}
	m.open(d)
}

// refusingPicker is huh's FilePicker, noticing when it refuses a file of
// another type. huh sets its error for that on the key and clears it in
// the same update (its Group updates every field again with an internal
// message, and FilePicker.Update starts by clearing the error), so the
// form never shows it; refused gets the picker's drawing at that moment,
// and the dialog shows its own message until the next key (dialog.note).
type refusingPicker struct {
	*huh.FilePicker
	refused func(view string)
}

// Update is huh's, and calls refused when the key chose a file the picker
// does not allow.
func (p refusingPicker) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	_, cmd := p.FilePicker.Update(msg)
	if _, ok := msg.(tea.KeyPressMsg); ok && p.FilePicker.Error() != nil {
		p.refused(p.FilePicker.View())
	}
	return p, cmd
}

// pickerCursor marks the highlighted file in the picker's list.
const pickerCursor = ">"

// highlighted is the name of the file highlighted in view, the picker's
// drawing under title: huh does not say which file it refused, and its
// list draws the highlighted one as the cursor, a space and the name, at
// the column where the title starts (the other rows start with a space
// instead of the cursor). It is "the file" when the drawing does not show
// it, such as a title wrapped in a narrow window.
func highlighted(view, title string) string {
	lines := strings.Split(ansi.Strip(view), "\n")
	for i, l := range lines {
		at := strings.Index(l, title)
		if at < 0 {
			continue
		}
		mark := l[:at] + pickerCursor + " "
		for _, l := range lines[i+1:] {
			if name, ok := strings.CutPrefix(l, mark); ok {
				name, _, _ = strings.Cut(name, " → ") // a symlink's target
				if name = strings.TrimRight(name, " "); name != "" {
					return name
				}
			}
		}
		break
	}
	return "the file"
}

// joinTypes lists file types as a sentence does: ".yaml, .yml or .tf".
func joinTypes(types []string) string {
	if len(types) < 2 {
		return strings.Join(types, "")
	}
	return strings.Join(types[:len(types)-1], ", ") + " or " + types[len(types)-1]
}
