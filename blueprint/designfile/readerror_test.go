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
