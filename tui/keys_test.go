package tui

import (
	"path/filepath"
	"slices"
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
	line := func(inText, clears bool) helpKeys { l, _ := k.formKeys(inText, clears); return l }
	for name, h := range map[string]helpKeys{"form": line(false, false), "text": line(true, true), "number": line(false, true), "quit": m.dialogHelp(), "overlay": k.overlayHelp(false), "overlay scrolling": k.overlayHelp(true), "done": k.doneHelp(true)} {
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

// The key line follows the mode, and a narrow one leaves out whole items,
// keeping the ones needed most, instead of cutting a word or ending in an
// ellipsis.
func TestKeyHelpLine(t *testing.T) {
	last := func(m *Model) string {
		lines := strings.Split(screen(m), "\n")
		return lines[len(lines)-1]
	}
	m := sized(New(nil, Options{}))
	if got, want := last(m), "tab/↑↓ move · enter next · ctrl+g continue · esc back · ? help · ctrl+c quit · ctrl+p preview"; got != want {
		t.Errorf("form key line = %q, want %q", got, want)
	}
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if got, want := last(m), "tab/↑↓ move · enter next · ctrl+g continue · esc back · ? help · ctrl+c quit · ctrl+p preview · ctrl+t checklist"; got != want {
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
	if got, want := last(m), "tab/↑↓ move · ctrl+g continue · esc back · ? help · ctrl+c quit"; got != want {
		t.Errorf("key line at 75 columns = %q, want %q", got, want)
	}
}

// At every width the key line fits, ends in no ellipsis and leaves out
// whole items only, never help or quit (issue 22's second trial: at 60
// and 80 columns it was cut with "…", and at 60 "? why" and "ctrl+c quit"
// were among what it left out). What it leaves out is on the help page.
func TestKeyHelpLineNeverCut(t *testing.T) {
	m := sized(New(nil, Options{NoColor: true}))
	k := m.keys
	for _, inText := range []bool{false, true} {
		full, _ := k.formKeys(inText, inText)
		items := make([]string, len(full))
		for i, b := range full {
			items[i] = b.Help().Key + " " + b.Help().Desc
		}
		help := "? help"
		if inText {
			help = "f1 help"
		}
		for w := MinWidth; w <= 140; w++ {
			got := m.keyHelp(keyLineKey{width: w, inText: inText, clears: inText}, w)
			if n := lipgloss.Width(got); n > w {
				t.Errorf("key line at %d columns is %d wide: %q", w, n, got)
			}
			if strings.Contains(got, "…") {
				t.Errorf("key line at %d columns ends in an ellipsis: %q", w, got)
			}
			at := 0
			for _, it := range strings.Split(got, " · ") {
				i := slices.Index(items[at:], it)
				if i < 0 {
					t.Errorf("key line at %d columns has %q, not a whole item in the line's order: %q", w, it, got)
					break
				}
				at += i + 1
			}
			for _, want := range []string{help, "ctrl+c quit", "ctrl+g continue"} {
				if !strings.Contains(got, want) {
					t.Errorf("key line at %d columns leaves out %q: %q", w, want, got)
				}
			}
		}
	}
	// The help page names every key, those a narrow line leaves out too.
	send(t, m, tea.WindowSizeMsg{Width: 60, Height: 40})
	press(t, m, "?")
	page := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{"ctrl+p preview", "ctrl+t checklist", "ctrl+r who reads", "ctrl+u clear", "esc back", "enter next"} {
		if !strings.Contains(page, want) {
			t.Errorf("the help page at 60 columns does not name %q:\n%s", want, screen(m))
		}
	}
}

// Issue 11, item 9: where ? is text, the key line names f1 for help.
func TestKeyLineNamesF1InText(t *testing.T) {
	m := onSecret(t)
	m.focusID("secret.description")
	lines := strings.Split(screen(m), "\n")
	contains(t, lines[len(lines)-1], "? help")
	typeText(t, m, "which db?")
	lines = strings.Split(screen(m), "\n")
	last := lines[len(lines)-1]
	contains(t, last, "f1 help")
	if strings.Contains(last, "? help") {
		t.Errorf("the key line offers ? in a field where ? is typed: %q", last)
	}
	if m.d.Secret.Description != "which db?" {
		t.Errorf("? was not typed: %q", m.d.Secret.Description)
	}
}

// A question's key line keeps every answer at the narrowest width: the
// draft question's line ("↑/↓ choose · enter answer · k keep it aside ·
// d discard it · b go back") is 71 cells, and at 60 columns it lost
// "b go back", the answer that resumes the draft.
func TestDialogKeyLineKeepsAnswers(t *testing.T) {
	m := sized(New(nil, Options{NoColor: true, DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	defer m.Close()
	send(t, m, tea.WindowSizeMsg{Width: MinWidth, Height: 24})
	for name, open := range map[string]func(){"draft": m.askDraft, "quit": m.askQuit} {
		open()
		got := m.keyHelp(keyLineKey{}, MinWidth)
		for _, c := range m.dialog.choices {
			if want := c.word + " " + strings.ToLower(c.label); !strings.Contains(got, want) {
				t.Errorf("%s question at %d columns: the key line %q leaves out %q", name, MinWidth, got, want)
			}
		}
		// Then enter, before how to move: ↑/↓ is what a list shows anyway.
		if want := "enter answer · k keep it aside · d discard it · b go back"; name == "draft" && got != want {
			t.Errorf("draft question at %d columns: the key line is %q, want %q", MinWidth, got, want)
		}
		m.dialog = nil
	}
}

// The help page's list of keys breaks between keys, each line ending in
// its separator: at 60 columns "esc back ·" was one cell too wide, and
// its "·" stood alone on the next line; an item longer than the room its
// line had left did the same (a longer wording of the f1 item broke so at
// 90 and 91 columns). At every width from 40 to 200, with the keys' own
// words and with longer ones, a "·" never starts a line or stands alone,
// no line is wider than the page, and the lines read back as the list.
func TestHelpPageKeysBreakBetweenKeys(t *testing.T) {
	long := []struct{ name, desc string }{
		{"", ""},
		{"preview", "show the template being built beside the form, scrolled with pgup and pgdown"},
		{"checklist", "the blueprint checklist"},
		{"who reads", "who can read the secret, and why, from the resource policy and the key's policy"},
	}
	for _, l := range long {
		m := sized(New(nil, Options{NoColor: true}))
		switch l.name {
		case "preview":
			m.keys.Preview.SetHelp("ctrl+p", l.desc)
		case "checklist":
			m.keys.Checklist.SetHelp("ctrl+t", l.desc)
		case "who reads":
			m.keys.Access.SetHelp("ctrl+r", l.desc)
		}
		var items []string
		for _, b := range m.keys.pageKeys(false, false) {
			items = append(items, b.Help().Key+" "+b.Help().Desc)
		}
		want := "Keys: " + strings.Join(items, " · ")
		press(t, m, "f1")
		for w := 40; w <= 200; w++ {
			lines := m.helpLines(w)
			at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Keys:") })
			if at < 0 {
				t.Fatalf("at %d columns the help page has no Keys line:\n%s", w, strings.Join(lines, "\n"))
			}
			var read []string
			for _, line := range lines[at:] {
				if line = strings.TrimSpace(line); line == "·" || strings.HasPrefix(line, "·") || lipgloss.Width(line) > w {
					t.Errorf("%s at %d columns: the keys break badly: %q", l.name, w, line)
				}
				read = append(read, strings.TrimSuffix(line, " ·"))
			}
			if got := strings.Join(read, " · "); strings.ReplaceAll(got, " · ", " ") != strings.ReplaceAll(want, " · ", " ") {
				t.Errorf("%s at %d columns: the keys read %q, want %q", l.name, w, got, want)
			}
		}
	}
}

// esc, which the key line offers on every step, said nothing on the first
// and stayed: it says there is no earlier step (as line mode's < does).
func TestEscOnFirstStepSaysSo(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "esc")
	onStep(t, m, stepStart, "after esc")
	contains(t, screen(m), "there is no earlier step")
}
