package tui

import (
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/tui/form"
)

// A dialog is a question the wizard asks before something that cannot be
// undone (quitting, replacing a saved draft, writing over files) or to
// fill a field from a list (the file picker). On the screens it is a huh
// v2 form drawn in place of the step: a Confirm for two answers, a Select
// for more, or a form of its own (filepicker.go). Line mode asks the same
// dialog as one line (accessible.go), so both modes ask the same
// questions with the same answers.
//
// huh moves between fields and ends a form through commands (NextField,
// then the next group), so a form is only known to be done a few messages
// after the key that finished it. The wizard does not wait for that: a
// choice dialog's answer keys (enter, the answers' words, esc, ctrl+c) are
// taken by the model and answer in the very Update of the key, and huh is
// left the keys that move between answers. A file picker is answered the
// moment its value is set, which huh does in the Update of the key that
// chose the file. Keys that arrive while a dialog that waits (the file
// picker reading its directory) has commands out are held, and handed on
// in order once they are back, so a fast typist or a test's driver sees
// the same thing a slow one does.
type dialog struct {
	// id names the dialog for tests and the key line: "quit", "draft",
	// "overwrite", "pick".
	id          string
	title, desc string
	// choices are the answers, the first the affirmative one of a
	// Confirm; nil for a dialog with its own form.
	choices []choice
	// value is the answer the form shows as chosen; it starts as the
	// default.
	value string
	// cancel answers esc (a file picker's "" leaves its field as it
	// was); interrupt answers ctrl+c, and when it is empty ctrl+c answers
	// cancel and then asks whether to quit.
	cancel, interrupt string
	// answer carries out the answer; it may open another dialog.
	answer func(value string) tea.Cmd
	// waits holds keys while the form's commands are out.
	waits bool
	// done reports the answer of a dialog with its own form, once the
	// form has one.
	done func() (string, bool)

	// note is a message of the model's shown under the form until the
	// next key: the file picker's refusal of a file of another type,
	// which huh clears before it is drawn (refusingPicker).
	note string

	// describe sets the description of a choice dialog's field, wrapped
	// to the form's width.
	describe func(string)
	// resize gives a dialog with its own form the form's new height:
	// huh's group passes a height only down, to a field taller than it,
	// so a file picker shrunk by a resize never grew again.
	resize func(height int)

	form    *huh.Form
	gen     int
	pending int
	// lines is the form as drawn at the end of the last Update: huh
	// draws by changing its own state, which View must not do.
	lines []string
	keys  []key.Binding
}

// choice is one answer of a dialog; word is what answers it from the
// keyboard and in line mode.
type choice struct{ value, label, word string }

// dialogMsg carries the message of one of a dialog's commands back to the
// form that made it; gen tells a closed dialog's late messages apart.
type dialogMsg struct {
	gen int
	msg tea.Msg
}

// open shows d. The form's first commands go out with the Update that
// opened it (takeDialogCmd).
func (m *Model) open(d *dialog) {
	if d.form == nil {
		d.form = huh.NewForm(huh.NewGroup(d.field()))
	}
	// Ending the form must not end the program: the answer does what is
	// needed.
	d.form.SubmitCmd, d.form.CancelCmd = nil, nil
	d.form.WithShowHelp(false).WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	m.dialogGen++
	d.gen = m.dialogGen
	m.dialog, m.held = d, nil
	m.resizeDialog()
	m.dialogCmd = tea.Batch(m.dialogCmd, m.wrap(d.form.Init()))
}

// field is the huh field of a choice dialog, bound to d.value.
func (d *dialog) field() huh.Field {
	if len(d.choices) == 2 {
		c := huh.NewConfirm().Title(d.title).
			Affirmative(d.choices[0].label + " (" + d.choices[0].word + ")").
			Negative(d.choices[1].label + " (" + d.choices[1].word + ")").
			Accessor(confirmValue{d})
		d.describe = func(s string) { c.Description(s) }
		return c
	}
	opts := make([]huh.Option[string], len(d.choices))
	for i, c := range d.choices {
		opts[i] = huh.NewOption(c.label+" ("+c.word+")", c.value)
	}
	sel := huh.NewSelect[string]().Title(d.title).Options(opts...).Value(&d.value)
	d.describe = func(s string) { sel.Description(s) }
	return sel
}

