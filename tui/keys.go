package tui

import "charm.land/bubbles/v2/key"

// keyMap lists every key the wizard answers to. Text fields get all other
// keys, so nothing here may be a printable character that a value can hold,
// except "?" which opens help only where typing it makes no sense.
type keyMap struct {
	Next, Prev        key.Binding
	Up, Down          key.Binding
	Enter             key.Binding
	Back              key.Binding
	Toggle            key.Binding
	Left, Right       key.Binding
	Help              key.Binding
	HelpKey           key.Binding
	Preview           key.Binding
	Checklist         key.Binding
	Quit              key.Binding
	Yes, No           key.Binding
	Delete, Duplicate key.Binding
	MoveUp, MoveDown  key.Binding
	PageUp, PageDown  key.Binding
	// Complete takes the completion shown after the cursor; it is → so
	// that tab keeps moving between fields, as everywhere else. The next
	// match is the textinput's own ctrl+n: its ↑/↓ and ctrl+p move the
	// focus and open the preview here.
	Complete key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Up:        key.NewBinding(key.WithKeys("up")),
		Down:      key.NewBinding(key.WithKeys("down")),
		Enter:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Toggle:    key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "toggle")),
		Left:      key.NewBinding(key.WithKeys("left")),
		Right:     key.NewBinding(key.WithKeys("right")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "why")),
		HelpKey:   key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "why")),
		Preview:   key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "preview")),
		Checklist: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "checklist")),
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y")),
		No:        key.NewBinding(key.WithKeys("n", "N", "esc")),
		Delete:    key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete")),
		Duplicate: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		MoveUp:    key.NewBinding(key.WithKeys("K", "alt+up"), key.WithHelp("K/J", "move")),
		MoveDown:  key.NewBinding(key.WithKeys("J", "alt+down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown")),
		Complete:  key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "complete")),
	}
}
