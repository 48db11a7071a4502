package store

import (
	"errors"
	"testing"
)

// B6 through WriteSet (Terraform's files, the man pages): a set killed
// after its first file, written again as it was, without force, is written
// over the interrupted one rather than refused. Before, the recovery
// finished the set and the write then refused the files it had finished.
func TestWriteSetAfterAKillIsNotRefused(t *testing.T) {
	dir := t.TempDir()
	afterRename = func(i int) error {
		if i == 0 {
			return errors.New("killed")
		}
		return nil
	}
	_, err := WriteSet(dir, oldSet, false)
	afterRename = nil
	if err == nil {
		t.Fatal("the kill was not injected")
	}
	if _, err := WriteSet(dir, newSet, false); err != nil {
		t.Fatalf("the write after the kill = %v, want the new set written over the interrupted one", err)
	}
	if got := setIs(t, dir); got != "new" {
		t.Errorf("the set is %s, want new", got)
	}
	if got := names(t, dir); len(got) != len(newSet) {
		t.Errorf("the directory holds %v, want the set alone", got)
	}
}
