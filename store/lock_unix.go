//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// lockFile opens path and takes an exclusive flock on it without waiting.
// The system drops the lock when the process ends, however it ends, so a
// crashed session never leaves a stale lock.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, err
	}
	if err := flockNB(f); err != nil {
		return nil, err
	}
	return f, nil
}

// lockDirOnce takes an exclusive flock on the directory dir itself without
// waiting, so a lock leaves no file behind in the output directory. It
// returns ErrLocked while another writer holds it; the system drops the
// lock when the process ends, however it ends.
func lockDirOnce(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := flockNB(f); err != nil {
		return nil, err
	}
	return func() { f.Close() }, nil
}

// flockNB takes an exclusive flock on f without waiting, or closes f and
// says why not (ErrLocked while another holds it).
func flockNB(f *os.File) error {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return ErrLocked
		}
		return err
	}
	return nil
}
