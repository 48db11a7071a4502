package tui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// openedWriter is a WriteFunc that keeps the design file each write's
// context names (OpenedDesign).
type openedWriter struct{ opened []string }

func (w *openedWriter) write(ctx context.Context, _ account.Account, _ *blueprint.Design, _ generate.Format, _ string, _ bool) (Written, error) {
	w.opened = append(w.opened, OpenedDesign(ctx))
	return Written{}, nil
}

// A design opened on the Start screen is saved back into its file, as
// one opened with --design is, also after the session stops and its
// draft is resumed: both wrote a new NAME.design.yaml beside the template
// and left the file opened as it was (issue 22, trial4 T3 and T4).
func TestWriteSavesBackIntoTheOpenedDesign(t *testing.T) {
	dir := t.TempDir()
	file := designFileIn(t, dir, "payments.yaml", `version: 1
secret:
  secretId: prod/payments/db
  region: us-east-1
  tags: {owner: payments}
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:rotator
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/rotator
`)
	draft := filepath.Join(dir, "draft.yaml")

	w := &openedWriter{}
	m := sized(New(nil, Options{DraftPath: draft, Dir: dir, Write: w.write}))
	m.setStart("open")
	m.mode["start.file"] = file // as typed: the working directory is dir
	if !m.applyStart() {
		t.Fatalf("the design file did not open: %v", m.localErr)
	}
	m.gotoStep(stepReview)
	st := m.draftState() // as a quit on the Review saves it
	m.writeFiles(false)
	if st.DesignFile != file {
		t.Errorf("the draft keeps the design file %q, want %s", st.DesignFile, file)
	}
	data, err := encodeDraft(m.d, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(draft, data, 0o600); err != nil {
		t.Fatal(err)
	}
	m.Close()

	r := &openedWriter{}
	m2 := sized(New(nil, Options{DraftPath: draft, Dir: dir, Write: r.write}))
	defer m2.Close()
	press(t, m2, "enter") // resume, the choice offered first
	onStep(t, m2, stepReview, "after resuming")
	m2.writeFiles(false)

	if len(w.opened) != 1 || w.opened[0] != file {
		t.Errorf("opened on the Start screen, the write was given the design file %q, want %s", w.opened, file)
	}
	// The draft keeps it from the root, and a session in dir names it
	// from there.
	if len(r.opened) != 1 || r.opened[0] != "payments.yaml" {
		t.Errorf("resumed, the write was given the design file %q, want payments.yaml", r.opened)
	}
}

// designFileIn writes text as the design file name in dir and returns its
// path.
func designFileIn(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
