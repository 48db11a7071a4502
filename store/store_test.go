//go:build unix

package store

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

func writeFile(t *testing.T, path, body string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// Special files are refused as targets with force too, and a replaced file
// keeps its mode.
func TestWriteFileRules(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target")
	writeFile(t, target, "precious", 0o600)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	fdLink := filepath.Join(dir, "stdout")
	if err := os.Symlink("/proc/self/fd/1", fdLink); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, link, fdLink, dir} {
		if err := WriteFile(p, []byte("x"), true); !errors.Is(err, ErrNotRegular) {
			t.Errorf("WriteFile(%s, force) = %v, want ErrNotRegular", p, err)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
	if b, _ := os.ReadFile(target); string(b) != "precious" {
		t.Errorf("writing through the link changed the target to %q", b)
	}
	if err := WriteFile(target, []byte("new"), false); !errors.Is(err, ErrExists) {
		t.Errorf("WriteFile without force over a file = %v, want ErrExists", err)
	}
	if err := WriteFile(target, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("the replaced file is %v, want it to keep 0600", fi.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh")
	if err := WriteFile(fresh, []byte("x"), false); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("a new file is %v, want 0644", fi.Mode().Perm())
	}
}

// A temporary left by a killed write is removed by the next write.
func TestWriteFileRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, tmpPrefix+"t.yaml-123"), "half", 0o600)
	writeFile(t, filepath.Join(dir, ".t.yaml.tmp-456"), "half", 0o600)
	writeFile(t, filepath.Join(dir, ".other.tmp-1"), "not ours to judge", 0o600)
	if err := WriteFile(filepath.Join(dir, "t.yaml"), []byte("x"), false); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(names(t, dir), " "), ".other.tmp-1 t.yaml"; got != want {
		t.Errorf("directory holds %q, want %q", got, want)
	}
}

var oldSet = []File{{"main.tf", []byte("old main")}, {"outputs.tf", []byte("old outputs")}, {"variables.tf", []byte("old variables")}}
var newSet = []File{{"main.tf", []byte("new main")}, {"outputs.tf", []byte("new outputs")}, {"variables.tf", []byte("new variables")}}

// setIs reports which set dir holds: "old", "new", or "mixed".
func setIs(t *testing.T, dir string) string {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range newSet {
		b, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			return "missing " + f.Name
		}
		seen[strings.Fields(string(b))[0]] = true
	}
	if len(seen) != 1 {
		return "mixed"
	}
	for k := range seen {
		return k
	}
	return ""
}

// A set interrupted between two renames (as a kill would) is rolled forward
// by the next run, and no temporary is left behind.
func TestWriteSetAllOrNothingAcrossAKill(t *testing.T) {
	for stopAt := 0; stopAt < len(newSet)-1; stopAt++ {
		dir := t.TempDir()
		if _, err := WriteSet(dir, oldSet, false); err != nil {
			t.Fatal(err)
		}
		killed := errors.New("killed")
		afterRename = func(i int) error {
			if i == stopAt {
				return killed
			}
			return nil
		}
		_, err := WriteSet(dir, newSet, true)
		afterRename = nil
		if !errors.Is(err, killed) {
			t.Fatalf("WriteSet = %v, want the injected kill", err)
		}
		if got := setIs(t, dir); got != "mixed" {
			t.Fatalf("after the kill at rename %d the set is %s; the test did not interrupt it", stopAt, got)
		}
		if _, err := Recover(dir, setNames(newSet)); err != nil {
			t.Fatal(err)
		}
		if got := setIs(t, dir); got != "new" {
			t.Errorf("after recovery from a kill at rename %d the set is %s, want new", stopAt, got)
		}
		if got, want := strings.Join(names(t, dir), " "), "main.tf outputs.tf variables.tf"; got != want {
			t.Errorf("directory holds %q, want %q", got, want)
		}
	}
}

// A kill before the journal was written leaves the old set whole, and the
// next run removes the temporaries.
func TestWriteSetKilledBeforeTheJournalKeepsTheOldSet(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteSet(dir, oldSet, false); err != nil {
		t.Fatal(err)
	}
	// What a kill while the temporaries were written leaves.
	writeFile(t, filepath.Join(dir, tmpPrefix+"main.tf-1"), "new main", 0o644)
	writeFile(t, filepath.Join(dir, tmpPrefix+"outputs.tf-2"), "new out", 0o644)
	if _, err := Recover(dir, setNames(newSet)); err != nil {
		t.Fatal(err)
	}
	if got := setIs(t, dir); got != "old" {
		t.Errorf("the set is %s, want old", got)
	}
	if got, want := strings.Join(names(t, dir), " "), "main.tf outputs.tf variables.tf"; got != want {
		t.Errorf("directory holds %q, want %q", got, want)
	}
}

