package tui

import (
	"io"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Tests for what a repeat of issue 11's trial found.

// lineOf returns the first line of the screen holding label.
func lineOf(t *testing.T, m *Model, label string) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, label) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", label, screen(m))
	return ""
}

// A number field that cannot read what was typed keeps the text, on
// screen and in the editor when the focus comes back: its error ("must be
// a whole number") is otherwise shown beside an empty field or the
// placeholder, and the text to correct is gone.
func TestUnreadableNumberKeepsItsText(t *testing.T) {
	m := onSecret(t)
	m.focusID("secret.generateSecretString.passwordLength")
	press(t, m, "ctrl+u")
	typeText(t, m, "3O")
	press(t, m, "tab")
	if l := lineOf(t, m, "Password length"); !strings.Contains(l, "3O") {
		t.Errorf("after leaving the field, its line is %q, want the text typed, 3O", l)
	}
	contains(t, screen(m), "must be a whole number")
	press(t, m, "shift+tab")
	if got := m.ed.Input.Value(); got != "3O" {
		t.Errorf("back in the field, the editor holds %q, want 3O", got)
	}
	// Correcting it reads the number and the kept text goes.
	press(t, m, "backspace")
	typeText(t, m, "0")
	press(t, m, "tab")
	if got := intText(m.d.Secret.GenerateSecretString.PasswordLength); got != "30" {
		t.Errorf("corrected to 30, the design holds %q", got)
	}
	if l := lineOf(t, m, "Password length"); strings.Contains(l, "3O") {
		t.Errorf("after correcting, its line still shows the old text: %q", l)
	}
	// A field with a placeholder shows the text, not the placeholder.
	m.focusID("secret.recoveryWindowDays")
	typeText(t, m, "x")
	press(t, m, "tab")
	if l := lineOf(t, m, "Recovery window"); !strings.Contains(l, "x") || strings.Contains(l, "the default") {
		t.Errorf("Recovery window holding x shows %q", l)
	}
}

// A value too long for its row is wrapped, not cut: a master secret's ARN
// showed as "...:secret:prod…" once the focus moved on, and a statement's
// summary and a list of actions lost their ends the same way. Nothing of
// the form is cut at 120 columns, and the checklist beside it stays whole.
func TestLongValuesWrapInsteadOfCut(t *testing.T) {
	d := benchDesign()
	st := &d.ResourcePolicy.Statements[0]
	st.Principal = &blueprint.Principal{AWS: []string{
		"arn:aws:iam::111122223333:role/payments-app-reader",
		"arn:aws:iam::111122223333:role/payments-settlement-job",
	}}
	st.Action = []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
		"secretsmanager:ListSecretVersionIds", "secretsmanager:GetResourcePolicy", "secretsmanager:BatchGetSecretValue"}
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepPolicy)
	noCut := func(when string) {
		t.Helper()
		s := screen(m)
		lines := strings.Split(s, "\n")
		// The key line is bubbles' help, which ends in … when it drops
		// bindings that do not fit.
		for _, l := range lines[:len(lines)-1] {
			if form, _, _ := strings.Cut(l, "│"); strings.Contains(form, "…") {
				t.Errorf("%s, a line of the form is cut: %q\n%s", when, l, s)
			}
		}
		if n := strings.Count(s, "│ ✓ ") + strings.Count(s, "│ ✗ ") + strings.Count(s, "│ · ") + strings.Count(s, "│ ! ") + strings.Count(s, "│ ~ "); n < len(blueprint.Rules()) {
			t.Errorf("%s, %d checklist rows show, want %d:\n%s", when, n, len(blueprint.Rules()), s)
		}
	}
	noCut("on the statements")
	m.editStatement(0, "")
	m.focusID("stmt0.sid")
	noCut("editing the statement")
	flat := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{"role/payments-settlement-job", "BatchGetSecretValue"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the statement does not show %s:\n%s", want, screen(m))
		}
	}
}

// A problem shown away from its field names the entry by what the screens
// call it, not by its design-file path: the policy list showed
// "resourcePolicy.statements[2]: denies every action ..." and the review
// "secret.replicaRegions[0].kmsKeyArn: is managed outside ...".
func TestPathLabelNamesListEntries(t *testing.T) {
	for path, want := range map[string]string{
		"resourcePolicy.statements[2]":                  "statement 3",
		"secret.replicaRegions[0].kmsKeyArn":            "replica 1 KMS key",
		"secret.tags[1]":                                "tag 2",
		"rotation.hostedRotationLambda.vpcSubnetIds[0]": "subnet 1",
		"resourcePolicy.statements[0].principal.AWS[1]": "statement 1 principal 2",
		"secret.recoveryWindowDays":                     qRecovery.title,
		"resourcePolicy.statements[0].condition.X.k[1]": "statement 1 condition",
		"resourcePolicy.statements[0].other[1]":         "resourcePolicy.statements[0].other[1]",
	} {
		if got := pathLabel(path); got != want {
			t.Errorf("pathLabel(%q) = %q, want %q", path, got, want)
		}
	}
}

