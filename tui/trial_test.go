package tui

import (
	"strings"
	"testing"
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
	if got := m.input.Value(); got != "3O" {
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
