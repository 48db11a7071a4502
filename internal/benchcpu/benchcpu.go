// Package benchcpu gives benchmarks the CPU time they used per operation.
// On a machine shared with other work the wall time a benchmark reports
// also counts the time spent waiting for a core; the CPU time does not,
// so benchmarks report both.
package benchcpu

import "testing"

// Report starts counting the CPU time of b and returns the function that,
// deferred or called once the loop has ended, reports it per operation as
// the metric cpu-ns/op.
func Report(b *testing.B) (stop func()) {
	start, ok := Used()
	return func() {
		if end, ok2 := Used(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
