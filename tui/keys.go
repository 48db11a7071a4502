package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"github.com/secretsmith/secretsmith/tui/form"
)

// keyMap lists every key the wizard answers to. Text fields get all other
// keys, so nothing here may be a printable character that a value can hold,
// except "?" which opens help only where typing it makes no sense.
type keyMap struct {
	// Keys are the keys of the fields' kinds: moving between fields,
	// enter, toggling, ←/→, and → taking a completion.
	form.Keys
	Back              key.Binding
	Help              key.Binding
	HelpKey           key.Binding
	Preview           key.Binding
	Checklist         key.Binding
	Access            key.Binding
	Quit              key.Binding
	Delete, Duplicate key.Binding
	MoveUp, MoveDown  key.Binding
	PageUp, PageDown  key.Binding
	// Continue goes to the step's Continue button (the statement
	// editor's way back, the review's Write button), and from there on:
	// ctrl+g, a key that neither a text field nor its textinput takes.
	Continue key.Binding
	// Clear is the textinput's own ctrl+u, which deletes the text before
	// the cursor; it is listed so a prefilled value is known to be easy
	// to replace.
	Clear key.Binding
	// CopyDeploy, on the Done screen, copies the deploy command to the
	// terminal's clipboard (OSC 52): that command only, never a value.
	CopyDeploy key.Binding
	// Move and Close are only shown in the key help: Move stands for
	// Next, Prev, Up and Down, and Close for every key, since any key
	// closes the help screen.
	Move, Close key.Binding
	// Scroll and CloseOther are the help screen's keys when its page is
	// longer than the screen.
	Scroll, CloseOther key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Keys: form.Keys{
			Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
			Up:     key.NewBinding(key.WithKeys("up")),
			Down:   key.NewBinding(key.WithKeys("down")),
			Enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
			Toggle: key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "toggle")),
			Left:   key.NewBinding(key.WithKeys("left")),
			Right:  key.NewBinding(key.WithKeys("right")),
			// Complete takes the completion shown after the cursor; it
			// is → so that tab keeps moving between fields, as
			// everywhere else. The next match is the textinput's own
			// ctrl+n: its ↑/↓ and ctrl+p move the focus and open the
			// preview here.
			Complete: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "complete")),
		},
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Continue:  key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "continue")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		HelpKey:   key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help")),
		Preview:   key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "preview")),
		Checklist: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "checklist")),
		Access:    key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "who reads")),
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Delete:    key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "deletes")),
		// Duplicate is +, not c: c is Done's copy (CopyDeploy), and one
		// key means one thing on every screen (issue 22: c duplicated a
		// statement on the list and copied the command on Done).
		Duplicate:  key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "duplicates")),
		MoveUp:     key.NewBinding(key.WithKeys("K", "alt+up"), key.WithHelp("K/J", "move")),
		MoveDown:   key.NewBinding(key.WithKeys("J", "alt+down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown")),
		Clear:      key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
		CopyDeploy: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy the deploy command")),
		Move:       key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab/↑↓", "move")),
		Close:      key.NewBinding(key.WithKeys("esc", "enter", "?", "f1"), key.WithHelp("any key", "closes")),
		Scroll:     key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑↓ pgup/pgdown", "scroll")),
		CloseOther: key.NewBinding(key.WithKeys("esc", "enter", "?", "f1"), key.WithHelp("any other key", "closes")),
	}
}

// helpKeys is one line of key help; it is a help.KeyMap whose full help is
// the same line.
type helpKeys []key.Binding

func (h helpKeys) ShortHelp() []key.Binding  { return h }
func (h helpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{h} }

// formKeys is the key line under a step's form, in the order it is drawn
// (line), and the same keys, the one the user needs most first (need): a
// line too narrow for all of them keeps those first, whole (fitKeys). In a
// text field where ? is a character (inText: Model.questionMarkIsText)
// the line names f1 for help, elsewhere ?; the choice is made here once,
// for both. In any text field that holds text (clears) ctrl+u, which
// clears what is before the cursor, comes right after Quit. The keys that
// move through a step and out of it come first (Continue among them: a
// step can have a dozen fields before its Continue button), then help and
// Quit, then the panes' keys. Help and Quit are needed most: the help page
// lists every key (pageKeys), so what the line leaves out is one key away.
func (k keyMap) formKeys(inText, clears bool) (line, need helpKeys) {
	why := k.Help
	if inText {
		why = k.HelpKey
	}
	line = helpKeys{k.Move, k.Enter, k.Continue, k.Back, why, k.Quit}
	if clears {
		line = append(line, k.Clear)
	}
	return append(line, k.Preview, k.Checklist, k.Access), helpKeys{why, k.Quit, k.Continue, k.Move, k.Back, k.Enter, k.Clear, k.Preview, k.Checklist, k.Access}
}

