package testwait

import (
	"strings"
	"sync"
)

// Transcript is output that a test reads while another goroutine writes
// it: a line-mode session's transcript, a server process's logs. The zero
// value is empty and ready to write.
type Transcript struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *Transcript) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is what has been written so far.
func (s *Transcript) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
