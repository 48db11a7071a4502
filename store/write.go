package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// ErrExists is returned when a target exists and force is off.
var ErrExists = errors.New("file already exists")

// ExistsError refuses to replace files that exist when force is off,
// naming every one. It is ErrExists to errors.Is. It does not say how to
// replace them: that is the caller's to word (generate's --force, the
// wizard's Overwrite switch), found with errors.As.
type ExistsError struct{ Paths []string }

func (e *ExistsError) Error() string {
	return "refusing to overwrite " + strings.Join(e.Paths, ", ")
}

// Is makes an ExistsError ErrExists.
func (e *ExistsError) Is(target error) bool { return target == ErrExists }

// ErrNotRegular is returned when a target exists and is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError refuses a target that is not a regular file (KIND such
// as "a symbolic link"). It is ErrNotRegular to errors.Is. Its words are
// generate's; the wizard, which has no --force, words it itself
// (errors.As).
type NotRegularError struct{ Path, Kind string }

func (e *NotRegularError) Error() string {
	return "write " + e.Path + ": not a regular file: it is " + e.Kind + ", and secretsmith only replaces regular files, with --force too"
}

// Unwrap makes a NotRegularError ErrNotRegular.
func (e *NotRegularError) Unwrap() error { return ErrNotRegular }

// Replaceable reports why path cannot be written by the store (a symbolic
// link, a directory), or nil when it is a regular file or absent.
func Replaceable(path string) error {
	_, err := checkTarget(path, true)
	return err
}

const (
	// tmpPrefix starts the name of every temporary the writer makes, so
	// recovery finds them and nothing else.
	tmpPrefix = ".secretsmith-tmp-"
	// journalName is the set being moved into place, in its directory.
	journalName = ".secretsmith-journal"
)

// afterRename, when set by a test, runs after the i-th rename of a set and
// may stop the commit there, as a kill would.
var afterRename func(i int) error

// WriteFile writes data to path atomically under the package's rules.
func WriteFile(path string, data []byte, force bool) error {
	mode, err := checkTarget(path, force)
	if err != nil {
		return err
	}
	if mode == 0 {
		mode = 0o644
	}
	removeStaleTemps(filepath.Dir(path), filepath.Base(path))
	return writeOne(path, data, mode, force)
}

// removeStaleTemps removes the temporaries that a killed write of name left
// in dir: this writer's, and the .NAME.tmp-* of earlier versions.
func removeStaleTemps(dir, name string) {
	for _, pattern := range []string{tmpPrefix + name + "-*", "." + name + ".tmp-*"} {
		matches, _ := filepath.Glob(filepath.Join(dir, globEscape(pattern)))
		for _, m := range matches {
			if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() {
				os.Remove(m)
			}
		}
	}
}

