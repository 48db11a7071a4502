//go:build unix

package store

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ownedByUs reports whether fi belongs to the user this process runs as:
// a journal or temporary of another user's was not made by this writer.
func ownedByUs(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// linkCount is the number of names fi has.
func linkCount(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// fileID is what tells fi's file from every other on the machine: its
// device and inode.
func fileID(fi fs.FileInfo) string {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
	}
	return "?"
}
