//go:build !unix

package designfile

import "syscall"

// isNoSpace reports a full disk.
func isNoSpace(errno syscall.Errno) bool { return errno == syscall.ENOSPC }
