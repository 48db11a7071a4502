//go:build !unix

package designfile

// openNoBlock is 0 where FIFOs do not block an open (or do not exist).
const openNoBlock = 0

// openNoFollow relies on the Lstat before the open where there is no
// O_NOFOLLOW.
func openNoFollow(bool) int { return 0 }
