//go:build unix

package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A journal planted in the output directory is not trusted to replace a
// file outside the set being written: an entry naming an unrelated file,
// one climbing out with ../, and one of the set whose temporary is a symlink
// are all ignored, and those files stay byte for byte as they were.
func TestPlantedJournalLeavesUnrelatedFilesAlone(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	unrelated := filepath.Join(dir, "notes.txt")
	outside := filepath.Join(parent, "outside.txt")
	writeFile(t, unrelated, "my own notes\n", 0o644)
	writeFile(t, outside, "outside the directory\n", 0o644)
	secret := filepath.Join(parent, "secret")
	writeFile(t, secret, "from elsewhere\n", 0o600)
	// The planted temporaries carry the attacker's bytes.
	writeFile(t, filepath.Join(dir, tmpPrefix+"notes.txt-1"), "planted\n", 0o644)
	writeFile(t, filepath.Join(dir, tmpPrefix+"x-2"), "planted\n", 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, tmpPrefix+"outputs.tf-3")); err != nil {
		t.Fatal(err)
	}
	journal := "force true\n" +
		tmpPrefix + "notes.txt-1\tnotes.txt\n" +
		tmpPrefix + "x-2\t../outside.txt\n" +
		"../" + tmpPrefix + "x-2\toutside.txt\n" +
		tmpPrefix + "outputs.tf-3\toutputs.tf\n"
	writeFile(t, filepath.Join(dir, journalName), journal, 0o644)

	if _, err := WriteSet(dir, []File{{"outputs.tf", []byte("new outputs")}}, false); err != nil {
		t.Fatalf("WriteSet = %v", err)
	}
	for path, want := range map[string]string{unrelated: "my own notes\n", outside: "outside the directory\n", secret: "from elsewhere\n"} {
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, []byte(want)) {
			t.Errorf("%s = %q, %v; want it untouched (%q)", path, got, err, want)
		}
	}
	// An entry of the set whose temporary the writer did not make (a
	// symlink) is not placed either: outputs.tf is the new, regular file.
	if fi, err := os.Lstat(filepath.Join(dir, "outputs.tf")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("outputs.tf = %v, %v; want the regular file written", fi, err)
	} else if got, _ := os.ReadFile(filepath.Join(dir, "outputs.tf")); string(got) != "new outputs" {
		t.Errorf("outputs.tf = %q, want the new set's bytes", got)
	}
	if got, want := strings.Join(names(t, dir), " "), tmpPrefix+"outputs.tf-3 notes.txt outputs.tf"; got != want {
		// The planted symlink is left as it is: only regular
		// temporaries are the writer's to remove.
		t.Errorf("directory holds %q, want %q (no journal, no planted regular temporaries)", got, want)
	}
}

// setNames is the file names of a set, as WriteSet hands them to Recover.
func setNames(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}

// A journal and temporary that came with the directory (a cloned
// repository, an unpacked archive: both owned by the user, as the writer's
// own are) do not replace a file of the set that is there: the journal says
// which file each entry may replace, and the file there now is not it. The
// write that follows then refuses or replaces as it would without them.
func TestPlantedJournalDoesNotReplaceAFileOfTheSet(t *testing.T) {
	for _, journal := range []string{
		"force true\n" + tmpPrefix + "main.tf-123\tmain.tf\n",
		tmpPrefix + "main.tf-123\tmain.tf\t1:2\n",
		tmpPrefix + "main.tf-123\tmain.tf\t-\n",
	} {
		dir := t.TempDir()
		main := filepath.Join(dir, "main.tf")
		writeFile(t, main, "# mine\n", 0o644)
		writeFile(t, filepath.Join(dir, tmpPrefix+"main.tf-123"), "resource \"planted\" \"x\" {}\n", 0o644)
		writeFile(t, filepath.Join(dir, journalName), journal, 0o644)
		_, err := WriteSet(dir, []File{{"main.tf", []byte("new main")}}, false)
		if !errors.Is(err, ErrExists) {
			t.Errorf("journal %q: WriteSet without force = %v, want a refusal to replace main.tf", journal, err)
		}
		if got, _ := os.ReadFile(main); string(got) != "# mine\n" {
			t.Errorf("journal %q: main.tf = %q, want it as it was", journal, got)
		}
	}
}
