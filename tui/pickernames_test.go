package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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

// Issue 22's last trial: a long name with an escaped control byte was
// cut at the window's edge with "…" in the middle of its escape, and two
// long names alike but for their ends looked the same; when the picker
// wrapped such a name, its escape reached the terminal raw, since the
// name was no longer whole in the drawing to be escaped. A long name is
// drawn whole, wrapped, every escape in one piece, whatever the width.
func TestFilePickerLongNamesWrapWhole(t *testing.T) {
	files := map[string]string{}
	for n := 40; n <= 80; n += 3 {
		files[strings.Repeat("a", n)+"\x1b[31mred-"+strconv.Itoa(n)+".yaml"] = "version: 1\n"
	}
	files[strings.Repeat("b", 90)+"\u202eend-one.yaml"] = "version: 1\n"
	files[strings.Repeat("b", 90)+"\u202eend-two.yaml"] = "version: 1\n"
	chdirWith(t, files)
	for _, width := range []int{72, 81, 100, 133} {
		m := onOpenFile(t)
		send(t, m, tea.WindowSizeMsg{Width: width, Height: 60})
		press(t, m, "ctrl+o")
		raw := m.View().Content
		if strings.Contains(raw, "\x1b[31mred") || strings.Contains(raw, "\u202e") {
			t.Errorf("width %d: a file name's escape reached the terminal raw:\n%q", width, raw)
		}
		var pane []string
		for _, l := range strings.Split(screen(m), "\n") {
			l, _, _ = strings.Cut(l, "│")
			pane = append(pane, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "┃")))
		}
		s := strings.Join(pane, "\n")
		if strings.Contains(s, "…") {
			t.Errorf("width %d: a name is cut short:\n%s", width, s)
		}
		// Whole escapes: as many as there are names that hold one.
		if got, want := strings.Count(s, `\x1b`), 14; got != want {
			t.Errorf("width %d: %d whole \\x1b escapes on screen, want %d:\n%s", width, got, want, s)
		}
		joined := strings.ReplaceAll(s, "\n", "")
		for _, end := range []string{`\u202eend-one.yaml`, `\u202eend-two.yaml`, `\x1b[31mred-40.yaml`, `\x1b[31mred-79.yaml`} {
			if !strings.Contains(joined, end) {
				t.Errorf("width %d: %s is not drawn whole:\n%s", width, end, s)
			}
		}
	}
}

// A link's target, which huh draws after the link's name when it is
// highlighted, is escaped as names are.
func TestFilePickerLinkTargetsAreSafe(t *testing.T) {
	dir := chdirWith(t, map[string]string{"plain.yaml": "version: 1\n"})
	other := filepath.Join(t.TempDir(), "evil\x1b[31mdir")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "t.yaml"), []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "t.yaml"), filepath.Join(dir, "a-link.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	m := onOpenFile(t)
	send(t, m, tea.WindowSizeMsg{Width: 240, Height: 30})
	press(t, m, "ctrl+o")
	if raw := m.View().Content; strings.Contains(raw, "evil\x1b[31m") {
		t.Errorf("a link's target reached the terminal raw:\n%q", raw)
	}
	contains(t, screen(m), `evil\x1b[31mdir`)
}
