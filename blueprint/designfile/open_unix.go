//go:build unix

package designfile

import "syscall"

// openNoBlock keeps an open of a FIFO from waiting for a writer.
const openNoBlock = syscall.O_NONBLOCK

// openNoFollow makes the open fail on a symlink when links are not followed.
func openNoFollow(follow bool) int {
	if follow {
		return 0
	}
	return syscall.O_NOFOLLOW
}
