//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/testwait"
)

// runWithin runs the command and fails the test when it does not return in
// time (a FIFO opened for reading blocks until a writer comes).
func runWithin(t *testing.T, args []string, stdin string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb strings.Builder
	done := make(chan int, 1)
	go func() { done <- run(args, strings.NewReader(stdin), &out, &errb) }()
	select {
	case code = <-done:
	case <-time.After(testwait.Left(t)):
		t.Fatalf("secretsmith %v did not return", args)
	}
	return code, out.String(), errb.String()
}

// User files are read through one bounded reader: FIFOs and devices are
// refused by type, by every command that reads a design.
func TestDesignReadersRefuseSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	fifo := filepath.Join(dir, "design.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		for _, args := range [][]string{
			{"check", path},
			{"generate", path, "-f", "terraform"},
			{"--accessible", "--design", path},
		} {
			code, _, stderr := runWithin(t, args, "")
			if code != exitFailure || !strings.Contains(stderr, "not a regular file") {
				t.Errorf("secretsmith %v: exit %d, stderr %q; want 1 and a refusal", args, code, stderr)
			}
		}
	}
}

// A FIFO among a Terraform configuration's files is refused, not opened.
func TestCheckRefusesAFIFOInAConfiguration(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.tf"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runWithin(t, []string{"check", dir}, "")
	if code != exitFailure || !strings.Contains(stderr, "named pipe") {
		t.Errorf("check over a configuration with a FIFO: exit %d, stderr %q", code, stderr)
	}
}

// Output targets that are not regular files are refused with --force too;
// a replaced file keeps its mode; a directory holding other .tf files is
// not written into without --force.
func TestGenerateWriteRules(t *testing.T) {
	dir, design := designIn(t, validDesign)
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "stdout.yaml")
	if err := os.Symlink("/proc/self/fd/1", link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{fifo, link} {
		code, _, stderr := runWithin(t, []string{"generate", design, "-f", "cloudformation", "-o", target, "--force"}, "")
		if code != exitFailure || !strings.Contains(stderr, "only replaces regular files") {
			t.Errorf("-o %s --force: exit %d, stderr %q", target, code, stderr)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced")
	}

	private := filepath.Join(dir, "private.yaml")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runWithin(t, []string{"generate", design, "-f", "cloudformation", "-o", private, "--force"}, ""); code != exitOK {
		t.Fatalf("generate over a 0600 file: exit %d, %s", code, stderr)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Errorf("the replaced template is %v, want it to keep 0600", fi.Mode().Perm())
	}

	tf := filepath.Join(dir, "infra")
	if err := os.Mkdir(tf, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tf, "network.tf"), []byte("# theirs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runWithin(t, []string{"generate", design, "-f", "terraform", "-o", tf}, "")
	if code != exitFailure || !strings.Contains(stderr, "network.tf") || !strings.Contains(stderr, "--force") {
		t.Errorf("terraform beside other .tf files: exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(tf); len(entries) != 1 {
		t.Errorf("the refused write left %d entries", len(entries))
	}
	if code, _, stderr := runWithin(t, []string{"generate", design, "-f", "terraform", "-o", tf, "--force"}, ""); code != exitOK {
		t.Errorf("terraform beside other .tf files with --force: exit %d, %s", code, stderr)
	}
}
