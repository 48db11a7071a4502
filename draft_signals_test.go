//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/internal/needtool"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// TestWizardDraftSurvivesKillsAndSignals runs the real binary in tmux
// terminals (issue 11, item 3). Before, the draft was written only on a
// step change or a quit: kill -9 or a closed terminal lost the step in
// progress, and SIGTERM ended the wizard with exit 0 and nothing saved.
// Here the wizard types on the Secret step and is then killed, sent
// SIGTERM or SIGHUP, or has its terminal closed; the draft must hold what
// was typed, and the next session must offer it by name and resume on the
// field left.
func TestWizardDraftSurvivesKillsAndSignals(t *testing.T) {
	needtool.Path(t, "tmux", "install tmux (apt-get install tmux) to run the wizard in a terminal")
	bin := secretsmithBinary(t)
	// Each case has its own tmux server and directories, and mostly
	// waits for the wizard: they run side by side, and beside the
	// package's other such tests.
	t.Parallel()

	t.Run("kill -9", func(t *testing.T) {
		t.Parallel()
		w := startWizard(t, bin, t.TempDir())
		w.typeOnSecretStep("prod/db", "the payments db")
		// The autosave comes half a second after the last key; no step
		// changed, so only it can have written the description.
		w.waitForDraft("description: the payments db")
		w.signal(syscall.SIGKILL)
		w.waitGone()
		d := w.draft().Design
		if d.Secret.SecretID != "prod/db" || d.Secret.Description != "the payments db" {
			t.Errorf("after kill -9 the draft holds %q, %q", d.Secret.SecretID, d.Secret.Description)
		}

		// The next session offers it by name, and resumes on Description.
		next := startWizard(t, bin, w.root)
		next.waitFor("Resume the draft of prod-db, saved ")
		next.keys("Enter")
		next.waitFor("step 2 of 8")
		next.waitFor("› Description")
		next.waitFor("the payments db")
	})

	for _, c := range []struct {
		name string
		sig  syscall.Signal
	}{{"SIGTERM", syscall.SIGTERM}, {"SIGHUP", syscall.SIGHUP}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w := startWizard(t, bin, t.TempDir())
			w.typeOnSecretStep("prod/"+strings.ToLower(c.name), "")
			// At once, inside the debounce: the stop saves the draft
			// itself.
			w.signal(c.sig)
			if rc := w.exitCode(); rc != 130 {
				t.Errorf("after %s the wizard exited %d, want 130", c.name, rc)
			}
			// The terminal is usable again and says where the answers are.
			w.waitFor("secretsmith: stopped; your answers are in the draft " + w.draftPath())
			if d := w.draft().Design; d.Secret.SecretID != "prod/"+strings.ToLower(c.name) {
				t.Errorf("after %s the draft's Secret Id is %q", c.name, d.Secret.SecretID)
			}
		})
	}

	t.Run("terminal closed", func(t *testing.T) {
		t.Parallel()
		w := startWizard(t, bin, t.TempDir())
		w.typeOnSecretStep("prod/closed", "")
		// The terminal goes away: tmux closes the pane's terminal, and
		// the kernel sends SIGHUP.
		w.tmux("kill-server")
		w.waitGone()
		if d := w.draft().Design; d.Secret.SecretID != "prod/closed" {
			t.Errorf("after the terminal closed the draft's Secret Id is %q", d.Secret.SecretID)
		}
	})
}

// tmuxWizard is the wizard running in a private tmux server of 100x30,
// with its state (the draft) under root/state.
type tmuxWizard struct {
	t          *testing.T
	root, work string
	sock       string
	pid        int
}

// startWizard starts the wizard in a new tmux server whose pane stays
// after the wizard exits, so its last words can be read.
func startWizard(t *testing.T, bin, root string) *tmuxWizard {
	t.Helper()
	work := t.TempDir()
	w := &tmuxWizard{t: t, root: root, work: work, sock: filepath.Join(work, "tmux.sock")}
	conf := filepath.Join(work, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"home", "state"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// sh writes its pid and becomes the wizard, so pid is the wizard's;
	// the shell around it records the exit code.
	cmd := "cd " + shq(work) + " && env -u TMUX HOME=" + shq(filepath.Join(root, "home")) +
		" XDG_STATE_HOME=" + shq(filepath.Join(root, "state")) + " NO_COLOR=1 LANG=C.UTF-8" +
		` sh -c 'echo $$ >pid; exec "$0" >stdout' ` + shq(bin) + `; echo $? >rc.tmp; mv rc.tmp rc`
	if out, err := exec.Command("tmux", "-S", w.sock, "-f", conf, "new-session", "-d", "-s", "wizard", "-x", "100", "-y", "30", cmd).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		exec.Command("tmux", "-S", w.sock, "kill-server").Run()
		// The closed terminal sends the wizard SIGHUP, and it saves its
		// draft under root as it stops: wait for it to be gone, or the
		// draft lands in root while the test's TempDir is being removed
		// ("directory not empty").
		for deadline := testwait.Deadline(t); w.pid != 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if errors.Is(syscall.Kill(w.pid, 0), syscall.ESRCH) {
				return
			}
		}
	})
	w.until("the wizard to start", func() bool {
		b, err := os.ReadFile(filepath.Join(work, "pid"))
		if err != nil {
			return false
		}
		w.pid, err = strconv.Atoi(strings.TrimSpace(string(b)))
		return err == nil
	})
	return w
}

