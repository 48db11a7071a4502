// Package motoserver runs moto's local AWS endpoint
// (python3 -m moto.server) for tests: on a free loopback port, started once
// per test binary and stopped by the package's TestMain.
package motoserver

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Install says how to get moto's server.
const Install = "moto's server is needed for these tests: pip install 'moto[server]' (then python3 -m moto.server works)"

// Server is a running moto server.
type Server struct {
	// URL is the base endpoint, such as http://127.0.0.1:40123.
	URL  string
	cmd  *exec.Cmd
	logs *strings.Builder
}

// Start runs a moto server on a free loopback port and waits until it
// answers.
func Start() (*Server, error) {
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		return nil, fmt.Errorf("python3 -c 'import moto.server': %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), logs: &strings.Builder{}}
	s.cmd = exec.Command("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	// moto runs boto3, which reads the same AWS_ variables; a test's own
	// settings (an empty AWS_PROFILE, say) must not break the server.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			s.cmd.Env = append(s.cmd.Env, kv)
		}
	}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	// moto imports every service before it listens; on a busy machine
	// that takes a while.
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.Stop()
	return nil, fmt.Errorf("moto server did not answer on %s within 90s; its output:\n%s", s.URL, s.logs.String())
}

// Logs is what the server has printed so far.
func (s *Server) Logs() string { return s.logs.String() }

// Reset drops every resource the server holds.
func (s *Server) Reset() error {
	resp, err := http.Post(s.URL+"/moto-api/reset", "application/json", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("moto reset: " + resp.Status)
	}
	return nil
}

// Stop ends the server process.
func (s *Server) Stop() {
	if s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns the URL of the test binary's moto server, started on first
// use and reset for each caller. When moto is missing the test fails if CI
// is set and is skipped otherwise, with Install as the message.
func Shared(tb testing.TB) string {
	tb.Helper()
	shared.once.Do(func() { shared.srv, shared.err = Start() })
	if shared.err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s: %v", Install, shared.err)
		}
		tb.Skipf("%s: %v", Install, shared.err)
	}
	if err := shared.srv.Reset(); err != nil {
		tb.Fatalf("reset moto: %v", err)
	}
	return shared.srv.URL
}

// StopShared stops the shared server, if one was started; TestMain calls it.
func StopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
}
