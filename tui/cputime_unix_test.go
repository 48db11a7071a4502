//go:build unix

package tui

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, in user and system mode,
// over all its threads (the GC's included). Benchmarks report it beside the
// wall time, which on a machine shared with other work counts the time
// spent waiting for a core.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
