package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Every binding the key line shows has keys: bubbles' help leaves out a
// disabled or unbound one without a word, and its help text would vanish.
func TestKeyHelpBindingsShow(t *testing.T) {
	k := defaultKeys()
	m := sized(New(nil, Options{}))
	m.askQuit()
	for name, h := range map[string]helpKeys{"form": k.formHelp(false, false), "text": k.formHelp(true, true), "number": k.formHelp(false, true), "quit": m.dialogHelp(), "overlay": k.overlayHelp(false), "overlay scrolling": k.overlayHelp(true), "done": k.doneHelp(true)} {
		for _, b := range h {
			if !b.Enabled() || b.Help().Key == "" || b.Help().Desc == "" {
				t.Errorf("%s help: binding %q (keys %v) would not show", name, b.Help().Key, b.Keys())
			}
		}
	}
	if got := k.doneHelp(false)[0].Help().Desc; got != "quits" || k.Enter.Help().Desc != "next" {
		t.Errorf("doneHelp changed the key map's Enter: %q, %q", got, k.Enter.Help().Desc)
	}
}

// The key line follows the mode, and a narrow one leaves out whole items
// from the end, marked with an ellipsis, instead of cutting a word.
func TestKeyHelpLine(t *testing.T) {
	last := func(m *Model) string {
		lines := strings.Split(screen(m), "\n")
		return lines[len(lines)-1]
	}
	m := sized(New(nil, Options{}))
	if got, want := last(m), "tab/↑↓ move · enter next · ctrl+g continue · esc back · ? why · ctrl+c quit · ctrl+p preview …"; got != want {
		t.Errorf("form key line = %q, want %q", got, want)
	}
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if got, want := last(m), "tab/↑↓ move · enter next · ctrl+g continue · esc back · ? why · ctrl+c quit · ctrl+p preview · ctrl+t checklist …"; got != want {
		t.Errorf("form key line at 120 columns = %q, want %q", got, want)
	}
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	press(t, m, "ctrl+c")
	if got, want := last(m), "←/→ choose · enter answer · y quit · n keep going"; got != want {
		t.Errorf("quit key line = %q, want %q", got, want)
	}
	press(t, m, "n", "f1")
	if got, want := last(m), "any key closes"; got != want {
		t.Errorf("help screen key line = %q, want %q", got, want)
	}
	press(t, m, "esc")
	send(t, m, tea.WindowSizeMsg{Width: 75, Height: 24})
	if got, want := last(m), "tab/↑↓ move · enter next · ctrl+g continue · esc back · ? why …"; got != want {
		t.Errorf("key line at 75 columns = %q, want %q", got, want)
	}
}

// At every width the key line leaves out whole items, marked, and never
// runs past the edge: bubbles' help adds an item that does not fit when
// the ones before it leave no room for the ellipsis (at 75 columns the
// line was cut to "ctrl+c qui…").
func TestKeyHelpLineNeverCut(t *testing.T) {
	m := sized(New(nil, Options{NoColor: true}))
	full := m.keyLineOf(m.fields(), 1000)
	for w := MinWidth; w <= 140; w++ {
		got := m.keyLineOf(m.fields(), w)
		if n := lipgloss.Width(got); n > w {
			t.Errorf("key line at %d columns is %d wide: %q", w, n, got)
		}
		if rest := strings.TrimSuffix(got, " …"); !strings.HasPrefix(full, rest) || rest != full && !strings.HasPrefix(full, rest+" · ") {
			t.Errorf("key line at %d columns cuts an item: %q", w, got)
		}
	}
}
