package tui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
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
	data, err := os.ReadFile(draft)
	if err != nil {
		t.Fatalf("read draft: %v", err)
	}
	dFile := designfile.Decode(draft, data)
	d, diags := dFile.Design, dFile.Structure
	if len(diags.Errors()) > 0 || d == nil {
		t.Fatalf("designfile.Decode(draft) = %v", diags)
	}
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
