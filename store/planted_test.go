//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// trial7b V5: a journal and a temporary planted in an output directory (a
// cloned repository: both the user's, the temporary's identity recorded as
// a genuine journal records it) never create a file of the set. Before, the
// recovery created main.tf with the planted bytes and the write then
// refused "refusing to overwrite main.tf" in a directory that had none.
func TestPlantedPairNeverCreatesAFile(t *testing.T) {
	for _, withID := range []bool{false, true} {
		dir := t.TempDir()
		tmp := filepath.Join(dir, tmpPrefix+"main.tf-123456")
		writeFile(t, tmp, "resource \"aws_iam_user\" \"evil\" { name = \"backdoor\" }\n", 0o644)
		entry := tmpPrefix + "main.tf-123456\tmain.tf\t-"
		if withID {
			fi, err := os.Stat(tmp)
			if err != nil {
				t.Fatal(err)
			}
			st := fi.Sys().(*syscall.Stat_t)
			entry += fmt.Sprintf("\t%d:%d", st.Dev, st.Ino)
		}
		writeFile(t, filepath.Join(dir, journalName), entry+"\n", 0o644)
		w, err := WriteFiles(dir, []SetFile{{Path: filepath.Join(dir, "main.tf"), Data: []byte("new main")}})
		if err != nil {
			t.Errorf("identity recorded %v: WriteFiles = %v, want main.tf written from the design", withID, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "main.tf")); string(b) != "new main" {
			t.Errorf("identity recorded %v: main.tf = %q, want the set's bytes", withID, b)
		}
		if len(w.Recovered) != 0 {
			t.Errorf("identity recorded %v: Recovered = %v, want nothing placed", withID, w.Recovered)
		}
		if got := names(t, dir); len(got) != 1 {
			t.Errorf("identity recorded %v: the directory holds %v, want main.tf alone", withID, got)
		}
	}
}
