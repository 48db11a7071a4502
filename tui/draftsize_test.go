package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// trial7b V8: a paste of megabytes the Description refuses ("must be at
// most 2048 characters") never reaches the draft, so the draft stays one
// the next session can resume, the other answers in it. Before, the draft
// grew to 2 MB and resuming it failed "file too large": every answer lost.
// TestRefusedHugePasteNeverReachesTheDraft failed before.
func TestRefusedHugePasteNeverReachesTheDraft(t *testing.T) {
	m, path := keptSession(t)
	m.focusID("secret.description")
	send(t, m, tea.PasteMsg{Content: strings.Repeat("A", 2_000_000)})
	contains(t, strings.Join(strings.Fields(screen(m)), " "), "must be at most 2048 characters")
	m.saveDraft()
	if fi, err := os.Stat(path); err != nil || fi.Size() > designfile.MaxFileSize {
		t.Fatalf("the draft is %v bytes (%v), more than a draft may hold", fi.Size(), err)
	}
	d := loadDraft(t, path)
	if d.Secret.SecretID != "prod/kept" || d.Secret.Description != "" {
		t.Errorf("the draft holds Secret Id %q and a description of %d bytes; want prod/kept and none", d.Secret.SecretID, len(d.Secret.Description))
	}
}

// A value too long for a draft that no field's drop covers is not saved
// either: the save is refused, said, and the last draft saved stays (a
// draft the wizard writes is always one it can read back).
func TestDraftPastTheReadersLimitKeepsTheLastSave(t *testing.T) {
	m, path := keptSession(t)
	m.saveDraft()
	m.d.Secret.GenerateSecretString = &blueprint.GenerateSecretString{ExcludeCharacters: strings.Repeat("B", designfile.MaxFileSize+1)}
	m.saveDraft()
	if _, problem := m.draft.kept(); !strings.Contains(problem, "at most 1048576") {
		t.Errorf("the refused save says %q, want the draft's limit named", problem)
	}
	if d := loadDraft(t, path); d.Secret.SecretID != "prod/kept" {
		t.Errorf("the draft holds %q, want the last save (prod/kept)", d.Secret.SecretID)
	}
}

// A draft too large to read (written by an earlier version, or by hand) is
// not offered and not lost: Start says it cannot be resumed, and the first
// save moves it, byte for byte, to draft.unreadable.yaml. Before, the move
// read it first, failed "file too large", and no save ever happened.
func TestTooLargeDraftIsKeptAside(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	body := "version: 1\nsecret:\n  secretId: prod/big\n  description: " + strings.Repeat("A", designfile.MaxFileSize) + "\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	s := strings.Join(strings.Fields(formText(m)), " ")
	if strings.Contains(s, "Resume the") {
		t.Errorf("Start offers a draft too large to read:\n%s", screen(m))
	}
	contains(t, s, "cannot be resumed")
	startFreshAndSave(t, m, path)
	if kept, err := os.ReadFile(unreadablePath(path)); err != nil || string(kept) != body {
		t.Errorf("the draft too large to read was not kept aside as it was (%d bytes, %v)", len(kept), err)
	}
}

// keptSession is a fresh session with a draft, on Secret, its Secret Id
// prod/kept, and the draft's path.
func keptSession(t *testing.T) (*Model, string) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	t.Cleanup(m.Close)
	press(t, m, "enter")
	typeText(t, m, "prod/kept")
	return m, path
}

// startFreshAndSave goes on from Start past a draft that cannot be
// resumed, answers the Secret Id and saves: the draft then holds the new
// answer, whatever was kept aside.
func startFreshAndSave(t *testing.T, m *Model, path string) {
	t.Helper()
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	typeText(t, m, "new/two")
	m.saveDraft()
	if d := loadDraft(t, path); d.Secret.SecretID != "new/two" {
		t.Errorf("the draft holds %q, want new/two", d.Secret.SecretID)
	}
}
