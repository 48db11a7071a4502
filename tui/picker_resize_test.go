package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Shrinking the terminal below the minimum size while the file picker is
// open, and back, left its list empty for good: huh's picker lowers the
// end of its window when its height shrinks and never raises it again
// (issue 22's trial 7b, V21). After the resize the names are listed again.
func TestFilePickerListSurvivesATinyResize(t *testing.T) {
	pickerDir(t)
	m := onOpenFile(t)
	press(t, m, "ctrl+o")
	contains(t, screen(m), "a.yaml")
	send(t, m, tea.WindowSizeMsg{Width: 30, Height: 8})
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, name := range []string{"a.yaml", "notes.txt", "sub"} {
		contains(t, screen(m), name)
	}
	press(t, m, "down", "enter") // a.yaml, after the folder, as before
	if got := m.mode["start.file"]; got != "a.yaml" {
		t.Errorf("after the resize, down enter chose %q, want a.yaml:\n%s", got, screen(m))
	}
}