// wrapText wraps each paragraph of s with the wizard's wrap, which never
// breaks inside a path or an ARN as huh's wrapping does.
func wrapText(s string, width int) string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p == "" {
			out = append(out, "")
			continue
		}
		out = append(out, form.Wrap(p, width, "")...)
	}
	return strings.Join(out, "\n")
}

// confirmValue lets a Confirm's yes or no be the first or second choice.
type confirmValue struct{ d *dialog }

func (c confirmValue) Get() bool { return c.d.value == c.d.choices[0].value }
func (c confirmValue) Set(yes bool) {
	c.d.value = c.d.choices[1].value
	if yes {
		c.d.value = c.d.choices[0].value
	}
}

// takeDialogCmd returns the commands of a dialog opened during this Update.
func (m *Model) takeDialogCmd() tea.Cmd {
	cmd := m.dialogCmd
	m.dialogCmd = nil
	return cmd
}

// wrap tags a command of the open dialog's form, so its message goes back
// to that form and the dialog knows how many are out.
func (m *Model) wrap(cmd tea.Cmd) tea.Cmd {
	d := m.dialog
	if cmd == nil || d == nil {
		return nil
	}
	d.pending++
	gen := d.gen
	return func() tea.Msg { return dialogMsg{gen, cmd()} }
}

// resizeDialog gives the form the room of the form column. It is set,
// not sent as a tea.WindowSizeMsg: a file picker given one would take
// the whole window's height for its list.
func (m *Model) resizeDialog() {
	d := m.dialog
	if d == nil {
		return
	}
	w := m.formWidth()
	if d.describe != nil {
		// Within the form's border and padding.
		d.describe(wrapText(d.desc, w-dialogFrame))
	}
	d.form.WithWidth(w).WithHeight(max(4, m.bodyHeight()))
	if d.resize != nil {
		d.resize(m.bodyHeight())
	}
}

// relayoutMsg makes the open dialog's form draw itself again: huh keeps
// a group's view until its next update, so after a resize the text it
// drew for the old width showed cut at the new edge ("kept in the dra").
type relayoutMsg struct{}

// relayoutDialog draws the open dialog again at the size resizeDialog
// gave it.
func (m *Model) relayoutDialog() tea.Cmd {
	d := m.dialog
	if d == nil {
		return nil
	}
	_, cmd := d.form.Update(relayoutMsg{})
	return m.wrap(cmd)
}

// dialogFrame is the width of the form's left border and padding (huh's
// Charm theme), and a cell to spare.
const dialogFrame = 3

var cmdsType = reflect.TypeFor[[]tea.Cmd]()

// dialogMsg hands a message of the form's commands to the form. Batches
// and sequences are opened so each command in them is tagged; Bubble
// Tea's own requests (a window size) go to the program untouched.
func (m *Model) dialogMsg(dm dialogMsg) tea.Cmd {
	d := m.dialog
	if d == nil || dm.gen != d.gen {
		return nil
	}
	d.pending--
	var cmd tea.Cmd
	switch msg := dm.msg.(type) {
	case nil:
	case tea.BatchMsg:
		cmd = m.wrapAll(msg, tea.Batch)
	default:
		v := reflect.ValueOf(msg)
		switch {
		case v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdsType):
			// tea.Sequence's message, which is not exported.
			cmd = m.wrapAll(v.Convert(cmdsType).Interface().([]tea.Cmd), tea.Sequence)
		case strings.HasPrefix(reflect.TypeOf(msg).PkgPath(), "charm.land/bubbletea/"):
			cmd = func() tea.Msg { return msg }
		default:
			var next tea.Cmd
			_, next = d.form.Update(msg)
			cmd = tea.Batch(m.wrap(next), m.dialogAnswered())
		}
	}
	if m.dialog == d && d.pending == 0 && len(m.held) > 0 {
		cmd = tea.Batch(cmd, m.replayHeld())
	}
	return cmd
}