// pageKeys are the keys the help page lists, of the screen it is opened
// from: every key of that screen's key line (formKeys, doneHelp), whatever
// the width left out, with both help keys, then the keys every screen
// answers to that its line leaves out. Built from the line, the page
// cannot list another screen's keys: Done's listed the form's (enter
// next, ctrl+g continue, esc back, ctrl+u clear), which do nothing or
// something else there, and left out its c (trial 6a's A10).
func (k keyMap) pageKeys(done, canCopy bool) helpKeys {
	h := key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("? or f1", "this help (f1 where ? is text)"))
	line := k.doneHelp(canCopy)
	if done {
		h.SetHelp("? or f1", "this help") // Done has no text field
	} else {
		line, _ = k.formKeys(false, true)
	}
	clr := k.Clear
	clr.SetHelp("ctrl+u", "clear a text field")
	var page helpKeys
	listed := func(b key.Binding) bool {
		return slices.ContainsFunc(page, func(c key.Binding) bool { return c.Help().Key == b.Help().Key })
	}
	for _, b := range append(line, h, k.Quit, k.Preview, k.Checklist, k.Access) {
		switch b.Help().Key {
		case k.Help.Help().Key:
			b = h
		case k.Clear.Help().Key:
			b = clr
		}
		if !listed(b) {
			page = append(page, b)
		}
	}
	return page
}

// fitKeys is keys, in their order, less those that do not fit in w cells
// with sep between items: it takes them in the order of need (a key of need
// not in keys is passed over) and stops at the first that does not fit,
// so a line leaves out whole items, never part of one, and never the ones
// needed most. The items' cells are counted as drawn: "key desc".
func fitKeys(keys, need helpKeys, w int, sep string) helpKeys {
	name := func(b key.Binding) string { return b.Help().Key + " " + b.Help().Desc }
	take := map[string]bool{}
	used := 0
	for _, b := range need {
		n := name(b)
		if !slices.ContainsFunc(keys, func(c key.Binding) bool { return name(c) == n }) {
			continue
		}
		add := form.LineWidth(n)
		if used > 0 {
			add += form.LineWidth(sep)
		}
		if used+add > w {
			break
		}
		take[n], used = true, used+add
	}
	var out helpKeys
	for _, b := range keys {
		if take[name(b)] {
			out = append(out, b)
		}
	}
	return out
}

// overlayHelp is the key line under the help screen; a page longer than
// the screen scrolls, and then any other key closes it.
func (k keyMap) overlayHelp(scrolls bool) helpKeys {
	if scrolls {
		return helpKeys{k.Scroll, k.CloseOther}
	}
	return helpKeys{k.Close}
}

// rowHint is the statement list's hint, its row keys named from their
// bindings, so the hint, its help page and the keys cannot disagree.
func (k keyMap) rowHint() string {
	parts := []string{"enter edits"}
	for _, b := range []key.Binding{k.Delete, k.Duplicate, k.MoveUp} {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

// doneHelp is the key line of the Done screen, where enter ends the
// program and, when there is a deploy command, c copies it.
func (k keyMap) doneHelp(canCopy bool) helpKeys {
	enter := k.Enter
	enter.SetHelp("enter", "quits")
	if canCopy {
		return helpKeys{enter, k.CopyDeploy}
	}
	return helpKeys{enter}
}

// newHelp draws key help in the wizard's key style, with the separator the
// rest of the wizard uses between items.
func newHelp(st *styles) help.Model {
	h := help.New()
	h.ShortSeparator = " · "
	h.Styles = help.Styles{ShortKey: st.keys.Style, ShortDesc: st.keys.Style, ShortSeparator: st.keys.Style, Ellipsis: st.keys.Style,
		FullKey: st.keys.Style, FullDesc: st.keys.Style, FullSeparator: st.keys.Style}
	return h
}
