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

	"github.com/secretsmith/secretsmith/internal/testwait"
)

// Install says how to get moto's server.
const Install = "moto's server is needed for these tests: pip install 'moto[server]' (then python3 -m moto.server works)"

// Server is a running moto server.
type Server struct {
	// URL is the base endpoint, such as http://127.0.0.1:40123.
	URL     string
	cmd     *exec.Cmd
	logs    *testwait.Transcript // written by the process's copying goroutines
	exited  <-chan struct{}
	waitErr error
}

// Start runs a moto server on a free loopback port and waits until it
// answers, the process ends, or the deadline passes.
func Start(deadline time.Time) (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), logs: &testwait.Transcript{}}
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
	exited := make(chan struct{})
	go func() {
		s.waitErr = s.cmd.Wait()
		close(exited)
	}()
	s.exited = exited
	// moto imports every service before it listens; on a busy machine
	// that takes a while, so the wait is bounded by the test's deadline
	// (testwait), not by a guess at the machine's speed.
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.warm(deadline)
				return s, nil
			}
		}
		select {
		case <-exited:
			// A missing moto ends here, python's words in the output.
			return nil, fmt.Errorf("moto server ended before it answered on %s (%v); its output:\n%s", s.URL, s.waitErr, s.logs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	s.Stop()
	return nil, fmt.Errorf("moto server did not answer on %s by the test's deadline; its output:\n%s", s.URL, s.logs.String())
}

// Logs is what the server has printed so far.
// warm makes moto build its EC2 backend now, inside the start's deadline:
// its first EC2 call loads the region's default network and took over the
// SDK's 30-second call timeout on a loaded machine, failing a test that
// only meant to ask for two subnets. Later calls, after a reset too, are
// quick. A warm-up that fails is left to the tests to show.
func (s *Server) warm(deadline time.Time) {
	req, err := http.NewRequest(http.MethodPost, s.URL+"/", strings.NewReader("Action=DescribeSubnets&Version=2016-11-15"))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// moto routes an unsigned request by the credential scope alone.
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=warm")
	client := &http.Client{Timeout: max(time.Until(deadline), time.Second)}
	if resp, err := client.Do(req); err == nil {
		resp.Body.Close()
	}
}

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
	s.cmd.Process.Kill()
	<-s.exited
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
	return SharedServer(tb).URL
}

// SharedServer is Shared's server itself, for a test that shows its logs.
// Tests that use it must not run in parallel with each other: each one
// resets the server. The package's TestMain calls StopShared.
func SharedServer(tb testing.TB) *Server {
	tb.Helper()
	shared.once.Do(func() { shared.srv, shared.err = Start(testwait.Deadline(tb)) })
	if shared.err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s: %v", Install, shared.err)
		}
		tb.Skipf("%s: %v", Install, shared.err)
	}
	if err := shared.srv.Reset(); err != nil {
		tb.Fatalf("reset moto: %v", err)
	}
	return shared.srv
}

// StopShared stops the shared server, if one was started; TestMain calls it.
func StopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
}
