//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// B6: generate killed between the files of its set, run again as it was
// (no --force): the recovery that finishes the interrupted set says so on
// stderr, naming the file it moved into place, and the write then replaces
// it rather than refusing it as a file that is not its own. Before, the
// recovery was silent and the write said "refusing to overwrite" the file
// the recovery had just put there.
func TestGenerateAfterAKillSaysWhatRecoveryDid(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "d.yaml")
	if err := os.WriteFile(design, []byte(validDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	// What a kill after the journal, before the template's rename, leaves:
	// the temporary and the journal naming it and its identity.
	tmp := ".secretsmith-tmp-secret.yaml-1"
	if err := os.WriteFile(filepath.Join(out, tmp), []byte("interrupted\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(out, tmp))
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	journal := fmt.Sprintf("%s\tsecret.yaml\t-\t%d:%d\n", tmp, st.Dev, st.Ino)
	if err := os.WriteFile(filepath.Join(out, ".secretsmith-journal"), []byte(journal), 0o644); err != nil {
		t.Fatal(err)
	}
	template := filepath.Join(out, "secret.yaml")
	code, _, stderr := runWithin(t, []string{"generate", design, "-f", "cloudformation", "-o", template}, "")
	if code != exitOK {
		t.Fatalf("generate after the kill: exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stderr, "interrupted") || !strings.Contains(stderr, "moved "+template+" into place") {
		t.Errorf("stderr does not say what the recovery did, naming %s:\n%s", template, stderr)
	}
	if b, _ := os.ReadFile(template); !strings.Contains(string(b), "AWSTemplateFormatVersion") {
		t.Errorf("%s holds %.60q, want the template this run wrote", template, b)
	}
}
