package tui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/testwait"
)

// interruptingReader gives its answers, then cancels the session's
// context, as SIGINT does, and blocks like a terminal nobody types in.
type interruptingReader struct {
	r       io.Reader
	cancel  context.CancelFunc
	blocked chan struct{}
}

func (ir *interruptingReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 || !errors.Is(err, io.EOF) {
		return n, err
	}
	ir.cancel()
	<-ir.blocked
	return 0, io.EOF
}

func TestRunAccessibleInterruptKeepsTheDraft(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.yaml")
	w := &diskWriter{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := &interruptingReader{r: lines(append(secretAnswers("prod/db"), "", "", "y")...), cancel: cancel, blocked: make(chan struct{})}
	defer close(in.blocked)
	var transcript strings.Builder
	res, err := RunAccessibleContext(ctx, nil, Options{DraftPath: draft, Write: w.write}, in, &transcript)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunAccessibleContext = %v, want ErrInterrupted", err)
	}
	if !strings.Contains(err.Error(), draft) {
		t.Errorf("error %q does not name the draft %s", err, draft)
	}
	if !res.Aborted || res.Done || w.calls != 0 {
		t.Errorf("after an interrupt: Aborted %v, Done %v, writer called %d times; want aborted, nothing written", res.Aborted, res.Done, w.calls)
	}
	d := loadDraft(t, draft)
	if d.Secret.SecretID != "prod/db" || d.Rotation == nil {
		t.Errorf("draft = secretId %q, rotation %+v; want prod/db with rotation on, the last answer kept", d.Secret.SecretID, d.Rotation)
	}
}

// A context cancelled before the first answer stops at once, even with
// answers waiting, and leaves no draft: nothing was designed yet.
func TestRunAccessibleCancelledContext(t *testing.T) {
	draft := filepath.Join(t.TempDir(), "draft.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var transcript strings.Builder
	res, err := RunAccessibleContext(ctx, nil, Options{DraftPath: draft}, lines(secretAnswers("prod/db")...), &transcript)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunAccessibleContext with a cancelled context = %v, want ErrInterrupted", err)
	}
	if !res.Aborted {
		t.Errorf("Result.Aborted = false, want true")
	}
	if res.Design.Secret.SecretID != "" {
		t.Errorf("secretId = %q after an interrupt before any answer, want it unanswered", res.Design.Secret.SecretID)
	}
	if _, err := os.Stat(draft); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("draft after an interrupt on the Start step: stat = %v, want no file", err)
	}
}

// Line mode's Ctrl+C on the Start step, gone back to after answers were
// saved, says where they are kept, as the screens do there, and so does
// the message it stops with.
func TestLineModeCtrlCOnStartNamesTheDraft(t *testing.T) {
	draft := t.TempDir() + "/draft.yaml"
	ints := make(chan os.Signal)
	// Start's question is asked a second time once "<" is read: the
	// interrupt must not race that answer.
	pw, out, done := lineModeBackToStart(t, Options{DraftPath: draft, Interrupts: ints})
	ints <- os.Interrupt
	waitFor(t, out, "Type y to quit")
	if !strings.Contains(out.String(), "Your answers are kept in the draft at "+draft) {
		t.Errorf("the quit question on Start does not name the draft:\n%s", out.String())
	}
	io.WriteString(pw, "y\n")
	err := <-done
	if !errors.Is(err, ErrInterrupted) || !strings.Contains(err.Error(), draft) {
		t.Errorf("RunAccessible = %v, want ErrInterrupted naming the draft %s", err, draft)
	}
	if d := loadDraft(t, draft); d.Secret.SecretID != "prod/x" {
		t.Errorf("the draft holds Secret Id %q, want prod/x", d.Secret.SecretID)
	}
}

// lineModeBackToStart runs line mode with opts, answers a new design's
// Secret Id with prod/x, goes back with "<" and waits for Start's question
// to be asked again. It returns the input to go on with, the output, and
// RunAccessible's error once it ends.
func lineModeBackToStart(t *testing.T, opts Options) (*io.PipeWriter, *testwait.Transcript, chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	out := &testwait.Transcript{}
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, opts, pr, out)
		done <- err
	}()
	io.WriteString(pw, "new\n")
	waitFor(t, out, "Secret Id")
	io.WriteString(pw, "prod/x\n")
	waitFor(t, out, "Description")
	io.WriteString(pw, "<\n")
	for deadline := testwait.Deadline(t); strings.Count(out.String(), "Begin with") < 2; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Start was not asked again after <:\n%s", out.String())
		}
	}
	return pw, out, done
}

// After n to "Quit the wizard?" line mode says which question it is back
// at, as it does after a wrong answer: "Carrying on." alone left a bare
// prompt, the question scrolled away above the quit question.
func TestLineModeCarryingOnRepeatsTheQuestion(t *testing.T) {
	ints := make(chan os.Signal)
	pr, pw := io.Pipe()
	out := &testwait.Transcript{}
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, Options{DraftPath: t.TempDir() + "/draft.yaml", Interrupts: ints}, pr, out)
		done <- err
	}()
	io.WriteString(pw, "new\nprod/db\n")
	waitFor(t, out, "Description")
	ints <- os.Interrupt
	waitFor(t, out, "Type y to quit")
	io.WriteString(pw, "n\n")
	waitFor(t, out, "Carrying on. Description again:")
	pw.Close()
	<-done
}

// Issue 11, item 6: in line mode Ctrl+C asks before quitting and says
// where the answers are; n carries on, y quits.
func TestLineModeCtrlCAsks(t *testing.T) {
	draft := t.TempDir() + "/draft.yaml"
	ints := make(chan os.Signal)
	pr, pw := io.Pipe()
	out := &testwait.Transcript{}
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, Options{DraftPath: draft, Interrupts: ints}, pr, out)
		done <- err
	}()
	io.WriteString(pw, "new\n")
	waitFor(t, out, "Secret Id")
	ints <- os.Interrupt
	waitFor(t, out, "Quit the wizard? Nothing has been written. Your answers are kept in the draft at "+draft)
	io.WriteString(pw, "n\n")
	waitFor(t, out, "Carrying on.")
	io.WriteString(pw, "prod/db\n")
	waitFor(t, out, "Description")
	ints <- os.Interrupt
	waitFor(t, out, "Type y to quit")
	io.WriteString(pw, "y\n")
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunAccessible = %v, want ErrInterrupted", err)
	}
	if d := loadDraft(t, draft); d.Secret.SecretID != "prod/db" {
		t.Errorf("the draft holds Secret Id %q, want prod/db", d.Secret.SecretID)
	}
}
