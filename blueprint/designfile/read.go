package designfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/secretsmith/secretsmith/blueprint"
)

// File is a design file read as far as it goes: the one result every reader
// of design files (generate, check, the wizard, line mode) starts from, so
// the file is parsed and validated once.
type File struct {
	// Name is the name the file was read under, used only for display.
	Name string
	// Design holds every value that decoded, even when some did not; it is
	// nil when the file is not usable YAML at all.
	Design *blueprint.Design
	// Source knows where each field was, for Locate.
	Source *Source
	// Structure holds the structural problems (syntax, unknown keys,
	// wrong types), in file order.
	Structure Diagnostics
	// Problems is what Design.Validate reported, nil when Design is nil.
	Problems blueprint.Problems
	// Validation holds Problems placed in the file, without those a
	// structural error already explains, in file order.
	Validation Diagnostics
}

// Decode parses data and validates the design it holds, once.
func Decode(filename string, data []byte) *File {
	dec := &decoder{file: filename, src: &Source{}}
	d := dec.parse(data)
	f := &File{Name: filename, Design: d, Source: dec.src, Structure: dec.diags}
	// A file of a version this secretsmith does not read is not judged
	// by version 1's rules: the version is the one thing to say about it.
	if d != nil && !dec.otherVersion {
		// A value that did not decode leaves its field empty, and Validate
		// would then also call it missing. Keep the first, more precise,
		// message: drop validation problems at or under a path that already
		// has a structural error, or that an unknown key was meant to be.
		f.Problems = d.Validate()
		for _, p := range Locate(filename, dec.src, f.Problems) {
			if !covered(p.Path, dec.diags, dec.typos) {
				f.Validation = append(f.Validation, p)
			}
		}
	}
	f.Structure.sortByPosition()
	f.Validation.sortByPosition()
	return f
}

// WithDesign is f holding d instead of its design, validated again, with
// the problems placed where f's fields were: for a sound file whose values
// a caller has changed, as --aws does when it resolves a key alias to the
// key's ARN. f is not changed; a file that is not sound is returned as it
// is, since its design is not all the file says.
func (f *File) WithDesign(d *blueprint.Design) *File {
	if !f.Sound() || d == nil {
		return f
	}
	g := *f
	g.Design = d
	g.Problems = d.Validate()
	g.Validation = nil
	// A sound file has no structural error (and so no typo) to cover a
	// problem.
	for _, p := range Locate(f.Name, f.Source, g.Problems) {
		if !covered(p.Path, f.Structure, nil) {
			g.Validation = append(g.Validation, p)
		}
	}
	g.Validation.sortByPosition()
	return &g
}

// Diagnostics returns the structural and validation problems together, in
// file order.
func (f *File) Diagnostics() Diagnostics {
	ds := append(append(Diagnostics{}, f.Structure...), f.Validation...)
	ds.sortByPosition()
	return ds
}

// Sound reports whether the file's structure decoded without errors, so
// that Design holds everything the file says (its values may still be
// invalid).
func (f *File) Sound() bool { return f.Design != nil && len(f.Structure.Errors()) == 0 }

// Valid returns the design when the file has no error at all, and nil
// otherwise.
func (f *File) Valid() *blueprint.Design {
	if !f.Sound() || len(f.Validation.Errors()) > 0 {
		return nil
	}
	return f.Design
}

// Open reads the design file at path with ReadFile and decodes it.
func Open(path string) (*File, error) {
	data, err := ReadFile(path, true)
	if err != nil {
		return nil, err
	}
	return Decode(path, data), nil
}

// ErrNotRegular is returned for a path that is not a regular file: a FIFO,
// device, socket or directory, or (when links are not followed) a symlink.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file over the limit.
var ErrTooLarge = errors.New("file too large")

// ReadFile is the one reader of user files (design files, drafts, and the
// templates and configurations check reads): it
// reads at most MaxFileSize bytes of a regular file. A FIFO, device, socket
// or directory is refused by its type before it is opened, since opening a
// FIFO blocks until a writer comes and /dev/zero never ends. With follow
// false, a symlink is refused too, so a draft planted as a link to another
// file is never read (and its target never quoted back).
func ReadFile(path string, follow bool) ([]byte, error) {
	return ReadFileMax(path, follow, MaxFileSize)
}

// ReadFileMax is ReadFile with a limit of max bytes, for inputs whose own
// limit differs (templates check reads may be larger than design files).
func ReadFileMax(path string, follow bool, max int64) ([]byte, error) {
	stat := os.Stat
	if !follow {
		stat = os.Lstat
	}
	fi, err := stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("%s: %w: it is %d bytes, and secretsmith reads files of at most %d bytes", path, ErrTooLarge, fi.Size(), max)
	}
	// The file may have been swapped between the stat and the open: open
	// without blocking (a FIFO would otherwise wait here) and check again
	// that what was opened is the regular file seen.
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock|openNoFollow(follow), 0)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	ofi, err := f.Stat()
	if err != nil {
		return nil, readError(path, err)
	}
	if err := regular(path, ofi); err != nil {
		return nil, err
	}
	if !os.SameFile(fi, ofi) {
		return nil, fmt.Errorf("%s: changed while it was being opened; try again", path)
	}
	// Sized from the stat, so a directory of templates is not read through
	// io.ReadAll's doubling buffers; a file that grew since is still read
	// to its end, up to the limit.
	var buf bytes.Buffer
	buf.Grow(int(min(ofi.Size(), max)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, readError(path, err)
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w: secretsmith reads files of at most %d bytes", path, ErrTooLarge, max)
	}
	return data, nil
}

// readError describes err, from reading path.
func readError(path string, err error) error { return Describe("read", path, err) }

// regular refuses anything but a regular file, naming what it is.
func regular(path string, fi fs.FileInfo) error {
	m := fi.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := "a special file"
	switch {
	case m&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return fmt.Errorf("%s: %w: it is %s, and secretsmith reads only regular files", path, ErrNotRegular, kind)
}
