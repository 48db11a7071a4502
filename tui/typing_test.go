package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/blueprint"
)

// What typing and pasting do to a field: a prefilled value replaced, a
// list read from lines, a letter that a choice ignores.

// Issue 22's trial, round two: a paste into a number field that holds a value
// replaces it, as the first key typed there does ("32" then a pasted "64"
// is 64, not 3264); a paste into a text field still goes where the cursor
// is.
func TestPasteReplacesANumberAsTypingDoes(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	const length = "secret.generateSecretString.passwordLength"
	m.focusID(length)
	send(t, m, tea.PasteMsg{Content: "64"})
	if got := m.d.Secret.GenerateSecretString.PasswordLength; got == nil || *got != 64 {
		t.Errorf("after pasting 64 over 32, the length is %v, want 64", got)
	}
	// Typed first, then pasted: the paste goes on from the typing.
	press(t, m, "shift+tab", "tab")
	focusIs(t, m, length)
	typeText(t, m, "1")
	send(t, m, tea.PasteMsg{Content: "6"})
	if got := m.d.Secret.GenerateSecretString.PasswordLength; got == nil || *got != 16 {
		t.Errorf("after typing 1 and pasting 6, the length is %v, want 16", *got)
	}
	m.focusID("secret.secretId")
	typeText(t, m, "prod/")
	send(t, m, tea.PasteMsg{Content: "db"})
	if got := m.d.Secret.SecretID; got != "prod/db" {
		t.Errorf("a paste after typing gives %q, want prod/db", got)
	}
}

// Issue 22's trial, round two: a letter typed on a short choice changes
// nothing. "x" flipped a statement's Effect from Allow to Deny without a
// word (x is the checkbox's toggle, not a choice's); space and ←/→ still
// change it, space once nothing is typed (after a letter it is one more
// character: trial 7a's T8, TestTypedWordsNeverChangeAChoice).
func TestLetterOnAChoiceChangesNothing(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "A", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{"111122223333"}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := designAt(&d, stepPolicy)
	m.editStatement(0, "")
	m.focusID("stmt0.effect")
	press(t, m, "x")
	if got := m.d.ResourcePolicy.Statements[0].Effect; got != "Allow" {
		t.Fatalf("x on the Effect choice made it %s", got)
	}
	press(t, m, "backspace", "space")
	if got := m.d.ResourcePolicy.Statements[0].Effect; got != "Deny" {
		t.Errorf("space on the Effect choice left it %s, want Deny", got)
	}
}

// Issue 22's trial, round two: a list pasted one value per line into a
// comma-separated field (principals, subnets, condition values) reads as
// the list it is, not as values run together with spaces.
func TestPasteALineListIntoACommaList(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "A", Effect: "Allow",
			Principal: &blueprint.Principal{}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := designAt(&d, stepPolicy)
	m.editStatement(0, "")
	m.focusID("stmt0.principal")
	send(t, m, tea.PasteMsg{Content: "arn:aws:iam::111122223333:role/app-a\r\narn:aws:iam::111122223333:role/app-b\n\n"})
	want := []string{"arn:aws:iam::111122223333:role/app-a", "arn:aws:iam::111122223333:role/app-b"}
	if got := m.d.ResourcePolicy.Statements[0].Principal.AWS; !slices.Equal(got, want) {
		t.Errorf("principals after pasting two lines = %q, want %q", got, want)
	}
}

// A number field that cannot read what was typed keeps the text, on
// screen and in the editor when the focus comes back: its error ("must be
// a whole number") is otherwise shown beside an empty field or the
// placeholder, and the text to correct is gone.
func TestUnreadableNumberKeepsItsText(t *testing.T) {
	m := onSecret(t)
	enterValue(t, m, "secret.generateSecretString.passwordLength", "3O")
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

// Issue 11, item 8: typing into a prefilled number replaces it; the key
// line names ctrl+u.
func TestNumberFieldReplacesOnFirstKey(t *testing.T) {
	m := onSecret(t)
	m.focusID("secret.generateSecretString.passwordLength")
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	contains(t, screen(m), "typing replaces 32")
	typeText(t, m, "40")
	if got := intText(m.d.Secret.GenerateSecretString.PasswordLength); got != "40" {
		t.Errorf("typing 40 over 32 gave %q, want 40", got)
	}
	contains(t, screen(m), "ctrl+u clear")
	// Moving the cursor first edits the value instead.
	press(t, m, "tab", "shift+tab", "left")
	typeText(t, m, "5")
	if got := intText(m.d.Secret.GenerateSecretString.PasswordLength); got != "450" {
		t.Errorf("← then 5 in 40 gave %q, want 450", got)
	}
}
