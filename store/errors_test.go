package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Issue 11, item 19: every write error names the target the user chose,
// never the writer's temporary or journal, says what happened in words,
// and says what to do. Tests run as root, which no permission stops, so
// the system's errors are injected at each call the writer makes.
func TestWriteErrorsNameTheTargetAndAFix(t *testing.T) {
	errnos := []struct {
		errno     syscall.Errno
		what, fix string
	}{
		{syscall.EACCES, "the directory is not writable", "check its permissions"},
		{syscall.EPERM, "the directory is not writable", "check its permissions"},
		{syscall.ENOSPC, "the disk is full", "free some space"},
		{syscall.EROFS, "the file system is read-only", "choose a path on a writable disk"},
		{syscall.ENOTDIR, "a part of the path is a file, not a directory", "choose a path whose folders are directories"},
		{syscall.ENAMETOOLONG, "the name is too long", "choose a shorter file name or path"},
		{syscall.EIO, "input/output error", "check the disk"},
	}
	defer func() { inject = nil }()
	for _, op := range []string{"open", "write", "sync", "rename", "link", "mkdir"} {
		for _, e := range errnos {
			inject = func(o, name string) error {
				if o == op {
					return e.errno
				}
				return nil
			}
			dir := t.TempDir()
			one := filepath.Join(dir, "new", "x.yaml")
			set := filepath.Join(dir, "infra")
			force := op == "rename" // rename replaces; link places a new file
			if force {
				if err := os.MkdirAll(filepath.Dir(one), 0o755); err != nil {
					t.Fatal(err)
				}
				os.WriteFile(one, []byte("old"), 0o644)
			}
			errs := map[string]error{}
			if op == "mkdir" {
				errs[one] = MakeDirFor(one)
			} else {
				os.MkdirAll(filepath.Dir(one), 0o755)
				errs[one] = WriteFile(one, []byte("new"), force)
			}
			_, errs[set] = WriteSet(set, []File{{Name: "main.tf", Data: []byte("x")}, {Name: "versions.tf", Data: []byte("y")}}, false)
			for target, err := range errs {
				if op == "rename" && target == set {
					continue // a new set is linked, not renamed
				}
				if err == nil {
					t.Errorf("%s fails with %v: writing %s succeeded", op, e.errno, target)
					continue
				}
				msg := err.Error()
				if strings.Contains(msg, tmpPrefix) || strings.Contains(msg, journalName) {
					t.Errorf("%s %v: %q names the writer's own file", op, e.errno, msg)
				}
				if !strings.Contains(msg, target) && !strings.Contains(msg, filepath.Join(set, "main.tf")) {
					t.Errorf("%s %v: %q does not name %s", op, e.errno, msg, target)
				}
				if !strings.Contains(msg, e.what) || !strings.Contains(msg, e.fix) {
					t.Errorf("%s %v: %q, want %q and the fix %q", op, e.errno, msg, e.what, e.fix)
				}
				if !errors.Is(err, e.errno) {
					t.Errorf("%s %v: errors.Is(%q, errno) is false", op, e.errno, msg)
				}
			}
			// Nothing the failed write made is left behind.
			for _, d := range []string{filepath.Dir(one), set} {
				entries, _ := os.ReadDir(d)
				for _, en := range entries {
					if strings.HasPrefix(en.Name(), ".") {
						t.Errorf("%s %v: %s left in %s", op, e.errno, en.Name(), d)
					}
				}
			}
		}
	}
}

// A path through a regular file fails with ENOTDIR for real: said in words,
// naming the target, for a file, a set and the directory of a file.
func TestWriteThroughAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(file, "x.yaml")
	_, setErr := WriteSet(filepath.Join(file, "infra"), []File{{Name: "main.tf", Data: []byte("x")}}, false)
	for name, err := range map[string]error{
		"WriteFile":  WriteFile(target, []byte("x"), false),
		"MakeDirFor": MakeDirFor(filepath.Join(file, "sub", "x.yaml")),
		"WriteSet":   setErr,
	} {
		var we *WriteError
		if !errors.As(err, &we) || !errors.Is(err, syscall.ENOTDIR) {
			t.Errorf("%s: %v, want a WriteError for ENOTDIR", name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "write "+file+string(filepath.Separator)) || !strings.Contains(err.Error(), "a part of the path is a file, not a directory: choose a path whose folders are directories") {
			t.Errorf("%s: %q", name, err)
		}
	}
}

// A directory that exists but answers "no such file" to a new file in it
// (/proc does) is not said not to exist.
func TestWriteIntoADirectoryThatRefusesNewFiles(t *testing.T) {
	defer func() { inject = nil }()
	inject = func(o, name string) error {
		if o == "open" {
			return syscall.ENOENT
		}
		return nil
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "x.yaml")
	err := WriteFile(target, []byte("x"), false)
	if err == nil || strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), "its directory exists but does not let a file be created in it") {
		t.Errorf("WriteFile into a directory that refuses new files = %v", err)
	}
	// A directory that is missing is still said to be missing.
	err = WriteFile(filepath.Join(dir, "gone", "x.yaml"), []byte("x"), false)
	if err == nil || !strings.Contains(err.Error(), "its directory does not exist") {
		t.Errorf("WriteFile into a missing directory = %v", err)
	}
}