func (m *Model) wrapAll(cmds []tea.Cmd, join func(...tea.Cmd) tea.Cmd) tea.Cmd {
	out := make([]tea.Cmd, len(cmds))
	for i, c := range cmds {
		out[i] = m.wrap(c)
	}
	return join(out...)
}

// dialogKey is a key while a dialog is open.
func (m *Model) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	d := m.dialog
	d.note = ""
	interrupt := key.Matches(msg, m.keys.Quit)
	if m.tooSmall() && !interrupt && (!m.asking("quit") || msg.Text == "") {
		// The dialog is not on screen; only the quit question is, as a
		// line that names its words.
		return nil
	}
	if d.waits && d.pending > 0 && !interrupt {
		m.held = append(m.held, msg)
		return nil
	}
	switch {
	case interrupt && d.interrupt != "":
		return m.finish(d.interrupt)
	case interrupt:
		cmd := m.finish(d.cancel)
		if m.dialog == nil {
			m.askQuit()
		}
		return cmd
	case key.Matches(msg, m.keys.Back):
		return m.finish(d.cancel)
	case d.choices != nil && key.Matches(msg, m.keys.Enter):
		return m.finish(d.value)
	case d.choices != nil && msg.Text != "":
		for _, c := range d.choices {
			if strings.EqualFold(msg.Text, c.word) {
				return m.finish(c.value)
			}
		}
		return nil
	case d.choices != nil && !key.Matches(msg, choiceMoves):
		// Only moving between answers is huh's: its tab would end the
		// form without an answer being given.
		return nil
	}
	_, cmd := d.form.Update(msg)
	return tea.Batch(m.wrap(cmd), m.dialogAnswered())
}

// choiceMoves are the keys a choice dialog hands to its huh field.
var choiceMoves = key.NewBinding(key.WithKeys("left", "right", "up", "down", "home", "end"))

// dialogAnswered finishes a dialog with its own form once the form has
// set its answer, and any dialog whose form huh has ended.
func (m *Model) dialogAnswered() tea.Cmd {
	d := m.dialog
	if d == nil {
		return nil
	}
	if d.done != nil {
		if v, ok := d.done(); ok {
			return m.finish(v)
		}
	}
	switch d.form.State {
	case huh.StateCompleted:
		if d.done == nil {
			return m.finish(d.value)
		}
		return m.finish(d.cancel)
	case huh.StateAborted:
		return m.finish(d.cancel)
	}
	return nil
}

// finish closes the dialog with an answer, carries it out, and hands on
// the keys held while it waited.
func (m *Model) finish(value string) tea.Cmd {
	d := m.dialog
	m.dialog = nil
	held := m.held
	m.held = nil
	cmd := d.answer(value)
	for _, k := range held {
		m.settle() // as between two Updates
		cmd = tea.Batch(cmd, m.handle(k))
	}
	return cmd
}

// replayHeld hands the held keys to the dialog, in order, now that its
// commands are back.
func (m *Model) replayHeld() tea.Cmd {
	held := m.held
	m.held = nil
	var cmd tea.Cmd
	for _, k := range held {
		m.settle()
		cmd = tea.Batch(cmd, m.handle(k))
	}
	return cmd
}