// A problem a field shows for another path (its also list) is not shown
// there when that path's own field is on screen: "Create an endpoint"
// with no VPC id gave the same three-line finding under Reach Secrets
// Manager and again under VPC id.
func TestAlsoPathShownOnceWhenItsFieldIsOnScreen(t *testing.T) {
	d := benchDesign()
	d.Rotation.HostedRotationLambda.Endpoint = ""
	d.Rotation.HostedRotationLambda.VPCID = ""
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepRotation)
	s := screen(m)
	if n := strings.Count(s, "rotation will time out"); n != 1 {
		t.Errorf("the missing VPC id is reported %d times, want once:\n%s", n, s)
	}
	m.focusID("rotation.hostedRotationLambda.endpointMode")
	f, _ := m.focused()
	if ps := m.fieldProblems(f); len(ps) != 0 {
		t.Errorf("with VPC id on screen, the endpoint choice shows %v", ps)
	}
	m.focusID("rotation.hostedRotationLambda.vpcId")
	if f, _ := m.focused(); len(m.fieldProblems(f)) != 1 {
		t.Errorf("VPC id shows %v, want its one finding", m.fieldProblems(f))
	}
}

// A message on screen names a choice by its options' labels, not by the
// design-file values: the missing VPC id said "set endpoint to existing
// or nat", words the Reach Secrets Manager choice does not show.
func TestOnScreenNamesChoiceLabels(t *testing.T) {
	d := benchDesign()
	d.Rotation.HostedRotationLambda.Endpoint = ""
	d.Rotation.HostedRotationLambda.VPCID = ""
	var msg string
	for _, p := range blueprint.Check(d).Problems() {
		if p.Rule == string(blueprint.RuleRotationReachesSecretsManager) {
			msg = p.Message
		}
	}
	if msg == "" {
		t.Fatal("no rotation-reaches-secrets-manager finding")
	}
	got := onScreen(msg)
	for _, want := range []string{"VPC id", `"The VPC has one"`, `"NAT gateway"`, "Reach Secrets Manager"} {
		if !strings.Contains(got, want) {
			t.Errorf("onScreen(%q) = %q, want it to name %s", msg, got, want)
		}
	}
	if strings.Contains(got, "set endpoint") {
		t.Errorf("onScreen keeps the design-file words: %q", got)
	}
}

// An error on an earlier step that a later answer caused (the JSON
// template's username against the rotation's database user) is listed on
// the review, with its step and its own message: the review said only
// "JSON template: is not valid, so this rule cannot be checked yet", and
// Write only "the design has 1 error; go back and fix them first".
func TestReviewListsErrorsOfEarlierSteps(t *testing.T) {
	d := benchDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username": "other"}`
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepReview)
	press(t, m, "ctrl+t") // the checklist off, so lines read whole
	flat := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{"Secret step, JSON template: has username \"other\"", `the design says Database user "app"`} {
		if !strings.Contains(flat, want) {
			t.Errorf("the review does not show %q:\n%s", want, screen(m))
		}
	}
	m.write()
	if !strings.Contains(m.status, "Secret") {
		t.Errorf("writing says %q, want it to name the step to go back to", m.status)
	}
}

// Write refusing a format names what to change by its label, not its
// design-file path ("secret.replicaRegions[0].kmsKeyArn is empty, ...").
func TestFormatRefusalUsesLabels(t *testing.T) {
	d := benchDesign()
	d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "eu-central-1"}}
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m.gotoStep(stepReview)
	if len(m.formatProblems) == 0 {
		t.Fatal("a replica with no key makes no CloudFormation problem")
	}
	m.write()
	if strings.Contains(m.status, "secret.") || !strings.Contains(m.status, "replica 1 KMS key: ") {
		t.Errorf("writing says %q, want the replica's KMS key by its label", m.status)
	}
}

