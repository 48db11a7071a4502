package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/store"
)

// busyDrafts is the file system with the draft held by another running
// session: its lock is refused.
type busyDrafts struct{ store.OS }

func (busyDrafts) Drafts() store.Drafts { return busyLock{store.OS{}.Drafts()} }

type busyLock struct{ store.Drafts }

func (busyLock) Lock(string) (func(), error) { return nil, store.ErrLocked }

// A second session on a draft another session holds neither overwrites nor
// removes it, and says that its own answers are not kept.
func TestDraftHeldByAnotherSessionIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.yaml")
	theirs := []byte("version: 1\nsecret:\n  secretId: theirs/one\n")
	if err := os.WriteFile(draft, theirs, 0o600); err != nil {
		t.Fatal(err)
	}
	answers := append([]string{"new"}, secretAnswers("prod/db")[1:]...)
	res, err := RunAccessible(nil, Options{DraftPath: draft, Files: busyDrafts{}}, lines(answers...), &strings.Builder{})
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	if !strings.Contains(err.Error(), "not kept") || strings.Contains(err.Error(), "are in the draft") {
		t.Errorf("error %q claims the answers were kept", err)
	}
	if res.Draft != "" || !strings.Contains(res.DraftError, "another secretsmith session") {
		t.Errorf("Result.Draft = %q, DraftError = %q", res.Draft, res.DraftError)
	}
	if got, _ := os.ReadFile(draft); string(got) != string(theirs) {
		t.Errorf("the other session's draft became %q", got)
	}
}

// A draft that cannot be saved is reported, and the session does not claim
// the answers were kept.
func TestUnsavableDraftIsReported(t *testing.T) {
	dir := t.TempDir()
	// The state directory cannot be made: its parent is a file (a mode
	// would not stop root, which the tests may run as).
	blocker := filepath.Join(dir, "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(blocker, "secretsmith", "draft.yaml")
	answers := append(secretAnswers("prod/db"), "", "", "y")
	res, err := RunAccessible(nil, Options{DraftPath: draft}, lines(answers...), &strings.Builder{})
	if !errors.Is(err, ErrInputEnded) || !strings.Contains(err.Error(), "not kept") {
		t.Errorf("RunAccessible = %v, want ErrInputEnded saying the answers were not kept", err)
	}
	if res.Draft != "" || res.DraftError == "" {
		t.Errorf("Result.Draft = %q, DraftError = %q; want no draft and the reason", res.Draft, res.DraftError)
	}
}

// A draft planted as a symlink is not offered, so its target is never read
// or quoted back.
func TestSymlinkedDraftIsNotOffered(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere.yaml")
	if err := os.WriteFile(target, []byte("version: 1\nsecret:\n  secretId: from/target\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(dir, "draft.yaml")
	if err := os.Symlink(target, draft); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	RunAccessible(nil, Options{DraftPath: draft}, strings.NewReader("resume\n"), &out)
	if strings.Contains(out.String(), "Resume the saved draft") || strings.Contains(out.String(), "from/target") {
		t.Errorf("the symlinked draft was offered or read:\n%s", out.String())
	}
}

// The quit screen promises the draft only when this session can save it.
func TestQuitScreenPromisesOnlyAKeepableDraft(t *testing.T) {
	dir := t.TempDir()
	m := sized(New(nil, Options{DraftPath: filepath.Join(dir, "draft.yaml"), Files: busyDrafts{}, NoColor: true}))
	press(t, m, "ctrl+c")
	if s := screen(m); strings.Contains(s, "are kept in the draft") || !strings.Contains(s, "cannot be kept") {
		t.Errorf("quit screen with the draft held elsewhere:\n%s", s)
	}
	m = sized(New(nil, Options{DraftPath: filepath.Join(dir, "mine.yaml"), NoColor: true}))
	defer m.Close()
	press(t, m, "ctrl+c")
	if s := screen(m); !strings.Contains(strings.Join(strings.Fields(s), " "), "are kept in the draft") {
		t.Errorf("quit screen with a draft it can save:\n%s", s)
	}
}

// A private key pasted into Description, or a token as a tag value, is
// refused on screen and never reaches the draft: anyone who may describe
// or list secrets reads both in plain text. Both were only warned and
// stayed in the draft (issue 22's second trial).
func TestDraftKeepsNoCredentialInDescriptionOrTag(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	m.focusID("secret.description")
	send(t, m, tea.PasteMsg{Content: "-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA1b2c3d4e5f6 -----END RSA PRIVATE KEY-----"})
	contains(t, strings.Join(strings.Fields(screen(m)), " "), "✗ holds a PEM private key (not shown)")
	m.d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"}, {Key: "team", Value: "payments"}}
	m.refresh()
	data := savedDraftText(t, m, path)
	if strings.Contains(data, "MIIE") || strings.Contains(data, "eyJ") {
		t.Errorf("the draft holds the refused credential:\n%.600s", data)
	}
	if d, _ := readDraft(t, path); len(d.Secret.Tags) != 2 || d.Secret.Tags[1].Value != "payments" {
		t.Errorf("the draft's tags: %+v, want owner emptied and team kept", d.Secret.Tags)
	}
}
