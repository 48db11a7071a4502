package designfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file that cannot be read is said in words, with a fix, and names the
// path the user gave, never the system call ("stat nope.yaml: no such file
// or directory" was shown on the wizard's Start screen); errors.Is still
// sees the system's error.
func TestReadErrorsSayWhatToDo(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path, want string
		is               error
	}{
		{"missing", filepath.Join(dir, "nope.yaml"), "no such file: check the path", fs.ErrNotExist},
		{"through a file", filepath.Join(file, "d.yaml"), "a part of the path is a file, not a directory: choose a path whose folders are directories", nil},
		{"too long", filepath.Join(dir, strings.Repeat("n", 300)+".yaml"), "the name is too long: choose a shorter file name or path", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(c.path)
			if err == nil {
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "read "+c.path+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("error %q, want \"read PATH: \" and %q", msg, c.want)
			}
			for _, raw := range []string{"stat ", "open ", "no such file or directory"} {
				if strings.Contains(msg, raw) {
					t.Errorf("error %q names the system call (%q)", msg, raw)
				}
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, c.is)
			}
		})
	}
}

// A path that starts with ~ and is not there says that only a shell reads
// ~ as the home directory, as the output path's check does: typed on the
// Start screen's "Open a design file", "~/mine.yaml" said "no such file:
// check the path (a relative path starts from the directory secretsmith
// runs in)" (issue 22's fifth trial).
func TestReadTildePathSaysOnlyAShellExpandsIt(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := Open("~/mine.yaml")
	if err == nil || !strings.Contains(err.Error(), "starts with ~, which only a shell reads as a home directory; write the path in full, such as /home/you/mine.yaml") {
		t.Errorf("Open(~/mine.yaml) = %v, want it to say only a shell reads ~", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	// A file that is there, named ~ in the directory, is read.
	if err := os.Mkdir("~", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("~/mine.yaml", []byte("version: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open("~/mine.yaml"); err != nil {
		t.Errorf("Open of a real ./~/mine.yaml = %v", err)
	}
}
