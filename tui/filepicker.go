package tui

import (
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A path field (the design file to open, a template to import) stays a
// text field, so a path can be typed or pasted, and browse attaches a huh
// v2 FilePicker to it: ctrl+o on the field opens the picker in place of
// the step, rooted at the working directory and showing the files of the
// given types, and the file chosen fills the field. esc closes the picker
// and leaves the field as it was.
//
// huh's FilePicker chooses files only: enter opens a directory, and it
// checks a directory's name against the file types. A field that takes a
// directory too (a Terraform configuration) sets pickDir, and ctrl+d then
// chooses the highlighted directory when pickDir accepts it.

// browseKey opens the file picker on a path field.
var browseKey = key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "browse"))

// chooseDirKey chooses the highlighted directory in the file picker of a
// field that takes one. huh v2.0.3's picker keys are g, G, K, J, pgup,
// pgdown, h, l, j, k, the arrows, backspace, enter, esc, tab, shift+tab and
// ctrl+j/k/n/p, so ctrl+d takes nothing from it.
var chooseDirKey = key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "choose folder"))

// pickerOpen and pickerBack are huh's file picker keys that change the
// directory it shows. huh's default Back is disabled until the picker is
// picking (it enables its own copy), so the keys are taken, not the
// bindings.
var (
	pickerOpen = key.NewBinding(key.WithKeys(huh.NewDefaultKeyMap().FilePicker.Open.Keys()...))
	pickerBack = key.NewBinding(key.WithKeys(huh.NewDefaultKeyMap().FilePicker.Back.Keys()...))
)

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
	help := "enter opens a folder or chooses a file · backspace goes up · esc closes"
	if f.pickDir != nil {
		help = "enter opens a folder or chooses a file · ctrl+d chooses the highlighted folder · backspace goes up · esc closes"
	}
	picker := huh.NewFilePicker().Title(title).Description(help).
		AllowedTypes(f.browse).ShowPermissions(false).Picking(true).Cursor(pickerCursor).
		Height(max(3, m.bodyHeight()-4)).Value(&d.value)
	p := &refusingPicker{FilePicker: picker, title: title, dir: ".", refused: func(view string) {
		d.note = highlighted(view, title) + " is not a " + what + ": choose a " + joinTypes(f.browse) + " file"
	}}
	d.form = huh.NewForm(huh.NewGroup(p))
	d.names = p.safeNames
	if f.pickDir != nil {
		p.chooseDir = func(dir string) {
			if dir == "" {
				d.note = "no folder is highlighted: ctrl+d chooses the highlighted folder"
				return
			}
			if why := f.pickDir(dir); why != "" {
				d.note = why
				return
			}
			d.value = dir
		}
	}
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
//
// It also follows the directory the picker shows, which huh does not
// report: from the working directory, an open key on a highlighted
// directory goes into it and a back key goes up, as huh's picker does.
// With chooseDir set, ctrl+d hands it the highlighted entry's path, or
// "" when the drawing shows none.
type refusingPicker struct {
	*huh.FilePicker
	title     string
	dir       string
	refused   func(view string)
	chooseDir func(dir string)
	// unsafe maps the names of namesDir that need escaping to their
	// escaped form (safeNames).
	namesDir string
	unsafe   map[string]string
}

// Update is huh's, and calls refused when the key chose a file the picker
// does not allow.
func (p *refusingPicker) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		// The highlighted entry before the key, as huh's picker sees it.
		name, named := highlightedName(p.FilePicker.View(), p.title)
		path := filepath.Join(p.dir, name)
		isDir := false
		if named {
			fi, err := os.Stat(path) // a symlink to a directory opens too
			isDir = err == nil && fi.IsDir()
		}
		switch {
		case p.chooseDir != nil && key.Matches(k, chooseDirKey):
			if !named {
				// An empty folder, or a drawing too narrow to read the
				// highlighted name from: said, not silent.
				path = ""
			}
			p.chooseDir(path)
			return p, nil
		case key.Matches(k, pickerBack):
			p.dir = filepath.Dir(p.dir)
		case isDir && key.Matches(k, pickerOpen):
			p.dir = path
		}
	}
	_, cmd := p.FilePicker.Update(msg)
	if _, ok := msg.(tea.KeyPressMsg); ok && p.FilePicker.Error() != nil {
		p.refused(p.FilePicker.View())
	}
	return p, cmd
}

// safeNames puts, in view, each name of the picker's directory that a
// terminal would not show as it is (an escape, a bidirectional control, a
// byte that is not UTF-8) in its escaped form: huh draws names as they
// are, and a file named "evil\x1b[31m.yaml" coloured the dialog red.
func (p *refusingPicker) safeNames(view string) string {
	if p.namesDir != p.dir || p.unsafe == nil {
		p.namesDir, p.unsafe = p.dir, map[string]string{}
		entries, _ := os.ReadDir(p.dir)
		for _, e := range entries {
			if n := e.Name(); blueprint.SafeLine(n) != n {
				p.unsafe[n] = blueprint.SafeLine(n)
			}
		}
	}
	for raw, safe := range p.unsafe {
		view = strings.ReplaceAll(view, raw, safe)
	}
	return view
}

// KeyBinds adds ctrl+d to huh's keys when the picker chooses directories.
func (p *refusingPicker) KeyBinds() []key.Binding {
	keys := p.FilePicker.KeyBinds()
	if p.chooseDir != nil {
		keys = append(keys, chooseDirKey)
	}
	return keys
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
	if name, ok := highlightedName(view, title); ok {
		return name
	}
	return "the file"
}

// highlightedName is the name highlighted in view, and whether the
// drawing shows one.
func highlightedName(view, title string) (string, bool) {
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
					return name, true
				}
			}
		}
		break
	}
	return "", false
}

// joinTypes lists file types as a sentence does: ".yaml, .yml or .tf".
func joinTypes(types []string) string {
	if len(types) < 2 {
		return strings.Join(types, "")
	}
	return strings.Join(types[:len(types)-1], ", ") + " or " + types[len(types)-1]
}
