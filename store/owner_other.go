//go:build !unix

package store

import "io/fs"

// ownedByUs cannot ask for an owner here; the other checks of Recover stand.
func ownedByUs(fs.FileInfo) bool { return true }

// linkCount is not known here; every file counts as having one name.
func linkCount(fs.FileInfo) uint64 { return 1 }

// fileID is not known here: no file matches a journal's entry, so a
// recovery only completes files that are not there.
func fileID(fs.FileInfo) string { return "?" }
