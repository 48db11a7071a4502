//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
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
	plantInterrupted(t, out, "secret.yaml")
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

// B6 and B7 through the wizard's writer: a Terraform write killed after
// the journal, before the design file in the parent directory was moved
// into place, is finished by the next write of the same set, which says so
// (tui.Written.Recovered, naming the design file) and then writes the whole
// set over it without asking to replace the design it just finished.
func TestWizardWriteAfterAKillFinishesTheDesign(t *testing.T) {
	dFile := designfile.Decode("good.yaml", []byte(validDesign))
	d := dFile.Valid()
	if d == nil {
		t.Fatal(dFile.Diagnostics())
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "infra")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	design := filepath.Join(dir, d.DisplayName()+".design.yaml")
	tmp := plantInterrupted(t, out, filepath.Join("..", filepath.Base(design)))
	w, err := wizardWriter(store.OS{})(context.Background(), nil, d, generate.Terraform, out, false, "")
	if err != nil {
		t.Fatalf("the write after the kill = %v, want the set written", err)
	}
	if !strings.Contains(w.Recovered, "moved "+design+" into place") {
		t.Errorf("Recovered = %q, want it to name %s", w.Recovered, design)
	}
	if b, _ := os.ReadFile(design); strings.Contains(string(b), "interrupted") {
		t.Errorf("%s still holds the interrupted write's bytes", design)
	}
	if _, err := os.Stat(filepath.Join(out, tmp)); err == nil {
		t.Errorf("the temporary %s is left", tmp)
	}
}

// plantInterrupted leaves in dir what a write with force killed after its
// journal and before it moved name (a path from dir) into place leaves:
// the file it was replacing, the temporary,
// holding "interrupted", and the journal naming it, its target and its
// identity. It returns the temporary's path from dir.
func plantInterrupted(t *testing.T, dir, name string) string {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), ".secretsmith-tmp-"+filepath.Base(name)+"-1")
	// The file the interrupted write (with --force) was replacing: a
	// recovery never creates a file (trial7b V5), it finishes a replace.
	if err := os.WriteFile(filepath.Join(dir, name), []byte("before: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, tmp), []byte("interrupted: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	id := func(p string) string {
		fi, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
	}
	journal := fmt.Sprintf("%s\t%s\t%s\t%s\n", tmp, name, id(name), id(tmp))
	if err := os.WriteFile(filepath.Join(dir, ".secretsmith-journal"), []byte(journal), 0o644); err != nil {
		t.Fatal(err)
	}
	return tmp
}