// A condition added by a stray enter and left empty is dropped when the
// statement is left, not only on Continue: the list of statements showed
// its errors, by design-file path, until then. A condition's problem shown
// on the list names the statement's condition, not the path.
func TestEmptyConditionDroppedLeavingStatement(t *testing.T) {
	m := New(benchDesign(), Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 40})
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	before := len(m.d.ResourcePolicy.Statements[0].Condition)
	m.focusID("stmt0.addcond")
	press(t, m, "enter")
	if got := len(m.d.ResourcePolicy.Statements[0].Condition); got != before+1 {
		t.Fatalf("+ Add a condition left %d conditions, want %d", got, before+1)
	}
	press(t, m, "esc")
	if got := len(m.d.ResourcePolicy.Statements[0].Condition); got != before {
		t.Errorf("after leaving the statement, %d conditions, want the empty one dropped (%d)", got, before)
	}
	if s := screen(m); strings.Contains(s, "condition.") {
		t.Errorf("the list shows a condition's path:\n%s", s)
	}
	if got := pathLabel(`resourcePolicy.statements[0].condition.StringEquals[""]`); got != "statement 1 condition" {
		t.Errorf("a condition's path reads %q, want statement 1 condition", got)
	}
}

// After n to "Quit the wizard?" line mode says which question it is back
// at, as it does after a wrong answer: "Carrying on." alone left a bare
// prompt, the question scrolled away above the quit question.
func TestLineModeCarryingOnRepeatsTheQuestion(t *testing.T) {
	ints := make(chan os.Signal)
	pr, pw := io.Pipe()
	out := &syncBuffer{}
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

// Each way in says what its empty name field needs, not that one of two
// fields is required: the Secret step (a new secret) and the Start
// screen's existing-secret ARN both showed "either Secret Id (a secret
// to create) or Existing secret ARN (a secret that exists) is required",
// naming a field that path never shows.
func TestEmptySecretNameSaysWhatThisPathNeeds(t *testing.T) {
	m := onSecret(t)
	s := screen(m)
	if strings.Contains(s, "Existing secret ARN") || !strings.Contains(s, "is required: the name of the secret to create") {
		t.Errorf("the Secret step's empty Secret Id says:\n%s", s)
	}
	m = sized(New(nil, Options{}))
	press(t, m, "down")
	s = screen(m)
	if strings.Contains(s, "either Secret Id") || !strings.Contains(s, "is required: the ARN of the secret to add to") {
		t.Errorf("the existing secret's empty ARN says:\n%s", s)
	}
}

// The status line wraps instead of ending in …: at 80 columns "refusing
// to overwrite prod-payments-db.design.yaml: turn Overwrite on to replac…"
// lost the word that says what to do. The screen stays its height.
func TestStatusWrapsAtNarrowWidths(t *testing.T) {
	m := onSecret(t)
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m.status = "refusing to overwrite prod-payments-db.design.yaml: turn Overwrite on to replace it, or choose another path"
	s := screen(m)
	flat := strings.Join(strings.Fields(s), " ")
	if !strings.Contains(flat, m.status) {
		t.Errorf("the status is not shown whole:\n%s", s)
	}
	if n := len(strings.Split(s, "\n")); n != 24 {
		t.Errorf("the screen is %d lines, want 24:\n%s", n, s)
	}
}

// The schedule expression is prefilled with an example (rate(30 days)):
// typing into it replaces it, as a number's value is, and ← first edits it
// (the trial found "rate(7 days)" appended to it).
func TestScheduleExpressionReplacesOnFirstKey(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.gotoStep(stepRotation)
	press(t, m, "tab", "right") // rotation is on from the start
	m.focusID("rotation.scheduleExpression")
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30}) // loads the editor
	before := m.Design().Rotation.ScheduleExpression
	if before == "" {
		t.Fatal("the schedule expression is not prefilled; this test needs a value to type over")
	}
	contains(t, screen(m), "typing replaces "+before)
	typeText(t, m, "rate(7 days)")
	if got := m.Design().Rotation.ScheduleExpression; got != "rate(7 days)" {
		t.Errorf("typing over %q gave %q, want rate(7 days)", before, got)
	}
	press(t, m, "tab", "shift+tab", "left")
	typeText(t, m, "x")
	if got := m.Design().Rotation.ScheduleExpression; got != "rate(7 daysx)" {
		t.Errorf("← then x gave %q, want the expression edited", got)
	}
}

// A number field's error gives no example of its own: "such as 30" fit a
// count of days, not a password length or a database port, whose hints
// give their own (round-three trial, line mode's Password length).
func TestNumberErrorGivesNoOtherFieldsExample(t *testing.T) {
	m := onSecret(t)
	m.focusID("secret.generateSecretString.passwordLength")
	press(t, m, "ctrl+u")
	typeText(t, m, "abc")
	press(t, m, "tab")
	s := screen(m)
	contains(t, s, "must be a whole number")
	if strings.Contains(s, "such as 30") {
		t.Errorf("Password length's error gives a day count's example:\n%s", s)
	}
}