// settleDialog draws the open dialog's form for View.
func (m *Model) settleDialog() {
	d := m.dialog
	if d == nil {
		return
	}
	// The file picker's names are made safe in its own View, before
	// keepSGR, which cannot tell a colour a name holds from the form's.
	s := keepSGR(d.form.View())
	if m.opts.NoColor {
		s = ansi.Strip(s)
	}
	d.lines = strings.Split(strings.TrimRight(s, "\n"), "\n")
	if d.note != "" {
		d.lines = withNote(d.lines, m.markerLines(d.note, m.formWidth(), "  "))
	}
	d.keys = nil
	if d.choices == nil {
		seen := map[string]bool{}
		for _, b := range d.form.KeyBinds() {
			// huh lists enter twice (open, submit) and esc twice.
			if h := b.Help().Key; b.Enabled() && !seen[h] && h != "esc" {
				seen[h] = true
				d.keys = append(d.keys, b)
			}
		}
	}
}

// withNote puts note under the last row of the form that shows anything,
// in place of the blank rows huh pads the form's height with, so the form
// keeps its height and the note is not cut off below it.
func withNote(lines, note []string) []string {
	last := len(lines) - 1
	for last >= 0 && strings.Trim(ansi.Strip(lines[last]), " ┃│") == "" {
		last--
	}
	out := append(slices.Clone(lines[:last+1]), note...)
	if pad := len(lines) - len(out); pad > 0 {
		out = append(out, lines[len(lines)-pad:]...)
	}
	return out
}

// dialogNeed is dialogHelp's keys, the one needed most first: a
// question's answer keys before how to move and answer, so a narrow line
// never leaves out an answer (at 60 columns the draft question lost "b go
// back").
func (m *Model) dialogNeed() helpKeys {
	keys := m.dialogHelp()
	if m.dialog.choices == nil {
		return keys
	}
	return append(slices.Clone(keys[2:]), keys[1], keys[0]) // enter before ↑/↓
}

// dialogHelp is the key line while a dialog is open.
func (m *Model) dialogHelp() helpKeys {
	d := m.dialog
	if d.choices == nil {
		return append(helpKeys(d.keys), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")))
	}
	move := key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose"))
	if len(d.choices) > 2 {
		move = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")) // a Select
	}
	ks := helpKeys{move,
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "answer"))}
	for _, c := range d.choices {
		ks = append(ks, key.NewBinding(key.WithKeys(c.word), key.WithHelp(c.word, strings.ToLower(c.label))))
	}
	return ks
}

// asking reports whether the dialog id is open.
func (m *Model) asking(id string) bool { return m.dialog != nil && m.dialog.id == id }

// askQuit asks whether to quit, saying what is kept. A second ctrl+c
// quits. On the Start screen before any answer was saved, nothing is
// kept and the draft offered there is left as it was, as a StopMsg and
// line mode leave it.
func (m *Model) askQuit() {
	desc := "Nothing has been written."
	if m.answersKept() {
		desc += m.draft.promise() + m.notKept()
	}
	m.open(&dialog{
		id: "quit", title: "Quit the wizard?", desc: desc,
		choices: []choice{{"quit", "Quit", "y"}, {"stay", "Keep going", "n"}},
		value:   "stay", cancel: "stay", interrupt: "quit",
		answer: func(v string) tea.Cmd {
			if v != "quit" {
				return nil
			}
			if m.answersKept() {
				m.saveDraft()
			}
			m.result.Aborted = true
			return tea.Quit
		},
	})
}

// askDeleteStatement asks before statement i is deleted (d on its row):
// its answers cannot be got back, and d is one key away from c, which
// copies it.
func (m *Model) askDeleteStatement(i int) {
	m.open(&dialog{
		id: "delete", title: "Delete this statement?",
		desc:    shown(statementSummary(m.d.ResourcePolicy.Statements[i])) + "\n\nIts answers cannot be got back.",
		choices: []choice{{"delete", "Delete", "y"}, {"keep", "Keep it", "n"}},
		value:   "keep", cancel: "keep",
		answer: func(v string) tea.Cmd {
			if v == "delete" {
				m.deleteStatement(i)
			}
			return nil
		},
	})
}

