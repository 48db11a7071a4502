package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
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
	picker := huh.NewFilePicker().Title("Choose the " + strings.ToLower(f.q.title)).
		Description("enter opens a folder or chooses a file · backspace goes up · esc closes").
		AllowedTypes(f.browse).ShowPermissions(false).Picking(true).Height(max(3, m.bodyHeight()-4)).Value(&d.value)
	d.form = huh.NewForm(huh.NewGroup(picker))
	d.done = func() (string, bool) { return d.value, d.value != "" }
	d.answer = func(path string) tea.Cmd {
		if path != "" {
			m.focusID(f.id)
			m.applySet(f, path)
			m.inputID = "" // the editor reloads the field
		}
		return nil
	}
	m.open(d)
}
