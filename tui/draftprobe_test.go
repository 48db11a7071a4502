package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/store"
)

// wrappedFS is the file system as the wizard hands it over (wrapped, as
// workflow.DesignFS does): not store.OS itself.
type wrappedFS struct{ store.FS }

// trial7b V3: a draft.yaml the save cannot replace (a directory) is said
// on the Start screen, with the file system the wizard passes, not only
// after the first keystroke. Before, the probe ran for store.OS alone.
// TestStartSaysTheDraftCannotBeSaved failed before.
func TestStartSaysTheDraftCannotBeSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secretsmith", "draft.yaml")
	if err := os.MkdirAll(path, 0o700); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: path, Files: wrappedFS{store.OS{}}}))
	defer m.Close()
	s := strings.Join(strings.Fields(formText(m)), " ")
	contains(t, s, "your answers will not be saved")
	contains(t, strings.ReplaceAll(s, " ", ""), "draft.yamlisadirectory")
}

// trial7b V17: with HOME a directory that does not exist, the wizard makes
// neither HOME nor anything below it, and Start says the answers will not
// be saved. Before, it made all of HOME/.local/state/secretsmith without a
// word. TestMissingHomeIsNotMade failed before.
func TestMissingHomeIsNotMade(t *testing.T) {
	home := filepath.Join(t.TempDir(), "nonexistent", "home")
	m := sized(New(nil, Options{DraftPath: DraftPath("relative/dir", home), DraftRoot: DraftRoot("relative/dir", home)}))
	defer m.Close()
	s := strings.Join(strings.Fields(formText(m)), " ")
	contains(t, s, "your answers will not be saved")
	contains(t, strings.ReplaceAll(s, " ", ""), "doesnotexist")
	press(t, m, "enter")
	typeText(t, m, "prod/x")
	m.saveDraft()
	if _, err := os.Stat(filepath.Dir(home)); err == nil {
		t.Errorf("%s was made", filepath.Dir(home))
	}
	// Below a HOME that exists, the state directory is made.
	home = t.TempDir()
	if got := DraftRoot("", home); got != home {
		t.Errorf("DraftRoot without XDG_STATE_HOME = %q, want HOME", got)
	}
	if got := DraftRoot("/state", home); got != "" {
		t.Errorf("DraftRoot with XDG_STATE_HOME = %q, want none (the specification has it made)", got)
	}
	m2 := sized(New(nil, Options{DraftPath: DraftPath("", home), DraftRoot: home}))
	defer m2.Close()
	press(t, m2, "enter")
	typeText(t, m2, "prod/y")
	m2.saveDraft()
	if d := loadDraft(t, DraftPath("", home)); d.Secret.SecretID != "prod/y" {
		t.Errorf("the draft below an existing HOME holds %q", d.Secret.SecretID)
	}
}
