package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// WriteError is a failed write told to the person who chose the path (Op
// "write"): the target they named, never the temporary file the writer
// made beside it, what happened in words, and what to do about it. It is
// designfile's FileError, which reads share, so both speak alike.
type WriteError = designfile.FileError

// describe turns err, from writing target, into a WriteError. Refusals the
// writer makes itself (ErrExists, ErrNotRegular) and errors already
// described pass through as they are.
func describe(target string, err error) error {
	var we *WriteError
	if err == nil || errors.As(err, &we) || errors.Is(err, ErrExists) || errors.Is(err, ErrNotRegular) {
		return err
	}
	e := designfile.Describe("write", target, err)
	// A missing file means a missing directory, unless the directory is
	// there: /proc and similar file systems answer "no such file" to a
	// file created in them.
	if errors.Is(err, fs.ErrNotExist) {
		if fi, serr := os.Stat(filepath.Dir(target)); serr == nil && fi.IsDir() {
			e.What, e.Fix = "its directory exists but does not let a file be created in it", "choose a path in a directory you can write to"
		}
	}
	return e
}

// MakeDir creates dir and its parents for output, with a described error
// naming dir.
func MakeDir(dir string) error {
	if err := injected("mkdir", dir); err != nil {
		return describe(dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e := describe(dir, err)
		var we *WriteError
		if errors.Is(err, fs.ErrExist) && errors.As(e, &we) {
			// MkdirAll found something it cannot follow where a
			// directory goes: a symbolic link that leads nowhere.
			if link, to, ok := danglingLink(dir); ok {
				we.What, we.Fix = link+" is a symbolic link to "+to+", which does not exist", "remove the link or create what it points to, or choose another path"
			}
		}
		return e
	}
	return nil
}

// danglingLink finds the first of dir and its parents that is a symbolic
// link to nothing, and what it points to.
func danglingLink(dir string) (link, to string, ok bool) {
	var parts []string
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		parts = append(parts, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		fi, err := os.Lstat(parts[i])
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, err := os.Stat(parts[i]); errors.Is(err, fs.ErrNotExist) {
			to, _ := os.Readlink(parts[i])
			return parts[i], to, true
		}
	}
	return "", "", false
}

// MakeDirFor creates the directory a file at path goes in, with a
// described error naming path, the file the user chose.
func MakeDirFor(path string) error {
	if err := MakeDir(filepath.Dir(path)); err != nil {
		var we *WriteError
		if errors.As(err, &we) {
			we.Path = path
		}
		return err
	}
	return nil
}

// inject, when set by a test, makes the writer's system calls fail: it is
// asked before each (op is open, write, sync, rename, link or mkdir; name
// is the file the call is about, often a temporary) and a non-nil error is
// returned as the system's would be. Running as root, tests cannot get a
// permission error, or a full disk, any other way.
var inject func(op, name string) error

func injected(op, name string) error {
	if inject == nil {
		return nil
	}
	if err := inject(op, name); err != nil {
		return &fs.PathError{Op: op, Path: name, Err: err}
	}
	return nil
}
