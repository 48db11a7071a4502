//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// outputSet is a Terraform directory's files with the design file in its
// parent, as the wizard writes them: one set across two directories.
func outputSet(parent, tag string) []SetFile {
	out := filepath.Join(parent, "out")
	return []SetFile{
		{Path: filepath.Join(out, "main.tf"), Data: []byte(tag + " main")},
		{Path: filepath.Join(out, "versions.tf"), Data: []byte(tag + " versions")},
		{Path: filepath.Join(parent, "db.design.yaml"), Data: []byte(tag + " design")},
	}
}

// holds reports what each file of set holds: its first word, "-" when
// it is absent.
func holds(set []SetFile) string {
	var got []string
	for _, f := range set {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			got = append(got, "-")
			continue
		}
		got = append(got, strings.Fields(string(b))[0])
	}
	return strings.Join(got, " ")
}

// B7: a file of the set that cannot be written (its directory takes no
// file, the disk is full) leaves every file of the set as it was, the ones
// in the other directory too: nothing is moved into place before every
// temporary is written.
func TestWriteFilesFailureLeavesTheOldSet(t *testing.T) {
	defer func() { inject = nil }()
	for _, force := range []bool{false, true} {
		parent := t.TempDir()
		if force {
			if _, err := WriteFiles(filepath.Join(parent, "out"), outputSet(parent, "old")); err != nil {
				t.Fatal(err)
			}
		}
		want := holds(outputSet(parent, "old"))
		inject = func(op, name string) error {
			if op == "write" && strings.Contains(filepath.Base(name), "db.design.yaml") {
				return errors.New("no space left on device")
			}
			return nil
		}
		set := outputSet(parent, "new")
		for i := range set {
			set[i].Force = force
		}
		_, err := WriteFiles(filepath.Join(parent, "out"), set)
		inject = nil
		if err == nil || !strings.Contains(err.Error(), "db.design.yaml") {
			t.Errorf("force %v: WriteFiles = %v, want an error naming the design file", force, err)
		}
		if got := holds(set); got != want {
			t.Errorf("force %v: after the failure the set holds %q, want %q (as before)", force, got, want)
		}
		if got := names(t, filepath.Join(parent, "out")); force && len(got) != 2 || !force && len(got) != 0 {
			t.Errorf("force %v: out holds %v: a temporary or journal was left", force, got)
		}
	}
}

// B7: a kill between the files of a set across two directories is rolled
// forward as a whole by the next run, the design file in the parent too.
func TestWriteFilesKilledAcrossDirectories(t *testing.T) {
	for stopAt := 0; stopAt < 2; stopAt++ {
		parent := t.TempDir()
		out := filepath.Join(parent, "out")
		force := func(set []SetFile) []SetFile {
			for i := range set {
				set[i].Force = true
			}
			return set
		}
		if _, err := WriteFiles(out, outputSet(parent, "old")); err != nil {
			t.Fatal(err)
		}
		afterRename = func(i int) error {
			if i == stopAt {
				return errors.New("killed")
			}
			return nil
		}
		_, err := WriteFiles(out, force(outputSet(parent, "new")))
		afterRename = nil
		if err == nil {
			t.Fatal("the kill was not injected")
		}
		if got := holds(outputSet(parent, "new")); !strings.Contains(got, "old") {
			t.Fatalf("after the kill the set holds %q: the test did not interrupt it", got)
		}
		placed, err := Recover(out, []string{"main.tf", "versions.tf", filepath.Join("..", "db.design.yaml")})
		if err != nil {
			t.Fatal(err)
		}
		if got := holds(outputSet(parent, "new")); got != "new new new" {
			t.Errorf("kill after rename %d: after recovery the set holds %q, want the whole new set", stopAt, got)
		}
		if len(placed) != 2-stopAt {
			t.Errorf("kill after rename %d: Recover says it placed %v", stopAt, placed)
		}
		for _, d := range []string{parent, out} {
			for _, n := range names(t, d) {
				if strings.HasPrefix(n, ".") {
					t.Errorf("%s is left in %s", n, d)
				}
			}
		}
	}
}

// B6: a write killed half way, then run again as it was (no force): the
// write replaces the files the interrupted write had placed rather than
// refusing them as files that are not its own, and writes the ones it had
// not (the recovery never creates one). Before, the second write refused "refusing to overwrite" the files
// recovery had just completed, without a word about the recovery.
func TestRecoveredFilesAreNotRefused(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	afterRename = func(i int) error {
		if i == 0 {
			return errors.New("killed")
		}
		return nil
	}
	_, err := WriteFiles(out, outputSet(parent, "first"))
	afterRename = nil
	if err == nil {
		t.Fatal("the kill was not injected")
	}
	w, err := WriteFiles(out, outputSet(parent, "second"))
	if err != nil {
		t.Fatalf("the write after the kill = %v, want the set written over the interrupted one", err)
	}
	if got := holds(outputSet(parent, "second")); got != "second second second" {
		t.Errorf("the set holds %q, want the second write's", got)
	}
	// The interrupted write was creating every file: the recovery creates
	// none (a journal may be planted, trial7b V5), the write does.
	if len(w.Recovered) != 0 {
		t.Errorf("Recovered = %v, want nothing: a recovery never creates a file", w.Recovered)
	}
	// A file of the set that is not the interrupted write's is still
	// refused: the user's own design file, put there after the kill.
	afterRename = func(i int) error {
		if i == 0 {
			return errors.New("killed")
		}
		return nil
	}
	other := t.TempDir()
	WriteFiles(filepath.Join(other, "out"), outputSet(other, "first"))
	afterRename = nil
	mine := filepath.Join(other, "db.design.yaml")
	os.Remove(mine)
	writeFile(t, mine, "mine\n", 0o644)
	_, err = WriteFiles(filepath.Join(other, "out"), outputSet(other, "second"))
	var exists *ExistsError
	if !errors.As(err, &exists) || !slices.Equal(exists.Paths, []string{mine}) {
		t.Errorf("WriteFiles over the user's own file = %v, want a refusal naming %s alone", err, mine)
	}
	if b, _ := os.ReadFile(mine); string(b) != "mine\n" {
		t.Errorf("%s = %q, want it as it was", mine, b)
	}
}
