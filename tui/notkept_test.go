package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Issue 22's trial (trial8a W6): a JSON template holding a password is
// refused and left out of the draft, but the quit dialog promised "Your
// answers are kept" and the resumed wizard showed the field empty without
// a word. Both now say what was not kept, by its label.
func TestDraftSaysWhatItDidNotKeep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path, NoColor: true}))
	press(t, m, "enter")
	m.focusID("secret.generateSecretString.secretStringTemplate")
	send(t, m, tea.PasteMsg{Content: `{"username":"svc","password":"hunter2"}`})
	m.saveDraft()
	press(t, m, "ctrl+c")
	if !m.asking("quit") {
		t.Fatalf("no quit dialog:\n%s", screen(m))
	}
	scr := m.dialog.desc
	contains(t, scr, "Your answers are kept")
	contains(t, scr, `Not kept: JSON template (its key "password"), since it may be secret material.`)
	if strings.Contains(scr, "hunter2") {
		t.Errorf("the dialog shows the refused value:\n%s", screen(m))
	}
	m.Close()
	saved := readFile(t, path)

	m = sized(New(nil, Options{DraftPath: path, NoColor: true}))
	press(t, m, "enter")
	if m.step == stepStart {
		t.Fatalf("the draft did not resume:\n%s", screen(m))
	}
	contains(t, m.status, `not kept from the last session: JSON template (its key "password") (it may be secret material)`)
	contains(t, screen(m), "not kept from the last session")

	m.Close()

	// Line mode says it too, of the same draft (the resumed session
	// saved its own, which left nothing out).
	if err := os.WriteFile(path, []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if _, err := RunAccessible(nil, Options{DraftPath: path}, lines("resume"), &out); !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	contains(t, out.String(), `note: not kept from the last session: JSON template (its key "password")`)

	// A draft that kept everything says nothing of the kind.
	m2 := sized(New(nil, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml"), NoColor: true}))
	defer m2.Close()
	press(t, m2, "enter")
	m2.saveDraft()
	press(t, m2, "ctrl+c")
	if scr := m2.dialog.desc; !m2.asking("quit") || strings.Contains(scr, "Not kept") {
		t.Errorf("the dialog says something was not kept of a draft that keeps everything:\n%s", scr)
	}
}
