package tui

import (
	"strings"
	"testing"
)

// The file picker draws every file name safe: huh draws names as they
// are, and a file named with an escape (a colour), or a byte that is not
// UTF-8, reached the terminal raw, colouring the dialog and shifting its
// border (issue 22's third trial).
func TestFilePickerNamesAreSafe(t *testing.T) {
	chdirWith(t, map[string]string{
		"evil\x1b[31mred.yaml": "version: 1\n",
		"bad\xffname.yaml":     "version: 1\n",
		"plain.yaml":           "version: 1\n",
	})
	m := onOpenFile(t)
	press(t, m, "ctrl+o")
	if !m.asking("pick") {
		t.Fatalf("ctrl+o did not open the file picker:\n%s", screen(m))
	}
	raw := m.View().Content
	if strings.Contains(raw, "evil\x1b[31m") || strings.Contains(raw, "\xff") {
		t.Errorf("a file name reached the terminal raw:\n%q", raw)
	}
	s := screen(m)
	for _, want := range []string{`evil\x1b[31mred.yaml`, `bad\xffname.yaml`, "plain.yaml"} {
		contains(t, s, want)
	}
}