// Without force, a set whose file appears during the write leaves nothing.
func TestWriteSetRefusesWholly(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "outputs.tf"), "mine", 0o644)
	_, err := WriteSet(dir, newSet, false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("WriteSet = %v, want ErrExists", err)
	}
	// The refusal names the file by type, for each caller to word: it
	// does not speak of a flag that only one of them has.
	var exists *ExistsError
	if !errors.As(err, &exists) || strings.Join(exists.Paths, " ") != filepath.Join(dir, "outputs.tf") || strings.Contains(err.Error(), "--force") {
		t.Errorf("WriteSet = %v, want an *ExistsError naming outputs.tf alone and no flag", err)
	}
	if got, want := strings.Join(names(t, dir), " "), "outputs.tf"; got != want {
		t.Errorf("directory holds %q, want %q", got, want)
	}
	if err := os.Remove(filepath.Join(dir, "outputs.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/null", filepath.Join(dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteSet(dir, newSet, true); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("WriteSet over a symlink with force = %v, want ErrNotRegular", err)
	}
}

// Drafts: the directory is tightened to 0700, a symlinked draft is neither
// read nor counted, and a second process cannot take the lock.
func TestDrafts(t *testing.T) {
	state := filepath.Join(t.TempDir(), "secretsmith")
	if err := os.Mkdir(state, 0o755); err != nil {
		t.Fatal(err)
	}
	d := OS{}.Drafts()
	p := filepath.Join(state, "draft.yaml")
	if err := d.Save(p, []byte("version: 1\n")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(state); fi.Mode().Perm() != 0o700 {
		t.Errorf("state directory is %v, want 0700", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("draft is %v, want 0600", fi.Mode().Perm())
	}
	if !d.Exists(p) {
		t.Errorf("the saved draft does not exist")
	}
	secret := filepath.Join(t.TempDir(), "secret")
	writeFile(t, secret, "version: 1\nname: from-the-target\n", 0o600)
	linked := filepath.Join(state, "linked.yaml")
	if err := os.Symlink(secret, linked); err != nil {
		t.Fatal(err)
	}
	if d.Exists(linked) {
		t.Errorf("a symlink counts as a draft")
	}
	if _, err := d.Read(linked); err == nil {
		t.Errorf("a symlinked draft was read")
	}
	if err := d.Save(linked, []byte("x")); err == nil {
		t.Errorf("a symlinked draft was written through")
	}
	unlock, err := d.Lock(p)
	if err != nil {
		t.Fatal(err)
	}
	// Another process opens the lock file on its own: flock refuses it.
	if _, err := lockFile(p + ".lock"); !errors.Is(err, ErrLocked) {
		t.Errorf("a second lock = %v, want ErrLocked", err)
	}
	unlock()
	unlock()
	f, err := lockFile(p + ".lock")
	if err != nil {
		t.Errorf("after unlock the lock is still held: %v", err)
	} else {
		f.Close()
	}
}

// A journal planted as a FIFO or a symlink is refused, not read.
func TestRecoverRefusesAPlantedJournal(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, journalName), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Recover(dir, setNames(newSet)); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("Recover with a FIFO journal = %v", err)
	}
	dir = t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, journalName)); err != nil {
		t.Fatal(err)
	}
	if _, err := Recover(dir, setNames(newSet)); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Recover with a symlinked journal = %v", err)
	}
}

// A draft saved over another replaces it by rename: a reader that opened
// the old draft reads all of it, never a mix or an empty file, and no
// temporary is left beside it. The wizard saves the draft while the user
// types, so a kill or a reader can meet a save at any moment.
func TestDraftSaveReplacesAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "secretsmith")
	d := OS{}.Drafts()
	p := filepath.Join(dir, "draft.yaml")
	old := []byte("version: 1\nsecret:\n  secretId: old/one\n")
	if err := d.Save(p, old); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	now := []byte("version: 1\nsecret:\n  secretId: new/one\n  description: longer than the old draft\n")
	if err := d.Save(p, now); err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(f); string(got) != string(old) {
		t.Errorf("the old draft, open while it was replaced, reads %q; want it whole, %q (written in place, not renamed)", got, old)
	}
	if got, err := d.Load(p); err != nil || string(got) != string(now) {
		t.Errorf("Load = %q, %v; want %q", got, err, now)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "draft.yaml" {
			t.Errorf("left beside the draft: %s", e.Name())
		}
	}
}

// A save killed between writing its temporary and renaming it leaves the
// temporary, a copy of the secret's design: the next session to take the
// draft's lock removes it, and the temporaries of other files stay.
func TestDraftLockRemovesTemporariesOfKilledSaves(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "secretsmith")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "draft.yaml")
	left := []string{tmpPrefix + "draft.yaml-123", tmpPrefix + "draft.previous.yaml-456"}
	kept := []string{tmpPrefix + "other.yaml-789", "draft.yaml"}
	for _, n := range append(append([]string{}, left...), kept...) {
		writeFile(t, filepath.Join(dir, n), "version: 1\n", 0o600)
	}
	unlock, err := OS{}.Drafts().Lock(p)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	for _, n := range left {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s is left after the lock was taken", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
}
