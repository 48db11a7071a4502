package tui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Tests for what issue 22's fourth trial found.

// A value refused in a field that names something and that looks like
// secret material never reaches the draft: a JSON password typed as the
// database user, a token pasted after the Secret Id. A plain typo there
// is kept, so the resumed field shows it.
func TestDraftKeepsNoRefusedSecretInNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	m.d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{RotationType: "PostgreSQLMultiUser"}
	m.gotoStep(stepRotation)
	m.focusID("secret.database.username")
	typeText(t, m, `{"password":"hunter2"}`)
	if m.d.Secret.Database == nil || m.d.Secret.Database.Username == "" {
		t.Fatalf("the typing did not reach the field:\n%s", screen(m))
	}
	m.gotoStep(stepSecret)
	m.focusID("secret.secretId")
	send(t, m, tea.PasteMsg{Content: "prod/db token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"})
	m.saveDraft()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"hunter2", "eyJ"} {
		if strings.Contains(string(data), s) {
			t.Errorf("the draft holds the refused %q:\n%s", s, data)
		}
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "prod db")
	m.saveDraft()
	if d, _ := readDraft(t, path); d.Secret.SecretID != "prod db" {
		t.Errorf("a refused typo is not kept: secretId %q", d.Secret.SecretID)
	}
}

// A number too long to read is still a whole number: the field says it
// is out of range, not that it is not a number.
func TestNumberTooLongIsNotCalledNotANumber(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.focusID("secret.generateSecretString.passwordLength")
	typeText(t, m, "99999999999999999999999")
	s := screen(m)
	if strings.Contains(s, "must be a whole number, in digits") || !strings.Contains(s, "larger than any this field takes") {
		t.Errorf("99999999999999999999999 as the password length:\n%s", s)
	}
}

// Line mode's Ctrl+C on the Start step, gone back to after answers were
// saved, says where they are kept, as the screens do there, and so does
// the message it stops with.
func TestLineModeCtrlCOnStartNamesTheDraft(t *testing.T) {
	draft := t.TempDir() + "/draft.yaml"
	ints := make(chan os.Signal)
	pr, pw := io.Pipe()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, Options{DraftPath: draft, Interrupts: ints}, pr, out)
		done <- err
	}()
	io.WriteString(pw, "new\n")
	waitFor(t, out, "Secret Id")
	io.WriteString(pw, "prod/x\n")
	waitFor(t, out, "Description")
	io.WriteString(pw, "<\n")
	waitFor(t, out, "Begin with")
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

// A state directory that cannot be made is said in words, with the way
// out, on the Start screen: not the system call's "mkdir ...: not a
// directory".
func TestStateDirThatCannotBeMadeSaidInWords(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: filepath.Join(file, "secretsmith", "draft.yaml")}))
	defer m.Close()
	s := m.draft.unsaved("")
	if !strings.Contains(screen(m), "XDG_STATE_HOME") {
		t.Errorf("the Start screen does not show why answers will not be saved:\n%s", screen(m))
	}
	for _, want := range []string{"your answers will not be saved: no draft can be kept in", "a part of the path is a file, not a directory", "set XDG_STATE_HOME"} {
		if !strings.Contains(s, want) {
			t.Errorf("the Start screen says %q, not %q", s, want)
		}
	}
	if strings.Contains(s, "mkdir") {
		t.Errorf("the Start screen shows the system call: %s", s)
	}
}

// Write to "~/x.yaml" is refused as typed, so Write makes no directory
// named ~ where secretsmith runs.
func TestWriteToTildeRefusedAsTyped(t *testing.T) {
	m := onReview(t, Options{})
	defer m.Close()
	m.focusID("review.output")
	press(t, m, "ctrl+u")
	typeText(t, m, "~/x.yaml")
	msgs := strings.Join(problemTexts(t, m, "review.output"), "\n")
	if !strings.Contains(msgs, "only a shell reads as a home directory") {
		t.Errorf("under Write to: %q, want ~ refused", msgs)
	}
}

// A design file opened from the Start screen that has a misspelt key is
// told in the file's words: "did you mean "secretId"?", the key to write
// in the file, not the screens' label "Secret Id".
func TestOpenedDesignFileErrorsInTheFilesWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nsecret:\n  secretID: a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{}))
	m.choose(fieldByID(t, m, "start.choice"), "open")
	m.applySet(fieldByID(t, m, "start.file"), path)
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	s := strings.Join(strings.Fields(screen(m)), " ")
	if !strings.Contains(s, `"secretId"?`) || strings.Contains(s, `"Secret Id"`) {
		t.Errorf("the typo's hint is not in the file's words:\n%s", screen(m))
	}
}

// A statement's problem shown under its summary names the statement and
// the field in the screens' words, not the design-file path: an imported
// statement whose principal was not read showed
// "resourcePolicy.statements[0].principal: needs at least one ...".
func TestStatementSummaryProblemInScreenWords(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Effect: "Allow",
			Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	s := screen(m)
	if strings.Contains(s, "resourcePolicy.statements") || !strings.Contains(s, "statement 1 Principals:") {
		t.Errorf("the summary's problem:\n%s", s)
	}
}

// The Resource policy step without statements says what that means in
// full at 100 columns: it was cut at "grant acc…".
func TestNoResourcePolicyLineWraps(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	s := screen(m)
	if strings.Contains(s, "acc…") || !strings.Contains(s, "access.") {
		t.Errorf("the Resource policy step:\n%s", s)
	}
}

// The ctrl+r pane at 100 columns wraps what is wider than it: its
// legend, the walk-through's heading and actors, a call on a long
// resource. It cut them with "…" ("? ch…", "phase by ph…", "CloudFormation
// (the stack's service role or i…").
func TestAccessPaneWrapsNotCuts(t *testing.T) {
	m := sized(New(accessPaneDesign(), Options{NoColor: true}))
	m.step = stepPolicy
	press(t, m, "ctrl+r")
	lines := m.accessPane(46, 1000)
	for _, l := range lines {
		if strings.Contains(l, "…") {
			t.Errorf("the pane cuts %q:\n%s", l, strings.Join(lines, "\n"))
		}
	}
	all := strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, " "))), " ")
	for _, want := range []string{"? check key", "every actor's calls, phase by phase", "CloudFormation (the stack's service role"} {
		if !strings.Contains(all, want) {
			t.Errorf("the pane lacks %q:\n%s", want, strings.Join(lines, "\n"))
		}
	}
}
