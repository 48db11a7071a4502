package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
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
		// view's names are escaped (refused gets safeNames' drawing): the
		// note shows the name as the list does.
		d.note = highlighted(view, title) + " is not a " + what + ": choose a " + orList(f.browse) + " file"
	}}
	d.form = huh.NewForm(huh.NewGroup(p))
	p.height = max(3, m.bodyHeight()-4)
	d.resize = func(h int) { p.WithHeight(max(3, h-4)) }
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
	// width is the width the form gives the picker (WithWidth); View
	// draws it wider and wraps the lines itself (wrapWhole).
	width int
	// height is the height the form last gave the picker (WithHeight),
	// and grew says it grew since: huh's picker lowers the end of the
	// window of names it shows when its height shrinks, and raises it
	// only when it reads its directory again (issue 22's trial 7b: a
	// resize below the minimum size and back left the list empty).
	height int
	grew   bool
}

// WithHeight keeps the height the form gives the picker, noting when it
// grew.
func (p *refusingPicker) WithHeight(h int) huh.Field {
	if h > p.height {
		p.grew = true
	}
	p.height = h
	p.FilePicker.WithHeight(h)
	return p
}

// unwrappedWidth is the width huh draws the picker at for View and for
// reading the highlighted name: wide enough that no name wraps (a name is
// at most 255 bytes on the systems secretsmith runs on), so each entry is
// one line holding its name whole, to be escaped (safeNames) and read
// (highlightedName). huh wrapped a long name, and a name no longer whole
// in the drawing was not escaped: its escape reached the terminal.
const unwrappedWidth = 1024

// WithWidth keeps the width the form gives the picker.
func (p *refusingPicker) WithWidth(w int) huh.Field {
	p.width = w
	p.FilePicker.WithWidth(w)
	return p
}

// View is huh's drawing with every name escaped (safeNames) and whole,
// wrapped to the picker's width without cutting an escape in two: a
// long name is never cut short, so two names alike but for their ends
// never look the same.
func (p *refusingPicker) View() string {
	var out []string
	for _, l := range strings.Split(p.safeNames(p.unwrapped()), "\n") {
		out = append(out, wrapWhole(l, p.width)...)
	}
	return strings.Join(out, "\n")
}

// unwrapped is huh's drawing of the picker at unwrappedWidth, each line
// without the spaces that pad it to that width.
func (p *refusingPicker) unwrapped() string {
	p.FilePicker.WithWidth(unwrappedWidth)
	v := p.FilePicker.View()
	p.FilePicker.WithWidth(p.width)
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Update is huh's, and calls refused when the key chose a file the picker
// does not allow.
func (p *refusingPicker) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	if _, ok := msg.(relayoutMsg); ok && p.grew {
		// Read the directory again, which sets the window's end from
		// the height; the highlighted entry stays.
		p.grew = false
		return p, p.FilePicker.Init()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		// The highlighted entry before the key, as huh's picker sees it:
		// its real name, which the path needs, not the name as shown.
		name, named := p.highlightedEntry()
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
		p.refused(p.safeNames(p.unwrapped()))
	}
	return p, cmd
}

// safeNames puts, in view, each name of the picker's directory that a
// terminal would not show as it is (an escape, a bidirectional control, a
// byte that is not UTF-8), and each link's target, in its escaped form:
// huh draws names as they are, and a file named "evil\x1b[31m.yaml"
// coloured the dialog red.
func (p *refusingPicker) safeNames(view string) string {
	if p.namesDir != p.dir || p.unsafe == nil {
		p.namesDir, p.unsafe = p.dir, map[string]string{}
		entries, _ := os.ReadDir(p.dir)
		for _, e := range entries {
			names := []string{e.Name()}
			if e.Type()&os.ModeSymlink != 0 {
				// huh draws a link's target after it, as EvalSymlinks
				// gives it.
				if target, err := filepath.EvalSymlinks(filepath.Join(p.dir, e.Name())); err == nil {
					names = append(names, target)
				}
			}
			for _, n := range names {
				if blueprint.SafeLine(n) != n {
					p.unsafe[n] = blueprint.SafeLine(n)
				}
			}
		}
	}
	for raw, safe := range p.unsafe {
		view = strings.ReplaceAll(view, raw, safe)
	}
	return view
}

