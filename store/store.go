// Package store is how secretsmith touches files: the one bounded reader of
// design files and drafts, the one atomic writer of templates, design files,
// man pages and drafts, and draft storage. Commands and the wizard use it
// through the FS interface, so tests can inject failures.
//
// The writer's rules, for every file it writes:
//   - A target that exists and is not a regular file (a symlink, FIFO,
//     device, socket or directory) is refused, with --force too: --force
//     replaces files, it does not turn /dev/null or a link to
//     /proc/self/fd/1 into one.
//   - Without force an existing target is refused, and a target that appears
//     between the check and the write is not replaced (the file is moved
//     into place with a hard link, which fails on an existing name).
//   - A replaced file keeps its permission bits; a new one is 0644 (drafts
//     0600).
//   - Each file is written to a temporary in its directory, synced, and
//     renamed into place, so no reader sees half a file.
//
// A set of files (Terraform's .tf files, the man pages, a template with the
// design file it is made from) is all or nothing across a failure or a
// kill. Every file is first written to a temporary; then a journal
// naming each temporary and its target is written atomically; then the
// temporaries are renamed into place and the journal removed. A kill before
// the journal exists leaves the old set whole; a kill after it is rolled
// forward by the next write into that directory (or by Recover): each file
// the interrupted write was replacing then holds the new set. A file it was
// creating is not created by the recovery (a journal may have been planted:
// see Recover); the write that follows writes it. Leftover temporaries are
// removed by the same recovery.
package store

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// File is one file of a set: its name inside the directory and its bytes.
type File struct {
	Name string
	Data []byte
}

// FS is what the commands and the wizard do with files.
type FS interface {
	// ReadDesign reads and decodes the design file at path, following
	// links, through designfile.ReadFile's limits.
	ReadDesign(path string) (*designfile.File, error)
	// ReadFile reads the file at path, following links, through
	// designfile.ReadFile's limits: what a file given as a design file
	// holds when it is not one (a template, which is then named).
	ReadFile(path string) ([]byte, error)
	// WriteFile writes one file atomically under the writer's rules.
	WriteFile(path string, data []byte, force bool) error
	// WriteSet writes files into dir, all or nothing, creating dir. It
	// returns the paths written, in the order of files.
	WriteSet(dir string, files []File, force bool) ([]string, error)
	// WriteFiles writes files, which may lie in several directories, as
	// one set, all or nothing, with its journal in dir, and says which
	// files of an interrupted earlier write of the set it finished first.
	WriteFiles(dir string, files []SetFile) (SetWritten, error)
	// Drafts returns the draft storage.
	Drafts() Drafts
	// Stat, Lstat and ReadDir answer what is at a path, as package os's
	// functions do: whether an output goes into a directory, which .tf
	// files a directory holds already.
	Stat(path string) (fs.FileInfo, error)
	Lstat(path string) (fs.FileInfo, error)
	ReadDir(dir string) ([]fs.DirEntry, error)
	// WalkDir walks the tree at root as filepath.WalkDir does, for check's
	// directories.
	WalkDir(root string, fn fs.WalkDirFunc) error
}

// Drafts stores the wizard's draft, the answers of an unfinished session.
type Drafts interface {
	// Exists reports whether there is a draft at path.
	Exists(path string) bool
	// Read reads the draft at path, never following a symlink.
	Read(path string) (*designfile.File, error)
	// Load reads the draft's bytes at path as Read does, undecoded, for
	// what the wizard keeps in the draft's comments (where it stopped).
	Load(path string) ([]byte, error)
	// Save writes data as the draft at path, in a directory of mode 0700,
	// atomically: a reader, or the next session after a kill, sees the
	// whole old draft or the whole new one.
	Save(path string, data []byte) error
	// Probe reports why a draft cannot be saved at path, before the
	// session starts, by trying what Save does without writing the
	// draft: root (HOME, when the state directory lies below it; "" for
	// none) must be a directory that exists, since it is never created
	// for a draft (ErrNoRoot); the draft must be a regular file or
	// absent (NotRegularError); its directory, when it exists, must take
	// a new file.
	Probe(path, root string) error
	// Move renames the draft at from to to, as it is, whatever its size
	// (one that cannot be resumed is kept aside so). from must be a
	// regular file, and to absent: a file kept there is never replaced
	// (ExistsError when it is a regular file, NotRegularError otherwise).
	Move(from, to string) error
	// Remove deletes the draft at path.
	Remove(path string) error
	// Lock makes this session the draft's only writer until unlock is
	// called, or returns ErrLocked when another running session is, so
	// two wizards never overwrite or remove each other's draft.
	Lock(path string) (unlock func(), err error)
}

// OS is the file system itself.
type OS struct{}

var _ FS = OS{}

// ReadDesign implements FS.
func (OS) ReadDesign(path string) (*designfile.File, error) { return designfile.Open(path) }

// ReadFile implements FS.
func (OS) ReadFile(path string) ([]byte, error) { return designfile.ReadFile(path, true) }

// WriteFile implements FS.
func (OS) WriteFile(path string, data []byte, force bool) error {
	return WriteFile(path, data, force)
}

// WriteSet implements FS.
func (OS) WriteSet(dir string, files []File, force bool) ([]string, error) {
	return WriteSet(dir, files, force)
}

// WriteFiles implements FS.
func (OS) WriteFiles(dir string, files []SetFile) (SetWritten, error) {
	return WriteFiles(dir, files)
}

// Drafts implements FS.
func (OS) Drafts() Drafts { return osDrafts{} }

// Stat implements FS.
func (OS) Stat(path string) (fs.FileInfo, error) { return os.Stat(path) }

// Lstat implements FS.
func (OS) Lstat(path string) (fs.FileInfo, error) { return os.Lstat(path) }

// ReadDir implements FS.
func (OS) ReadDir(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }

// WalkDir implements FS.
func (OS) WalkDir(root string, fn fs.WalkDirFunc) error { return filepath.WalkDir(root, fn) }
