package main

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/needtool"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// TestWizardTmux runs testdata/e2e/wizard.sh: the real binary in a tmux
// terminal, driven through one whole wizard session with send-keys, its
// template compared with what 'secretsmith generate' makes from the saved
// design file.
//
// Without tmux the test is skipped with a line saying how to install it,
// and fails instead when CI is set (.ci/run sets it and installs tmux), so
// CI cannot pass without running the wizard in a terminal.
func TestWizardTmux(t *testing.T) {
	needtool.Path(t, "tmux", "install tmux (apt-get install tmux) to run the wizard's end-to-end test")
	t.Parallel()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatalf("bash is needed to run testdata/e2e/wizard.sh: %v", err)
	}
	// The script bounds every wait itself, by what is left of the test
	// binary's deadline (a slow machine makes it slower, never failing);
	// this context stops a script that hangs in a way it did not foresee.
	ctx, cancel := context.WithDeadline(context.Background(), testwait.Deadline(t))
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "testdata/e2e/wizard.sh")
	// It runs the program this test binary stands in for, rather than
	// building its own.
	cmd.Env = append(os.Environ(), "SECRETSMITH="+secretsmithBinary(t),
		"SECRETSMITH_E2E_WAIT="+strconv.Itoa(int(testwait.Left(t).Seconds())-15))
	// SIGTERM rather than SIGKILL, so the script's trap stops its tmux
	// server.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash testdata/e2e/wizard.sh: %v after %v\n%s", err, time.Since(start).Round(time.Millisecond), out)
	}
	if !strings.Contains(string(out), "wizard.sh: ok") {
		t.Fatalf("bash testdata/e2e/wizard.sh exited 0 without reporting ok:\n%s", out)
	}
	t.Logf("wizard.sh passed in %v", time.Since(start).Round(time.Millisecond))
}
