package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second draft that cannot be resumed is kept beside the first one kept
// before, never in its place: Start names the new place and says the old
// one stays, and after the first save both are there, byte for byte.
// Before, the second silently replaced draft.unreadable.yaml and the
// first broken draft's answers were lost (trial8b X8).
// TestSecondUnreadableDraftKeepsTheFirst failed before.
func TestSecondUnreadableDraftKeepsTheFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "draft.yaml")
	first, second := "# old broken draft KEEPME\n{{{", "version: 1\nsecret: [unclosed\n"
	for p, body := range map[string]string{unreadablePath(path): first, unreadableName(path, 2): "# second KEEPME\n{{{", path: second} {
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	s := strings.Join(strings.Fields(formText(m)), "")
	third := unreadableName(path, 3)
	contains(t, s, strings.ReplaceAll("keeps it, as it is, at "+third, " ", ""))
	contains(t, s, "whichstayastheyare")
	startFreshAndSave(t, m, path)
	for p, want := range map[string]string{unreadablePath(path): first, unreadableName(path, 2): "# second KEEPME\n{{{", third: second} {
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", filepath.Base(p), got, err, want)
		}
	}
}

// A name taken after Start said where the draft goes (here by a symbolic
// link, which is never written through) is passed over, not replaced.
func TestUnreadableDraftPassesOverATakenName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "draft.yaml")
	if err := os.WriteFile(path, []byte("{{{"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), unreadablePath(path)); err != nil {
		t.Fatal(err)
	}
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	typeText(t, m, "new/two")
	m.saveDraft()
	if got, err := os.ReadFile(unreadableName(path, 2)); err != nil || string(got) != "{{{" {
		t.Errorf("the unreadable draft was not kept at %s: %q, %v", unreadableName(path, 2), got, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "elsewhere")); err == nil {
		t.Error("the draft was written through the symbolic link")
	}
}