// highlightedEntry is the real name of the entry highlighted, as the
// directory holds it, and whether the drawing shows one. The name is read
// from the drawing with its names escaped (safeNames), where huh's own
// styling is all the escapes there are, and mapped back: read from the
// raw drawing, stripping styles also stripped a name's own escapes, and
// ctrl+d chose a path that does not exist (issue 22).
func (p *refusingPicker) highlightedEntry() (string, bool) {
	shown, ok := highlightedName(p.safeNames(p.unwrapped()), p.title)
	if !ok {
		return "", false
	}
	for raw, safe := range p.unsafe {
		if safe == shown {
			return raw, true
		}
	}
	return shown, true
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

// orList lists items as a sentence does: ".yaml, .yml or .tf".
func orList(types []string) string {
	if len(types) < 2 {
		return strings.Join(types, "")
	}
	return strings.Join(types[:len(types)-1], ", ") + " or " + types[len(types)-1]
}

// frameCells is the width of the left border and padding huh's Charm
// theme draws before each line of a field.
const frameCells = dialogFrame - 1

// unit is a piece of a drawn line that is never cut: a style sequence
// (no cells), an escape such as \x1b or \u202e, or a character.
type unit struct {
	s string
	w int
}

// escapeUnit matches an escape blueprint.SafeLine writes.
var escapeUnit = regexp.MustCompile(`^\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[abfnrtv])`)

// pickerUnits splits a line of huh's drawing into units.
func pickerUnits(line string) []unit {
	var us []unit
	for i := 0; i < len(line); {
		switch {
		case line[i] == 0x1b:
			n := 1
			if strings.HasPrefix(line[i:], "\x1b[") {
				n = 2
				for i+n < len(line) && !(line[i+n] >= 0x40 && line[i+n] <= 0x7e) {
					n++
				}
				n = min(n+1, len(line)-i)
			}
			us = append(us, unit{line[i : i+n], 0})
			i += n
		case line[i] == '\\' && escapeUnit.MatchString(line[i:]):
			e := escapeUnit.FindString(line[i:])
			us = append(us, unit{e, len(e)})
			i += len(e)
		default:
			_, n := utf8.DecodeRuneInString(line[i:])
			us = append(us, unit{line[i : i+n], form.Width(line[i : i+n])})
			i += n
		}
	}
	return us
}

// wrapWhole wraps line, a line of huh's drawing of the picker, to width
// cells, cutting only between units: at the last space when line is
// text (a description), or else where the width ends (a name, which has
// no better place). Each further line starts with the frame, under the
// name when line is an entry of the list (it starts with the cursor
// column), and with the styles in force; the line before ends them.
func wrapWhole(line string, width int) []string {
	if width <= frameCells+4 || form.Width(line) <= width {
		return []string{line}
	}
	units := pickerUnits(line)
	frame, cells, i := "", 0, 0
	for ; i < len(units) && cells < frameCells; i++ {
		frame += units[i].s
		cells += units[i].w
	}
	indent := ""
	for _, u := range units[i:] {
		if u.w > 0 {
			if u.s == pickerCursor || u.s == " " {
				indent = "  " // past the cursor and its space
			}
			break
		}
	}
	var out []string
	var cur []unit
	var styles []string // in force where cur starts
	lead, curW := "", 0 // lead is what a line starts with after the frame
	flush := func(k int) {
		out = append(out, frame+lead+join(cur[:k])+"\x1b[m")
		for _, u := range cur[:k] {
			if u.w == 0 {
				styles = withSGR(styles, u.s)
			}
		}
		cur = append([]unit(nil), cur[k:]...)
		lead = indent + strings.Join(styles, "")
		curW = 0
		for _, u := range cur {
			curW += u.w
		}
	}
	for _, u := range units[i:] {
		for u.w > 0 && curW > 0 && frameCells+form.Width(lead)+curW+u.w > width {
			k := len(cur)
			if indent == "" {
				for j := len(cur) - 1; j > 0; j-- {
					if cur[j].s == " " {
						k = j + 1
						break
					}
				}
			}
			flush(k)
		}
		cur = append(cur, u)
		curW += u.w
	}
	return append(out, frame+lead+join(cur))
}

// withSGR is the styles in force after the style sequence sgr.
func withSGR(styles []string, sgr string) []string {
	if sgr == "\x1b[m" || sgr == "\x1b[0m" {
		return nil
	}
	return append(styles, sgr)
}

func join(us []unit) string {
	var b strings.Builder
	for _, u := range us {
		b.WriteString(u.s)
	}
	return b.String()
}
