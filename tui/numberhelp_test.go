package tui

import (
	"strings"
	"testing"
)

// ? on a number field that holds a number opens the field's help, as on
// every field where typing it makes no sense, and the key line says ? (not f1);
// before, ? went into the field as a character, replaced "30" with "?"
// and showed two errors (issue 22's third trial, Rotate every (days)).
// In a text field that holds text and may hold ?, ? is still a character.
func TestQuestionMarkOnNumberFieldOpensHelp(t *testing.T) {
	m := onRotation(t, "prod/db")
	m.focusID("rotation.automaticallyAfterDays")
	if f, _ := m.focused(); f.id != "rotation.automaticallyAfterDays" {
		t.Fatalf("focus on %q, want Rotate every (days)", f.id)
	}
	if got := m.text(mustFocused(t, m)); got != "30" {
		t.Fatalf("Rotate every (days) holds %q, want 30", got)
	}
	lines := strings.Split(screen(m), "\n")
	if kl := lines[len(lines)-1]; !strings.Contains(kl, "? help") || strings.Contains(kl, "f1 help") {
		t.Errorf("key line on a number field = %q, want ? help", kl)
	}
	press(t, m, "?")
	if !m.showHelp {
		t.Fatalf("? on Rotate every (days) did not open its help:\n%s", screen(m))
	}
	press(t, m, "esc")
	if m.d.Rotation == nil || m.d.Rotation.AutomaticallyAfterDays != 30 {
		t.Errorf("? changed the number: rotation %+v", m.d.Rotation)
	}

	// A text field that holds text a "?" can belong to keeps ? as a
	// character (TestQuestionMarkOpensHelpWhereItCannotBeTyped has the
	// fields it cannot).
	m.gotoStep(stepSecret)
	m.focusID("secret.description")
	typeText(t, m, "why")
	press(t, m, "?")
	if m.showHelp {
		t.Errorf("? in a text field holding text opened the help")
	}
	if got := m.ed.Input.Value(); got != "why?" {
		t.Errorf("Description holds %q after why?, want why?", got)
	}
}

func mustFocused(t *testing.T, m *Model) field {
	t.Helper()
	f, ok := m.focused()
	if !ok {
		t.Fatal("no field has the focus")
	}
	return f
}