func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// until waits for ok, as long as the test binary's deadline allows: a
// slow machine only makes the test slower.
func (w *tmuxWizard) until(what string, ok func() bool) {
	w.t.Helper()
	start, deadline := time.Now(), testwait.Deadline(w.t)
	for !ok() {
		if time.Now().After(deadline) {
			w.t.Fatalf("waited %v for %s; the screen:\n%s", time.Since(start).Round(time.Second), what, w.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *tmuxWizard) tmux(args ...string) string {
	out, _ := exec.Command("tmux", append([]string{"-S", w.sock}, args...)...).CombinedOutput()
	return string(out)
}

// screen is the pane and what scrolled off it, lines the terminal wrapped
// joined again.
func (w *tmuxWizard) screen() string {
	return w.tmux("capture-pane", "-p", "-J", "-S", "-100", "-t", "wizard")
}

func (w *tmuxWizard) waitFor(text string) {
	w.t.Helper()
	w.until("the screen to show "+strconv.Quote(text), func() bool { return strings.Contains(w.screen(), text) })
}

func (w *tmuxWizard) keys(keys ...string) {
	w.tmux(append([]string{"send-keys", "-t", "wizard"}, keys...)...)
}

func (w *tmuxWizard) typeText(s string) { w.tmux("send-keys", "-t", "wizard", "-l", "--", s) }

// typeOnSecretStep starts a new secret and types its Secret Id and, when
// given, its Description, without leaving the step.
func (w *tmuxWizard) typeOnSecretStep(id, description string) {
	w.t.Helper()
	w.waitFor("Design a new secret")
	w.keys("Enter")
	w.waitFor("step 2 of 8")
	w.typeText(id)
	w.waitFor(id)
	if description != "" {
		w.keys("Tab")
		w.waitFor("› Description")
		w.typeText(description)
		w.waitFor(description)
	}
}

func (w *tmuxWizard) signal(sig syscall.Signal) {
	w.t.Helper()
	if err := syscall.Kill(w.pid, sig); err != nil {
		w.t.Fatalf("kill -%d %d: %v", sig, w.pid, err)
	}
}

// waitGone waits until the wizard's process has ended.
func (w *tmuxWizard) waitGone() {
	w.t.Helper()
	w.until("the wizard to end", func() bool { return errors.Is(syscall.Kill(w.pid, 0), syscall.ESRCH) })
}

// exitCode waits for the wizard to exit and returns its exit code.
func (w *tmuxWizard) exitCode() int {
	w.t.Helper()
	var rc int
	w.until("the wizard to exit", func() bool {
		b, err := os.ReadFile(filepath.Join(w.work, "rc"))
		if err != nil {
			return false
		}
		rc, err = strconv.Atoi(strings.TrimSpace(string(b)))
		return err == nil
	})
	return rc
}

func (w *tmuxWizard) draftPath() string {
	return filepath.Join(w.root, "state", "secretsmith", "draft.yaml")
}

// waitForDraft waits until the draft file holds text.
func (w *tmuxWizard) waitForDraft(text string) {
	w.t.Helper()
	w.until("the draft to hold "+strconv.Quote(text), func() bool {
		b, _ := os.ReadFile(w.draftPath())
		return strings.Contains(string(b), text)
	})
}

// draft reads the draft as generate would; a draft may be half done, so
// only its structure must be sound.
func (w *tmuxWizard) draft() *designfile.File {
	w.t.Helper()
	f, err := designfile.Open(w.draftPath())
	if err != nil {
		w.t.Fatalf("read the draft: %v", err)
	}
	if ds := f.Structure.Errors(); len(ds) > 0 || f.Design == nil {
		w.t.Fatalf("the draft does not load: %v", ds)
	}
	return f
}
