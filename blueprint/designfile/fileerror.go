package designfile

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/secretsmith/secretsmith/blueprint"
)

// FileError is a file that could not be read or written, told to the
// person who named it: the path they gave, what happened in words, and
// what to do about it. The system's own message is not repeated: it names
// the system call ("stat nope.yaml: no such file or directory") and, for a
// write, the temporary file made beside the target, neither of which tells
// anyone what to do. The system error stays reachable through errors.Is
// and errors.As. Reads (ReadFile) and writes (package store) share it, so
// a read and a write of the same path fail in the same words.
type FileError struct {
	// Op is "read" or "write".
	Op string
	// Path is the file or directory the user asked for.
	Path string
	// What says what went wrong, such as "the disk is full".
	What string
	// Fix says what to do, such as "free some space, or choose another disk".
	Fix string
	// Err is the system error, without the path it was reported for.
	Err error
}

func (e *FileError) Error() string { return e.Op + " " + e.Path + ": " + e.What + ": " + e.Fix }

// Unwrap returns the system error.
func (e *FileError) Unwrap() error { return e.Err }

// Describe turns err, from reading (op "read") or writing (op "write")
// path, into a FileError.
func Describe(op, path string, err error) *FileError {
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
	what, fix := explain(op == "write", cause)
	if op == "read" && errors.Is(cause, fs.ErrNotExist) {
		// "No such file" for a name that is there, as a link to
		// nothing, sends the user looking for a typo.
		if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			to, _ := os.Readlink(path)
			what, fix = "it is a symbolic link to "+to+", which does not exist", "point the link at the file, or give the file's own path"
		}
	}
	if op == "read" && errors.Is(cause, fs.ErrNotExist) && strings.HasPrefix(path, "~") {
		// Typed where no shell reads it (the wizard's Start screen, a
		// quoted argument), ~ is a directory of that name.
		fix = "the path " + blueprint.HomeTildeAdvice(path)
	}
	return &FileError{Op: op, Path: path, What: what, Fix: fix, Err: cause}
}

// explain says what a system error means for a read or a write, and the
// fix. A missing file and a denied permission mean different things for
// the two: a write creates the file, so what is missing is its directory.
func explain(write bool, err error) (what, fix string) {
	var errno syscall.Errno
	errors.As(err, &errno)
	switch {
	case errors.Is(err, fs.ErrPermission) && write:
		return "the directory is not writable (permission denied)", "check its permissions, or choose another path"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied", "make it readable (chmod u+r), or copy it somewhere you can read"
	case errno == syscall.EROFS:
		return "the file system is read-only", "choose a path on a writable disk"
	case isNoSpace(errno):
		return "the disk is full", "free some space, or choose another disk"
	case errno == syscall.ENOTDIR:
		return "a part of the path is a file, not a directory", "choose a path whose folders are directories"
	case errno == syscall.ENAMETOOLONG:
		return "the name is too long", "choose a shorter file name or path"
	case errno == syscall.ELOOP:
		return "too many symbolic links", "check the links along the path"
	case errno == syscall.EIO:
		return "the disk reported an input/output error", "check the disk, or choose another path"
	case errors.Is(err, fs.ErrExist):
		return "something that is not a directory is in the way", "remove it, or choose another path"
	case errors.Is(err, fs.ErrNotExist) && write:
		return "its directory does not exist", "create it, or choose another path"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file", "check the path (a relative path starts from the directory secretsmith runs in)"
	}
	return err.Error(), "try again, or choose another path"
}
