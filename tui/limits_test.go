package tui

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Values refused with the limits they break, and hints that name those
// limits.

// A number too long to read is still a whole number: the field says it
// is out of range (the range, since issue 22's last trial), not that it
// is not a number.
func TestNumberTooLongIsNotCalledNotANumber(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.focusID("secret.generateSecretString.passwordLength")
	typeText(t, m, "99999999999999999999999")
	s := screen(m)
	if strings.Contains(s, "must be a whole number, in digits") || !strings.Contains(s, "must be 4-4096 characters") {
		t.Errorf("99999999999999999999999 as the password length:\n%s", s)
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

// A number field's error gives no example of its own: "such as 30" fit a
// count of days, not a password length or a database port, whose hints
// give their own (round-three trial, line mode's Password length).
func TestNumberErrorGivesNoOtherFieldsExample(t *testing.T) {
	m := onSecret(t)
	s := enterValue(t, m, "secret.generateSecretString.passwordLength", "abc")
	contains(t, s, "must be a whole number")
	if strings.Contains(s, "such as 30") {
		t.Errorf("Password length's error gives a day count's example:\n%s", s)
	}
}

// Issue 22 (trial): a Password length of 3 was taken without a word,
// though Secrets Manager refuses a password shorter than the kinds of
// character it must hold one of each; 8 is taken but weak. The field's
// hint says the limits where they apply.
func TestPasswordLengthRefusedAndWarnedInTheWizard(t *testing.T) {
	m := onSecret(t)
	const id = "secret.generateSecretString.passwordLength"
	m.focusID(id)
	contains(t, screen(m), "4-4096, 14 or more to be strong")
	contains(t, enterValue(t, m, id, "3"), "✗ must be at least 4: the password holds")
	s := enterValue(t, m, id, "8")
	contains(t, s, "! is 8 characters, which is weak")
	if strings.Contains(s, "must be at least 4") {
		t.Errorf("8 characters is still refused:\n%s", s)
	}
}

// Issue 22 (trial): every limit is announced at its place. A value just
// past the limit is refused by the field's validator, and the field's hint,
// shown under it while it is focused, names the limit.
func TestHintsNameTheLimits(t *testing.T) {
	for _, c := range []struct {
		q     question
		limit string
		err   error
	}{
		{qDuration, "24h", blueprint.ValidateDuration("25h")},
		{qDBPort, "65535", blueprint.ValidateDatabasePort(65536)},
		{qLambdaName, "64", blueprint.ValidateLambdaName(strings.Repeat("f", 65))},
		{qDescription, "2048", blueprint.ValidateDescription(strings.Repeat("d", 2049))},
		{qTagKey, "128", blueprint.ValidateTagKey(strings.Repeat("k", 129))},
		{qTagValue, "256", blueprint.ValidateTagValue(strings.Repeat("v", 257))},
		{qPasswordLength, "4096", blueprint.ValidatePasswordLength(4097, blueprint.PasswordKinds{Lowercase: true}, true)},
		{qRecovery, "30", blueprint.ValidateRecoveryWindow(31)},
		{qDays, "1000", blueprint.ValidateAutomaticallyAfterDays(1001)},
		{qExpression, "4 hours", blueprint.ValidateScheduleExpression("rate(3 hours)")},
		{qSecretID, "512", blueprint.ValidateSecretName(strings.Repeat("s", 513))},
		{qDBName, "128", blueprint.ValidateDatabaseName(strings.Repeat("n", 129))},
		{qDBUser, "128", blueprint.ValidateDatabaseUsername(strings.Repeat("u", 129))},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.limit) {
			t.Errorf("%s: the value past %s is not refused by a message naming it: %v", c.q.title, c.limit, c.err)
		}
		if !strings.Contains(c.q.hint, c.limit) {
			t.Errorf("%s: the hint %q does not name the limit %s", c.q.title, c.q.hint, c.limit)
		}
	}
}

// Issue 22 (trial): 0 typed into Rotate every (days) vanished into an empty
// field whose error asked to set the schedule; it stays, refused with the
// days allowed.
func TestZeroRotationDaysIsRefusedWithTheRange(t *testing.T) {
	m := at80(New(nil, Options{}))
	m.gotoStep(stepRotation)
	s := enterValue(t, m, "rotation.automaticallyAfterDays", "0")
	contains(t, s, "✗ must be 1-1000 days")
	if !regexp.MustCompile(`Rotate every \(days\)\s+0\s`).MatchString(s) {
		t.Errorf("the 0 typed is not shown in its field:\n%s", s)
	}
}

// Issue 22's last trial: a number too long to read said only that it was
// larger than any the field takes. It names the field's range in the
// words a value in reach but out of range gets, once, on every number
// field, on the screens and in line mode alike.
func TestNumberTooLongNamesTheFieldsRange(t *testing.T) {
	onPort := func(t *testing.T) *Model {
		m := onRotation(t, "prod/db")
		m.d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}
		m.refresh()
		return m
	}
	for _, c := range []struct {
		id, outOfRange string
		at             func(t *testing.T) *Model
	}{
		{"secret.generateSecretString.passwordLength", "5000", onSecret},
		{"secret.recoveryWindowDays", "31", onSecret},
		{"rotation.automaticallyAfterDays", "1001", func(t *testing.T) *Model { return onRotation(t, "prod/db") }},
		{"secret.database.port", "65536", onPort},
	} {
		m := c.at(t)
		title := fieldByID(t, m, c.id).q.title
		enterValue(t, m, c.id, c.outOfRange)
		want := shownErrors(m.fieldProblems(fieldByID(t, m, c.id)))
		if want == "" {
			t.Errorf("%s: %s is not refused", title, c.outOfRange)
			continue
		}
		for _, huge := range []string{"99999999999999999999", "-99999999999999999999"} {
			m := c.at(t)
			s := enterValue(t, m, c.id, huge)
			if got := shownErrors(m.fieldProblems(fieldByID(t, m, c.id))); got != want {
				t.Errorf("%s: %s says %q, want the range once, as %s is told it: %q\n%s", title, huge, got, c.outOfRange, want, s)
			}
			// Line mode answers the question in one line.
			m = c.at(t)
			a := &accessible{m: m, out: io.Discard}
			a.answer(fieldByID(t, m, c.id), huge)
			if got := shownErrors(m.fieldProblems(fieldByID(t, m, c.id))); got != want {
				t.Errorf("%s in line mode: %s says %q, want %q", title, huge, got, want)
			}
		}
	}
}

// shownErrors joins the messages of the errors in ps.
func shownErrors(ps blueprint.Problems) string {
	var out []string
	for _, p := range ps {
		if p.Severity == blueprint.SeverityError {
			out = append(out, p.Message)
		}
	}
	return strings.Join(out, "; ")
}
