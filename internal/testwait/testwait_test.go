package testwait

import (
	"testing"
	"time"
)

// A wait ends before the binary's deadline, so the test can fail in its own
// words; without a deadline it is left to the runner.
func TestDeadline(t *testing.T) {
	at := Deadline(t)
	if binary, ok := t.Deadline(); ok {
		if !at.Before(binary) || binary.Sub(at) != margin {
			t.Errorf("Deadline = %v, want %v before the binary's %v", at, margin, binary)
		}
	} else if time.Until(at) < time.Hour {
		t.Errorf("without a deadline Deadline is %v from now, want no practical bound", time.Until(at))
	}
	if Left(t) <= 0 {
		t.Errorf("Left = %v, want a positive wait", Left(t))
	}
}
