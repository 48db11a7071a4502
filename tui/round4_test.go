package tui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/testwait"
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
	data := savedDraftText(t, m, path)
	for _, s := range []string{"hunter2", "eyJ"} {
		if strings.Contains(data, s) {
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

// A paste too long for the description or a tag value (a key file, a
// token), refused on screen, never reaches the draft either: the trial
// pasted 93 KB of base64 into Description and the draft held all of it.
func TestDraftKeepsNoRefusedPasteInDescriptionOrTag(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	token := strings.Repeat("Zk1pQ2xYWqJm3XsNvR8tLpA0bYcD5eFgH7iJ", 80) // 2880 characters
	m.focusID("secret.description")
	send(t, m, tea.PasteMsg{Content: token})
	m.d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: token[:300]}, {Key: "team", Value: "payments"}}
	m.refresh()
	data := savedDraftText(t, m, path)
	if strings.Contains(data, "Zk1pQ2xY") {
		t.Errorf("the draft holds the refused paste:\n%.400s", data)
	}
	if d, _ := readDraft(t, path); len(d.Secret.Tags) != 2 || d.Secret.Tags[1].Value != "payments" {
		t.Errorf("the draft's tags: %+v, want owner emptied and team kept", d.Secret.Tags)
	}
}

// d on a statement's row asks before deleting it: its answers cannot be
// got back, and it went at once, without a word. n keeps it; y deletes.
func TestDeleteStatementAsksFirst(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "AllowApp", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/app"}},
			Action:    []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	m.focusID("stmt0")
	press(t, m, "d")
	if !m.asking("delete") || !strings.Contains(screen(m), "Delete this statement?") {
		t.Fatalf("d did not ask:\n%s", screen(m))
	}
	press(t, m, "n")
	if m.d.ResourcePolicy == nil || len(m.d.ResourcePolicy.Statements) != 1 {
		t.Fatalf("n deleted the statement")
	}
	press(t, m, "d")
	press(t, m, "y")
	if m.d.ResourcePolicy != nil {
		t.Errorf("y kept the statement: %+v", m.d.ResourcePolicy)
	}
}

// A dialog open while the window narrows is drawn again at the new
// width: the quit question showed "Your answers are kept in the dra",
// cut at the edge of a 60-column window.
func TestDialogRewrapsOnResize(t *testing.T) {
	m := sized(New(nil, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	defer m.Close()
	press(t, m, "enter")
	press(t, m, "ctrl+c")
	send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	s := ansi.Strip(screen(m))
	if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(s, "┃", "")), " "), "kept in the draft at") {
		t.Errorf("the quit question after narrowing to 60 columns:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " the dra") && !strings.Contains(l, " the draft") {
			t.Errorf("a line is cut: %q\n%s", l, s)
		}
	}
}

// A paste into the rotation type's list is typed into its filter, as the
// same words typed are: it was dropped without a word.
func TestPasteIntoAListFilters(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	send(t, m, tea.PasteMsg{Content: "mysql\n multi\x07"})
	if h := m.d.Rotation.HostedRotationLambda; h == nil || h.RotationType != "MySQLMultiUser" {
		t.Errorf("after pasting mysql multi: %+v\n%s", m.d.Rotation.HostedRotationLambda, screen(m))
	}
	if s := screen(m); !strings.Contains(s, "filter: mysql multi (1 of 16") {
		t.Errorf("the filter line:\n%s", s)
	}
}

// savedDraftText saves m's draft at path now and returns what the file
// holds.
func savedDraftText(t *testing.T, m *Model, path string) string {
	t.Helper()
	m.saveDraft()
	return readFile(t, path)
}

// Line mode's --learn does not speak of the screens' checklist "on the
// right", which it has not.
func TestLineModeLearnSpeaksOfNoChecklistOnTheRight(t *testing.T) {
	var out strings.Builder
	RunAccessible(nil, Options{Learn: true}, strings.NewReader("\nprod/l\n"), &out)
	if strings.Contains(out.String(), "on the right") || !strings.Contains(out.String(), "checks every answer against a security blueprint") {
		t.Errorf("line mode's learn intro:\n%s", out.String())
	}
}

// 0 typed as the database port is refused with the ports allowed and
// stays in its field: it became the design's "engine's default" without a
// word.
func TestZeroDatabasePortIsRefused(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}
	m.gotoStep(stepRotation)
	m.focusID("secret.database.port")
	typeText(t, m, "0")
	press(t, m, "tab")
	s := screen(m)
	if !strings.Contains(s, "must be a TCP port from 1 to 65535") || !regexp.MustCompile(`Database port\s+0\s`).MatchString(s) {
		t.Errorf("0 as the database port:\n%s", s)
	}
}

// lineModeBackToStart runs line mode with opts, answers a new design's
// Secret Id with prod/x, goes back with "<" and waits for Start's question
// to be asked again. It returns the input to go on with, the output, and
// RunAccessible's error once it ends.
func lineModeBackToStart(t *testing.T, opts Options) (*io.PipeWriter, *syncBuffer, chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	out := &syncBuffer{}
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
