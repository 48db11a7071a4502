// Package testwait is how tests that wait for something to happen (a
// screen in a terminal, a signal's effect, a program's answer) bound the
// wait: by the test binary's own deadline (go test -timeout), never by a
// guess at how fast the machine is. A slow or busy machine makes such a
// test slower, not failing; a hang still fails, in the test's own words,
// shortly before the go command would kill the binary with a stack dump.
package testwait

import (
	"testing"
	"time"
)

// margin is left before the binary's deadline for the failing test to say
// what it waited for, and for its cleanups.
const margin = 20 * time.Second

// Deadline is when a wait in t gives up.
func Deadline(t testing.TB) time.Time {
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if at, ok := d.Deadline(); ok {
			return at.Add(-margin)
		}
	}
	// -timeout 0 (or a benchmark): no deadline is set, and a hang is the
	// runner's to stop.
	return time.Now().Add(24 * time.Hour)
}

// Left is how long a wait in t may take from now.
func Left(t testing.TB) time.Duration {
	return max(time.Until(Deadline(t)), time.Second)
}