// globEscape quotes the glob characters of a file name, keeping the
// trailing * of the pattern.
func globEscape(pattern string) string {
	body := strings.TrimSuffix(pattern, "*")
	var b strings.Builder
	for _, r := range body {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String() + "*"
}

// checkTarget applies the rules to one target before anything is written.
// It returns the mode to keep: the existing file's permission bits, or 0
// for a new file.
func checkTarget(path string, force bool) (fs.FileMode, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, describe(path, err)
	}
	if !fi.Mode().IsRegular() {
		return 0, &NotRegularError{Path: path, Kind: kind(fi.Mode())}
	}
	if !force {
		return 0, &ExistsError{Paths: []string{path}}
	}
	return fi.Mode().Perm(), nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// writeOne writes a temporary beside path and moves it into place.
func writeOne(path string, data []byte, mode fs.FileMode, force bool) error {
	return writeOneAs(path, path, data, mode, force)
}

// writeOneAs is writeOne whose errors name shown, the target the user
// chose, rather than path (the journal of a set is the writer's own file).
func writeOneAs(shown, path string, data []byte, mode fs.FileMode, force bool) error {
	tmp, err := writeTemp(filepath.Dir(path), filepath.Base(path), data, mode)
	if err != nil {
		return describe(shown, err)
	}
	defer os.Remove(tmp) // no-op once renamed
	if err := place(tmp, path, force); err != nil {
		return describe(shown, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeTemp writes data to a new synced temporary in dir and returns its
// path.
func writeTemp(dir, name string, data []byte, mode fs.FileMode) (string, error) {
	if err := injected("open", filepath.Join(dir, tmpPrefix+name+"-*")); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, tmpPrefix+name+"-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(tmp)
		return "", err
	}
	if err := injected("write", tmp); err != nil {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := injected("sync", tmp); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// place moves tmp to path: a rename with force, and without it a hard link,
// which fails rather than replace a file that appeared after the check.
func place(tmp, path string, force bool) error {
	if force {
		// The target may have become a link or a FIFO since the check;
		// rename replaces the name, never writes through it, but the
		// rule is that only regular files are replaced.
		if _, err := checkTarget(path, true); err != nil {
			return err
		}
		if err := injected("rename", tmp); err != nil {
			return describe(path, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return describe(path, err)
		}
		return nil
	}
	if err := injected("link", tmp); err != nil {
		return describe(path, err)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &ExistsError{Paths: []string{path}}
		}
		return describe(path, err)
	}
	os.Remove(tmp)
	return nil
}

// syncDir makes the renames in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // not supported everywhere; the rename is done either way
		d.Close()
	}
}

// WriteSet writes files into dir, all or nothing across a kill (see the
// package comment). It first recovers what an earlier, interrupted write
// into dir left.
func WriteSet(dir string, files []File, force bool) ([]string, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("write %s: it is a file, and this output goes to a directory", dir)
	}
	set := make([]SetFile, len(files))
	for i, f := range files {
		if f.Name != filepath.Base(f.Name) || strings.HasPrefix(f.Name, ".") {
			return nil, fmt.Errorf("write %s: %q is not a plain file name", dir, f.Name)
		}
		set[i] = SetFile{Path: filepath.Join(dir, f.Name), Data: f.Data, Force: force}
	}
	w, err := WriteFiles(dir, set)
	return w.Files, err
}

// SetFile is one file of a set WriteFiles writes: its path, its bytes, and
// whether it may replace a regular file there (force).
type SetFile struct {
	Path  string
	Data  []byte
	Force bool
}

// SetWritten is what WriteFiles did: the files it wrote, in order, and the
// files of the set that an earlier, interrupted write of it had left half
// done and that this write finished first (Recovered), for the caller to
// say: a recovery is never silent.
type SetWritten struct {
	Files     []string
	Recovered []string
}

// WriteFiles writes files as one set, all or nothing across a failure or a
// kill (see the package comment), though they may lie in several
// directories (templates and the design file they are made from). Its
// journal lives in dir, which is created, and names each file by its path
// from dir. It first recovers what an earlier, interrupted write of the
// same set into dir left; the files of that write (the ones it had moved
// into place, and the ones recovery moves now) are replaced without force,
// since they are this set's own, half written, and not a user's.
//
// Every target is checked, and every file written to a temporary in its
// directory, before any is moved into place, so a refusal, an unwritable
// directory or a full disk leaves every file as it was.
func WriteFiles(dir string, files []SetFile) (SetWritten, error) {
	if err := MakeDir(dir); err != nil {
		return SetWritten{}, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return SetWritten{}, err
	}
	defer unlock()
	for _, f := range files {
		if err := MakeDirFor(f.Path); err != nil {
			return SetWritten{}, err
		}
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return SetWritten{}, describe(dir, err)
	}
	rels := make([]string, len(files))
	for i, f := range files {
		// From dir whatever the two look like (a design opened by its
		// absolute path, templates written to a relative one).
		abs, err := filepath.Abs(f.Path)
		rel := ""
		if err == nil {
			rel, err = filepath.Rel(absDir, abs)
		}
		base := filepath.Base(f.Path)
		// A name the journal cannot hold on one line, or one that is
		// the writer's own (a temporary, the journal), is refused.
		if err != nil || strings.ContainsAny(rel, "\t\n\r") || base == journalName || strings.HasPrefix(base, tmpPrefix) || base == "." || base == ".." {
			return SetWritten{}, fmt.Errorf("write %s: %q is not a file name secretsmith can write", f.Path, base)
		}
		rels[i] = rel
	}
	rec, err := recoverSet(dir, rels)
	if err != nil {
		return SetWritten{}, err
	}
	out := SetWritten{Recovered: rec.placed}
	for _, f := range files {
		removeStaleTemps(filepath.Dir(f.Path), filepath.Base(f.Path))
	}
	// Check every target before writing any, so a refusal leaves nothing
	// half done.
	modes := make([]fs.FileMode, len(files))
	force := make([]bool, len(files))
	var exist []string
	for i, f := range files {
		force[i] = f.Force || rec.ours[rels[i]]
		m, err := checkTarget(f.Path, force[i])
		if errors.Is(err, ErrExists) {
			exist = append(exist, f.Path)
			continue
		}
		if err != nil {
			return out, err
		}
		modes[i] = m
		if m == 0 {
			modes[i] = 0o644
		}
	}
	if len(exist) > 0 {
		return out, &ExistsError{Paths: exist}
	}
	tmps := make([]string, 0, len(files))
	cleanup := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for i, f := range files {
		tmp, err := writeTemp(filepath.Dir(f.Path), filepath.Base(f.Path), f.Data, modes[i])
		if err != nil {
			cleanup()
			return out, describe(f.Path, err)
		}
		tmps = append(tmps, tmp)
	}
	// Each entry names its temporary, its target (both from dir), the
	// file it may replace: "-" for none, or the identity of the file there
	// now (only with force), so a recovery replaces that file and no
	// other; and the temporary's own identity, which the target has once
	// the temporary is moved there, so the next write knows the file as
	// this set's.
	var j bytes.Buffer
	news := make([]bool, len(files))
	for i, f := range files {
		was := "-"
		if fi, err := os.Lstat(f.Path); err == nil {
			was = fileID(fi)
		} else {
			news[i] = true
		}
		id := "?"
		if fi, err := os.Lstat(tmps[i]); err == nil {
			id = fileID(fi)
		}
		fmt.Fprintf(&j, "%s\t%s\t%s\t%s\n", filepath.Join(filepath.Dir(rels[i]), filepath.Base(tmps[i])), rels[i], was, id)
	}
	if err := writeOneAs(dir, filepath.Join(dir, journalName), j.Bytes(), 0o644, true); err != nil {
		cleanup()
		return out, err
	}
	for i, f := range files {
		if err := place(tmps[i], f.Path, force[i]); err != nil {
			// Take back the files this write created: a failure
			// leaves no new file of the set beside the old ones. (A
			// replaced file's old bytes are gone; it stays new.)
			for k, p := range out.Files {
				if news[k] {
					os.Remove(p)
				}
			}
			cleanup()
			os.Remove(filepath.Join(dir, journalName))
			return out, err
		}
		out.Files = append(out.Files, f.Path)
		if afterRename != nil {
			if err := afterRename(i); err != nil {
				return out, err
			}
		}
	}
	for _, f := range files {
		syncDir(filepath.Dir(f.Path))
	}
	if err := os.Remove(filepath.Join(dir, journalName)); err != nil {
		return out, describe(dir, err)
	}
	return out, nil
}

// lockWait bounds how long a write waits for another secretsmith writing
// into the same directory; a test shortens it.
var lockWait = 30 * time.Second

// lockDir makes this process the only writer of a set into dir until
// unlock is called: a second write waits for the first to finish (up to
// lockWait), since its recovery would otherwise take the first one's
// journal for an interrupted write, finish that set and delete its
// temporaries mid-write, and both would fail with words that blame the
// directory (trial8b X9). Past lockWait it says another secretsmith is
// writing there, and writes nothing.
func lockDir(dir string) (unlock func(), err error) {
	deadline := time.Now().Add(lockWait)
	for {
		unlock, err := lockDirOnce(dir)
		if !errors.Is(err, ErrLocked) {
			if err != nil {
				return nil, describe(dir, err)
			}
			return unlock, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("write %s: another secretsmith is writing files into this directory now, and did not finish within %s; let it finish, then write again", dir, lockWait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Recover finishes a set an interrupted WriteSet left in dir: when its
// journal is there, every file the interrupted write was replacing is
// replaced by its temporary, so each of those holds the new set; a file
// the interrupted write was creating is never created here (see below),
// and the write that follows writes it. Then every other temporary of the
// writer is removed. A directory with nothing to recover is left as it
// is. It returns the files it moved into place.
//
// The journal is a file anyone who can write to dir could have planted, so
// it is trusted only as far as it agrees with what this writer does: set
// is the file names of the output being written now (paths from dir, as
// WriteFiles journals them), and an entry is followed only when it names
// one of them and its temporary is one the writer makes for that name, in
// the same directory (a regular file, not linked elsewhere, owned by this
// user, in a journal owned by this user, and the very file the journal
// recorded), and it replaces a file only when that file is the one the
// interrupted write was replacing (its identity in the journal). A journal
// and temporary that came with the directory (a cloned repository) are the
// user's too, and identities can be guessed, so no entry ever creates a
// file: a planted pair never places foreign bytes under a name that was
// free. Every other entry is ignored, so a planted journal cannot replace
// an unrelated file, nor one of the set.
func Recover(dir string, set []string) ([]string, error) {
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	rec, err := recoverSet(dir, set)
	return rec.placed, err
}

// recovery is what recoverSet did: the files it moved into place, and the
// names (from dir) of every file of the set the interrupted write put
// there, before the kill or by this recovery.
type recovery struct {
	placed []string
	ours   map[string]bool
}

func recoverSet(dir string, set []string) (recovery, error) {
	rec := recovery{ours: map[string]bool{}}
	jpath := filepath.Join(dir, journalName)
	// The journal is read like any file a user could have planted: bounded,
	// a regular file only, never through a symlink.
	data, err := designfile.ReadFile(jpath, false)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return rec, fmt.Errorf("recover %s: %w", dir, err)
	default:
		inSet := make(map[string]bool, len(set))
		for _, n := range set {
			inSet[n] = true
		}
		trusted := false
		if fi, err := os.Lstat(jpath); err == nil && fi.Mode().IsRegular() && ownedByUs(fi) {
			trusted = true
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for trusted && sc.Scan() {
			fields := strings.Split(sc.Text(), "\t")
			if len(fields) < 3 || len(fields) > 4 {
				continue
			}
			tmp, name, was, id := fields[0], fields[1], fields[2], ""
			if len(fields) == 4 {
				id = fields[3] // journals of earlier versions have none
			}
			// Only the writer's own temporary of a file of the set, in
			// the file's directory.
			if was == "" || !inSet[name] || filepath.Clean(name) != name || strings.HasPrefix(filepath.Base(name), ".") ||
				filepath.Dir(tmp) != filepath.Dir(name) || !strings.HasPrefix(filepath.Base(tmp), tmpPrefix+filepath.Base(name)+"-") {
				continue
			}
			tp, np := filepath.Join(dir, tmp), filepath.Join(dir, name)
			nfi, nerr := os.Lstat(np)
			tfi, err := os.Lstat(tp)
			if err != nil {
				// Already moved into place: the file there is this
				// set's when it is the temporary the journal recorded.
				if nerr == nil && id != "" && id != "?" && fileID(nfi) == id && nfi.Mode().IsRegular() {
					rec.ours[name] = true
				}
				continue
			}
			// The temporary must be the one the journal recorded (a
			// journal of an earlier version, with no identity, places
			// nothing).
			if !tfi.Mode().IsRegular() || !ownedByUs(tfi) || id == "" || id == "?" || fileID(tfi) != id {
				continue // not a temporary this writer made; removed below if regular
			}
			if nerr == nil && os.SameFile(tfi, nfi) {
				rec.ours[name] = true
				continue // linked; the temporary is removed below
			}
			if linkCount(tfi) > 1 {
				continue // a hard link to some other file, not a temporary
			}
			// A file is never created from a journal: a journal and a
			// temporary that came with the directory (a cloned
			// repository, an unpacked archive; owned by the user, their
			// identities guessable) would place foreign bytes under a
			// name of the set. The temporary is removed and the write
			// that follows writes the file from the design (trial7b V5).
			// A file there now is replaced only when it is the one the
			// interrupted write was replacing (its identity in the
			// journal), so the directory holds that write's whole set:
			// a planted pair can at most swap one file that came with
			// the directory for another, and only by guessing both
			// identities.
			if nerr != nil {
				if errors.Is(nerr, fs.ErrNotExist) {
					os.Remove(tp)
				}
				continue
			}
			if was == "-" || was == "?" || fileID(nfi) != was {
				continue
			}
			if err := place(tp, np, true); err != nil {
				if errors.Is(err, ErrExists) {
					continue
				}
				return rec, fmt.Errorf("recover %s: %w", dir, err)
			}
			rec.placed = append(rec.placed, np)
			rec.ours[name] = true
			syncDir(filepath.Dir(np))
		}
		syncDir(dir)
		if err := os.Remove(jpath); err != nil {
			return rec, fmt.Errorf("recover %s: %w", dir, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return rec, fmt.Errorf("recover %s: %w", dir, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return rec, nil
}
