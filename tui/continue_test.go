package tui

import (
	"strings"
	"testing"
)

// Every screen has a key that goes to its Continue (issue 22 item 1: the
// Rotation step needed 17 tabs), the key line says so, and the key
// pressed on Continue moves on.
func TestContinueKeyOnEveryStep(t *testing.T) {
	m := sized(New(nil, Options{NoColor: true}))
	if !strings.Contains(screen(m), "ctrl+g continue") {
		t.Errorf("the key line does not name the Continue key:\n%s", screen(m))
	}
	press(t, m, "ctrl+g")
	if f, _ := m.focused(); f.id != "step0.continue" {
		t.Fatalf("ctrl+g on Start: focus on %q, want the Continue button", f.id)
	}
	press(t, m, "ctrl+g")
	if m.step != stepSecret {
		t.Fatalf("ctrl+g on Continue: step %d, want the Secret step", m.step)
	}
	typeText(t, m, "prod/db")

	// The Rotation step with rotation on has its most fields.
	m.gotoStep(stepRotation)
	m.settle()
	if m.d.Rotation == nil {
		press(t, m, "space")
	}
	if n := len(m.fields()); n < 10 {
		t.Fatalf("the Rotation step has %d fields; the test wants the long one", n)
	}
	press(t, m, "ctrl+g")
	if f, _ := m.focused(); f.id != "step4.continue" {
		t.Errorf("ctrl+g on Rotation: focus on %q, want step4.continue", f.id)
	}

	// A statement's Continue is its way back to the list.
	m.gotoStep(stepPolicy)
	press(t, m, "enter") // + Add a statement
	if m.stmt < 0 {
		t.Fatalf("enter on the policy step did not open a statement")
	}
	press(t, m, "ctrl+g")
	if f, _ := m.focused(); f.id != "stmt0.done" {
		t.Errorf("ctrl+g in a statement: focus on %q, want stmt0.done", f.id)
	}

	// The review's is the Write button, which ctrl+g does not press
	// by surprise: it goes there first.
	m.gotoStep(stepReview)
	press(t, m, "ctrl+g")
	if f, _ := m.focused(); f.id != "review.write" || m.step != stepReview {
		t.Errorf("ctrl+g on the review: focus on %q, step %d; want review.write on the review", f.id, m.step)
	}
}

// Enter on the last question of a step moves on, past the buttons that
// add rows (issue 22 item 1): on the Secret step it went to "+ Add a tag".
func TestEnterOnLastFieldContinues(t *testing.T) {
	m := sized(New(nil, Options{NoColor: true}))
	press(t, m, "enter") // Start: a new secret
	if m.step != stepSecret {
		t.Fatalf("step %d, want the Secret step", m.step)
	}
	typeText(t, m, "prod/db")
	m.focusID("secret.recoveryWindowDays")
	press(t, m, "enter")
	if m.step != stepEncryption {
		f, _ := m.focused()
		t.Errorf("enter on the recovery window: step %d, focus %q; want the Encryption step", m.step, f.id)
	}

	// With an error on the step, enter stays and says why on Continue.
	m = sized(New(nil, Options{NoColor: true}))
	press(t, m, "enter")
	m.focusID("secret.recoveryWindowDays")
	press(t, m, "enter")
	if f, _ := m.focused(); m.step != stepSecret || f.id != "step1.continue" || !strings.Contains(m.status, "fix the") {
		t.Errorf("enter with the name missing: step %d, focus %q, status %q; want Continue refusing", m.step, f.id, m.status)
	}
}

// Issue 22, round two: ctrl+g (or Continue) on a step with errors names
// the first error and puts the focus on its field, instead of leaving the
// focus on Continue with only a count.
func TestContinueWithErrorsFocusesTheFirst(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	typeText(t, m, "prod db")
	m.focusID("secret.region")
	typeText(t, m, "us-east-9x")
	m.focusID("secret.description")
	press(t, m, "ctrl+g", "ctrl+g")
	onStep(t, m, stepSecret, "with two errors")
	focusIs(t, m, "secret.secretId")
	if !strings.Contains(m.status, "fix the 2 errors") || !strings.Contains(m.status, "Secret Id") {
		t.Errorf("status %q, want the count and the first error's field named", m.status)
	}
	// Fixed, the next ctrl+g goes to the next error.
	press(t, m, "ctrl+u")
	typeText(t, m, "prod/db")
	press(t, m, "ctrl+g", "ctrl+g")
	focusIs(t, m, "secret.region")
	if !strings.Contains(m.status, "fix the 1 error") || !strings.Contains(m.status, "Region") {
		t.Errorf("status %q, want the Region named", m.status)
	}
}

// Issue 11, item 13: a refused Continue counts errors as errors, and says
// the rule findings beside them do not block; a vertical list's hint says
// ↑/↓.
func TestContinueCountsErrors(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "bad name") // an error; tags-present is a finding
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepSecret, "continue with an error")
	if want := "fix the 1 error before you continue, the first at Secret Id (esc goes back); the 1 rule finding can wait"; !strings.Contains(m.status, want) {
		t.Errorf("status %q, want %q", m.status, want)
	}

	m = onSecretAnswered(t)
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "after Secret")
	if f := fieldByID(t, m, "encryption.choice"); f.list && strings.Contains(f.q.hint, "←/→") {
		t.Errorf("the vertical key choice's hint says %q", f.q.hint)
	}
}
