package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// WriteError is a failed write told to the person who chose the path: the
// target they named, what happened in words, and what to do about it. The
// system's own message is not repeated, because it names the temporary
// file the writer made beside the target (".secretsmith-tmp-..."), which no
// one chose and which is gone by the time the message is read. The system
// error stays reachable through errors.Is and errors.As.
type WriteError struct {
	// Path is the file or directory the user asked for.
	Path string
	// What says what went wrong, such as "the disk is full".
	What string
	// Fix says what to do, such as "free some space, or choose another disk".
	Fix string
	// Err is the system error, without the path it was reported for.
	Err error
}

func (e *WriteError) Error() string { return "write " + e.Path + ": " + e.What + ": " + e.Fix }

// Unwrap returns the system error.
func (e *WriteError) Unwrap() error { return e.Err }

// describe turns err, from writing target, into a WriteError. Refusals the
// writer makes itself (ErrExists, ErrNotRegular) and errors already
// described pass through as they are.
func describe(target string, err error) error {
	var we *WriteError
	if err == nil || errors.As(err, &we) || errors.Is(err, ErrExists) || errors.Is(err, ErrNotRegular) {
		return err
	}
	cause := err
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		cause = pe.Err
	case errors.As(err, &le):
		cause = le.Err
	case errors.As(err, &se):
		cause = se.Err
	}
	what, fix := explain(cause)
	return &WriteError{Path: target, What: what, Fix: fix, Err: cause}
}

// explain says what a system error means for a write, and the fix.
func explain(err error) (what, fix string) {
	var errno syscall.Errno
	errors.As(err, &errno)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "the directory is not writable (permission denied)", "check its permissions, or choose another path"
	case errno == syscall.EROFS:
		return "the file system is read-only", "choose a path on a writable disk"
	case isNoSpace(errno):
		return "the disk is full", "free some space, or choose another disk"
	case errno == syscall.ENOTDIR:
		return "a part of the path is a file, not a directory", "choose a path whose folders are directories"
	case errno == syscall.ENAMETOOLONG:
		return "the name is too long", "choose a shorter file name or path"
	case errno == syscall.EIO:
		return "the disk reported an input/output error", "check the disk, or choose another path"
	case errors.Is(err, fs.ErrNotExist):
		return "its directory does not exist", "create it, or choose another path"
	}
	return err.Error(), "try again, or choose another path"
}

// MakeDir creates dir and its parents for output, with a described error
// naming dir.
func MakeDir(dir string) error {
	if err := injected("mkdir", dir); err != nil {
		return describe(dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return describe(dir, err)
	}
	return nil
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
