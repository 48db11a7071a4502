package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// B8: a draft.yaml that is a symbolic link is said on the Start screen,
// before any answer, in the wizard's words: the wizard has no --force.
func TestSymlinkedDraftSaidOnStart(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(precious, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "secretsmith")
	if err := os.Mkdir(state, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(state, "draft.yaml")
	if err := os.Symlink(precious, link); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: link}))
	defer m.Close()
	s := m.draft.unsaved("")
	for _, want := range []string{"your answers will not be saved", "is a symbolic link", "remove it"} {
		if !strings.Contains(s, want) {
			t.Errorf("the Start screen says %q, not %q", s, want)
		}
	}
	if strings.Contains(s, "--force") {
		t.Errorf("the wizard's words name --force, a flag it does not have: %s", s)
	}
	if scr := screen(m); !strings.Contains(scr, "symbolic") || !strings.Contains(scr, "XDG_STATE_HOME") {
		t.Errorf("the Start screen does not say the draft is a symbolic link:\n%s", screen(m))
	}
}
