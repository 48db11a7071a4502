package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// openedWriter is a WriteFunc that remembers the design file it was told
// the session opened.
type openedWriter struct{ opened []string }

func (w *openedWriter) write(_ context.Context, _ account.Account, _ *blueprint.Design, _ generate.Format, path string, _ bool, opened string) (Written, error) {
	w.opened = append(w.opened, opened)
	return Written{Files: []string{path}}, nil
}

// openFromStart chooses Start > Open a design file on m, gives it path
// and presses Continue.
func openFromStart(t *testing.T, m *Model, path string) {
	t.Helper()
	m.choose(fieldByID(t, m, "start.choice"), "open")
	m.applySet(fieldByID(t, m, "start.file"), path)
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
}

// A design file opened on the Start screen, or by the session whose draft
// is resumed, is the one the design is written back into, as with
// --design: both went to a new NAME.design.yaml beside the templates and
// left the opened file as it was (issue 22's fourth trial, T3 and T4).
// A draft naming a file that is no longer a design file is not trusted to
// have it replaced.
func TestOpenedDesignFileIsWrittenBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	data, err := os.ReadFile(filepath.Join("..", "examples", "payments-db.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(t.TempDir(), "draft.yaml")
	w := &openedWriter{}
	open := func() *Model {
		t.Helper()
		m := sized(New(nil, Options{DraftPath: draft, Write: w.write, Dir: dir}))
		openFromStart(t, m, path)
		onStep(t, m, stepSecret, "after opening the design")
		return m
	}
	m := open()
	m.saveDraft()
	m.Close()
	saved, err := os.ReadFile(draft)
	if err != nil {
		t.Fatal(err)
	}

	var said string // the resumed session's problems, as text
	resume := func() string {
		t.Helper()
		w.opened = nil
		if err := os.WriteFile(draft, saved, 0o600); err != nil {
			t.Fatal(err)
		}
		m := sized(New(nil, Options{DraftPath: draft, Write: w.write, Dir: dir}))
		defer m.Close()
		press(t, m, "enter") // Resume, the Start screen's first choice
		if m.step == stepStart {
			t.Fatalf("the draft did not resume:\n%s", screen(m))
		}
		said = fmt.Sprint(m.problems)
		m.write()
		if len(w.opened) != 1 {
			t.Fatalf("the resumed session wrote %d times (status %q)", len(w.opened), m.status)
		}
		return w.opened[0]
	}
	if got := resume(); got != "mine.yaml" {
		t.Errorf("the resumed draft's write was told the opened file is %q, want mine.yaml (from the working directory %s)", got, dir)
	}

	w.opened = nil
	m = open()
	m.write()
	m.Close()
	if len(w.opened) != 1 || w.opened[0] != path {
		t.Errorf("the write from a design opened on Start was told the opened file is %q, want %q (status %q)", w.opened, path, m.status)
	}

	if err := os.WriteFile(path, []byte("not: [a design"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := resume(); got != "" {
		t.Errorf("a draft naming a file that no longer reads as a design has it replaced: opened %q", got)
	}
	if !strings.Contains(said, "opened from mine.yaml, which no longer reads as a design file") {
		t.Errorf("the resumed session does not say the opened file is no longer written back into: %s", said)
	}
}
