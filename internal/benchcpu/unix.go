//go:build unix

package benchcpu

import (
	"syscall"
	"time"
)

// Used is the CPU time this process has used, in user and system mode,
// over all its threads (the GC's included); ok is false where it is not
// measured.
func Used() (d time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
