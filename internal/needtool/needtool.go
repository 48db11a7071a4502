// Package needtool is how tests that run an outside tool (cfn-lint, tmux,
// moto) find it. A missing tool skips the test with one line saying what to
// install, so go test ./... passes on a fresh laptop; when CI is set (.ci/run
// sets it), a missing tool fails the test instead, so CI cannot pass without
// running everything.
package needtool

import (
	"os"
	"os/exec"
	"testing"
)

// Path returns the path of the command name, or skips t (fails it under CI)
// with a message naming install, the command that installs it.
func Path(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	Missing(t, name+" is not installed", install)
	return ""
}

// Missing skips t, or fails it when CI is set, because what says is
// missing; install says how to get it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (CI is set, so this test must run): %s", what, install)
	}
	t.Skipf("%s: %s", what, install)
}
