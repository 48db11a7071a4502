package tui

import (
	"os"
	"testing"
)

// The picker shows a name holding an escape escaped, and ctrl+d hands on
// the real name: read from the drawing with its styles stripped, the
// name lost its own escape too, and the folder chosen did not exist
// (issue 22). TestPickerChoosesTheRealName failed before.
func TestPickerChoosesTheRealName(t *testing.T) {
	odd := "a\x1b[31mtf"
	dir := chdirWith(t, map[string]string{"stack.json": "{}"})
	if err := os.Mkdir(odd, 0o755); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	if err := os.WriteFile(dir+"/"+odd+"/main.tf", []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	var read []string
	m := sized(New(nil, Options{Import: fakeImport(&read)}))
	m.choose(fieldByID(t, m, "start.choice"), "import")
	m.focusID("start.import")
	press(t, m, "ctrl+o") // a\x1b[31mtf, stack.json
	contains(t, screen(m), `a\x1b[31mtf`)
	press(t, m, "ctrl+d")
	if got := m.mode["start.import"]; got != odd || m.dialog != nil {
		t.Fatalf("ctrl+d chose %q (picker open %v: %s), want the folder's real name %q", got, m.dialog != nil, screen(m), odd)
	}
}
