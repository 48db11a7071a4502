//go:build !unix

package benchcpu

import "time"

// Used is not measured here; benchmarks then report wall time only.
func Used() (d time.Duration, ok bool) { return 0, false }
