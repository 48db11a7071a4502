//go:build unix

package designfile

import "syscall"

// isNoSpace reports a full disk or an exhausted quota.
func isNoSpace(errno syscall.Errno) bool { return errno == syscall.ENOSPC || errno == syscall.EDQUOT }