// mustAskDraft reports whether continuing from Start must first ask what
// becomes of the saved draft: there was one when this session began, the
// user chose something other than resuming it, and it has not been asked.
func (m *Model) mustAskDraft() bool {
	// A draft that cannot be resumed is kept aside without asking: going
	// back to resume it is no way out, and Start's hint said where it goes.
	return m.step == stepStart && m.startChoice != "resume" && m.draft.earlier && m.draft.broken == nil && m.draft.aside == "" && !m.draftAnswered
}

// askDraft asks, when a session that did not resume the saved draft goes
// on from Start, whether to keep that draft aside (draft.previous.yaml),
// discard it, or go back (issue 11: a new design must not silently
// replace it). Its first save would otherwise replace the draft.
func (m *Model) askDraft() {
	path, aside := m.opts.DraftPath, asidePath(m.opts.DraftPath)
	desc := "The draft of an earlier session is saved at " + shown(path) + ", and this design's answers will be saved there. " +
		"Keep the earlier draft aside at " + shown(aside) + ", discard it, or go back (to resume it)?"
	if m.draft.files.Drafts().Exists(aside) {
		desc += " Keeping it aside replaces the draft kept there before."
	}
	m.open(&dialog{
		id: "draft", title: "Keep the saved draft?", desc: desc,
		choices: []choice{{"aside", "Keep it aside", "k"}, {"discard", "Discard it", "d"}, {"back", "Go back", "b"}},
		value:   "aside", cancel: "back",
		answer: func(v string) tea.Cmd {
			switch v {
			case "aside":
			case "discard":
				// The first save replaces it, with nothing kept.
				m.draft.earlier = false
			default:
				m.focusID("start.choice")
				return nil
			}
			m.draftAnswered = true
			m.advance()
			return nil
		},
	})
}

// ExistingFiles is the error a WriteFunc returns when files it would
// write exist and force is off, naming every one of them: the review then
// asks whether to replace them, naming each, and writes again with force
// on a yes, instead of refusing.
type ExistingFiles struct{ Paths []string }

func (e *ExistingFiles) Error() string {
	return "refusing to overwrite " + strings.Join(e.Paths, ", ") + ": turn Overwrite on to replace them"
}

// Is makes ExistingFiles a store.ErrExists.
func (e *ExistingFiles) Is(target error) bool { return target == store.ErrExists }

// askOverwrite asks before the write replaces files that exist.
func (m *Model) askOverwrite(paths []string) {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = shown(p)
	}
	what, they, holds := "this file", "it", "it holds"
	if len(paths) > 1 {
		what, they, holds = "these files", "them", "they hold"
	}
	m.open(&dialog{
		id: "overwrite", title: "Replace " + what + "?",
		desc:    strings.Join(names, "\n") + "\n\nWhat " + holds + " now is lost.",
		choices: []choice{{"replace", "Replace", "y"}, {"keep", "Keep " + they, "n"}},
		value:   "keep", cancel: "keep",
		answer: func(v string) tea.Cmd {
			if v == "replace" {
				m.writeFiles(true)
				return nil
			}
			m.status = "nothing written: choose another Write to path, or replace " + they
			for _, p := range paths {
				if strings.HasSuffix(p, ".design.yaml") && p != m.outputPath() {
					// The design file goes beside the templates: another
					// path in the same directory meets it again.
					m.status = "nothing written: " + shown(p) + ", the design file, goes beside the templates; choose a Write to path in another directory, or replace " + they
					break
				}
			}
			m.focusID("review.output")
			return nil
		},
	})
}

// keepSGR escapes, in a form huh has drawn, everything SafeText would
// except the colour and style sequences the form's theme writes (ESC [
// params m, with the params keepSGRParams allows). A file picker draws the
// names in the directory as they are, and a file name may hold any byte
// but / and NUL, escape sequences too; conceal, blink and every other
// sequence are shown escaped.
func keepSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := sgrLen(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\n' || !blueprint.NeedsEscape(r) && r != 0x1b && !(r == utf8.RuneError && size == 1) {
			b.WriteString(s[i : i+size])
		} else {
			b.WriteString(blueprint.SafeText(s[i : i+size]))
		}
		i += size
	}
	return b.String()
}

