package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// ErrLocked is returned by Lock when another running secretsmith holds the
// draft.
var ErrLocked = errors.New("another secretsmith session is using the draft")

// osDrafts keeps drafts in files.
type osDrafts struct{}

// Exists implements Drafts: a regular file is there (a symlink or a FIFO
// planted as the draft is not a draft).
func (osDrafts) Exists(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular()
}

// Read implements Drafts: Load, decoded.
func (d osDrafts) Read(path string) (*designfile.File, error) {
	data, err := d.Load(path)
	if err != nil {
		return nil, err
	}
	return designfile.Decode(path, data), nil
}

// Load implements Drafts: the bounded reader, without following links.
func (osDrafts) Load(path string) ([]byte, error) { return designfile.ReadFile(path, false) }

// Save implements Drafts. The draft holds a secret's design, so its
// directory is made (or tightened to) 0700 and the file is 0600; a draft
// that is not a regular file is refused rather than replaced. The file is
// written as every file the store writes is (writeOne): to a synced
// temporary beside it, renamed over the draft, so a kill at any moment
// leaves the whole old draft or the whole new one. The wizard saves the
// draft while the user types, so a kill during a save is not rare.
func (osDrafts) Save(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: %w: it is %s", dir, ErrNotRegular, kind(fi.Mode()))
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("tighten %s to 0700: %w", dir, err)
		}
	}
	if _, err := checkTarget(path, true); err != nil {
		return err
	}
	return writeOne(path, data, 0o600, true)
}

// ErrNoRoot is Probe's answer when the directory a draft's state
// directory lies below (HOME) does not exist: it is not made for a draft.
var ErrNoRoot = errors.New("does not exist, and secretsmith does not create it to keep a draft")

// Probe implements Drafts.
func (osDrafts) Probe(path, root string) error {
	if root != "" {
		if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s %w", root, ErrNoRoot)
		}
	}
	if err := Replaceable(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); err != nil {
		return nil // made by Lock and Save, which say why they cannot
	}
	f, err := os.CreateTemp(dir, tmpPrefix+"probe-*")
	if err != nil {
		return describe(dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// Move implements Drafts. from must be a regular file, and nothing may be
// at to: a planted draft.unreadable.yaml symlink is refused rather than
// written through, and a draft kept there before is never replaced
// (ExistsError; trial8b X8: a second unreadable draft silently took the
// first one's place). The caller holds the draft's lock, so no other
// session moves a draft between this check and the rename.
func (osDrafts) Move(from, to string) error {
	fi, err := os.Lstat(from)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return &NotRegularError{Path: from, Kind: kind(fi.Mode())}
	}
	if _, err := checkTarget(to, false); err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	syncDir(filepath.Dir(to))
	return nil
}

// Remove implements Drafts; a draft already gone is not an error.
func (osDrafts) Remove(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Lock implements Drafts (see lockFile). Sessions in one process take the
// lock over from each other: they run one after another (tests do that),
// and only another process can be a session running at the same time.
func (osDrafts) Lock(path string) (unlock func(), err error) {
	locksMu.Lock()
	defer locksMu.Unlock()
	if l, ok := locks[path]; ok {
		l.users++
		return once(l.release), nil
	}
	// A directory that cannot be made or written is described (a
	// WriteError naming the directory), not the system call's words.
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, describe(dir, err)
	}
	f, err := lockFile(path + ".lock")
	if errors.Is(err, ErrLocked) {
		return nil, err
	}
	if err != nil {
		return nil, describe(dir, err)
	}
	removeDraftTemps(path)
	l := &heldLock{path: path, f: f, users: 1}
	locks[path] = l
	return once(l.release), nil
}

// removeDraftTemps removes the temporaries of saves of the draft at path,
// and of drafts beside it named after it (the wizard's
// draft.previous.yaml), that a killed session left. Only the holder of
// the lock saves them, so once it is taken none is being written. They
// hold a secret's design, so they are not left to pile up.
func removeDraftTemps(path string) {
	stem := strings.TrimSuffix(filepath.Base(path), ".yaml")
	temps, _ := filepath.Glob(filepath.Join(filepath.Dir(path), globEscape(tmpPrefix+stem+"*")))
	for _, t := range temps {
		if fi, err := os.Lstat(t); err == nil && fi.Mode().IsRegular() {
			os.Remove(t)
		}
	}
}

// once makes an unlock safe to call twice.
func once(f func()) func() {
	var o sync.Once
	return func() { o.Do(f) }
}

var (
	locksMu sync.Mutex
	locks   = map[string]*heldLock{}
)

type heldLock struct {
	path  string
	f     *os.File
	users int
}

func (l *heldLock) release() {
	locksMu.Lock()
	defer locksMu.Unlock()
	l.users--
	if l.users > 0 {
		return
	}
	delete(locks, l.path)
	l.f.Close() // closing the file drops the lock
}
