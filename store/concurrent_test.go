package store

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// concurrentSet is a set of three files, each holding word.
func concurrentSet(word string) []File {
	return []File{{Name: "main.tf", Data: []byte(word)}, {Name: "outputs.tf", Data: []byte(word)}, {Name: "versions.tf", Data: []byte(word)}}
}

// Two writes into one directory at once: the second waits for the first
// rather than taking its journal for an interrupted write, deleting its
// temporaries mid-write and finishing its set. Both succeed, one after
// the other, and the directory holds the second's whole set. Before, the
// first write's next rename failed ("its directory ... does not let a
// file be created") while the second had placed its files (trial8b X9).
// TestConcurrentWritesWaitForEachOther failed before.
func TestConcurrentWritesWaitForEachOther(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	started, goOn := make(chan struct{}), make(chan struct{})
	var once sync.Once
	afterRename = func(i int) error {
		// The first write stops after its first rename, its journal
		// and other temporaries in place, while the second starts.
		once.Do(func() { close(started); <-goOn })
		return nil
	}
	defer func() { afterRename = nil }()
	errs := make(chan error, 2)
	go func() { _, err := WriteSet(dir, concurrentSet("first"), true); errs <- err }()
	<-started
	go func() { _, err := WriteSet(dir, concurrentSet("second"), true); errs <- err }()
	time.Sleep(300 * time.Millisecond) // the second write runs, or waits
	close(goOn)
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("a write = %v, want both to succeed, one after the other", err)
		}
	}
	var got []string
	for _, f := range concurrentSet("") {
		b, _ := os.ReadFile(filepath.Join(dir, f.Name))
		got = append(got, string(b))
	}
	if strings.Join(got, " ") != "second second second" {
		t.Errorf("the directory holds %q, want the second write's whole set", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("the directory holds %d entries, want the 3 files alone", len(entries))
	}
}

// A write that waits longer than lockWait for another writer says so,
// naming the directory, and writes nothing.
func TestWriteWaitsBoundedForAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDirOnce(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 100 * time.Millisecond
	_, err = WriteSet(dir, concurrentSet("x"), true)
	if err == nil || !strings.Contains(err.Error(), "another secretsmith is writing files into this directory") || !strings.Contains(err.Error(), dir) {
		t.Errorf("WriteSet while another writes = %v, want words naming %s and the other writer", err, dir)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the directory holds %d entries, want none", len(entries))
	}
}