// sgrLen is the length of the allowed SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	end := strings.IndexByte(s, 'm')
	if end < 0 || !keepSGRParams(s[2:end]) {
		return 0
	}
	return end + 1
}

// keepSGRParams allows a reset, bold, faint, italic, underline, reverse,
// their resets, and colours: what huh's themes and lipgloss write.
func keepSGRParams(p string) bool {
	ps := strings.Split(p, ";")
	for i := 0; i < len(ps); i++ {
		switch ps[i] {
		case "", "0", "1", "2", "3", "4", "7", "22", "23", "24", "27", "39", "49":
		case "38", "48":
			switch {
			case i+2 < len(ps) && ps[i+1] == "5" && digits(ps[i+2]):
				i += 2
			case i+4 < len(ps) && ps[i+1] == "2" && digits(ps[i+2]) && digits(ps[i+3]) && digits(ps[i+4]):
				i += 4
			default:
				return false
			}
		default:
			n, err := strconv.Atoi(ps[i])
			if err != nil || !(n >= 30 && n <= 37 || n >= 40 && n <= 47 || n >= 90 && n <= 97 || n >= 100 && n <= 107) {
				return false
			}
		}
	}
	return true
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// designFile is the design file this session started from: the one given
// to New (--design), opened on the Start screen, or opened by the session
// whose draft was resumed; "" for a new design or an import. The design
// is written back into it.
func (m *Model) designFile() string {
	if m.opts.DesignFile != "" {
		return m.opts.DesignFile
	}
	if m.startChoice == "open" && m.loaded["open"] {
		return m.mode["start.file"]
	}
	if m.startChoice == "resume" && m.loaded["resume"] {
		return m.resumedFrom
	}
	return ""
}

// resolved is path from the root, joined to the working directory when it
// is relative (as it stays when the directory is not known).
func (m *Model) resolved(path string) string {
	if !filepath.IsAbs(path) && m.opts.Dir != "" {
		path = filepath.Join(m.opts.Dir, path)
	}
	return filepath.Clean(path)
}

// askOutside asks, default no, before writing to an output path that leaves
// the directory the design belongs to: that of the design file the session
// started from, or the working directory for a design without one (a new
// design, a resumed draft, an import), when it is known. A design from elsewhere (its
// output.path absolute, or climbing out with ..), or a path typed that
// leads out, must not write there without a word, as 'secretsmith generate'
// says where it writes. The question names the path resolved from the
// root. A yes holds for that path; choosing another one asks again if it
// leaves too.
func (m *Model) askOutside() bool {
	design, out := m.designFile(), m.outputPath()
	if m.outsideOK == out || design == "" && m.opts.Dir == "" {
		return false
	}
	base, title, from := ".", "Write outside the working directory?", "the working directory "+shown(m.opts.Dir)
	if design != "" {
		base, title, from = filepath.Dir(design), "Write outside the design file's directory?", "the directory of "+shown(design)
	}
	rel, err := filepath.Rel(m.resolved(base), m.resolved(out))
	if err == nil && filepath.IsLocal(rel) {
		return false
	}
	m.open(&dialog{
		id: "outside", title: title,
		desc: "The output path leads out of " + from + ". The files would be written to\n" +
			shown(m.resolved(out)) + "\n\nCheck that this is where you want them.",
		choices: []choice{{"write", "Write there", "y"}, {"cancel", "Do not write", "n"}},
		value:   "cancel", cancel: "cancel",
		answer: func(v string) tea.Cmd {
			if v == "write" {
				m.outsideOK = out
				m.write()
				return nil
			}
			m.status = "nothing written: choose another Write to path, or answer yes to write there"
			m.focusID("review.output")
			return nil
		},
	})
	return true
}
