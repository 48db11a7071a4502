package tui

import "testing"

// Words typed on a choice whose options all show, or on a toggle, change
// nothing and are shown: "multi postgres" typed one Tab short of the
// rotation type switched the Rotation function's radio to "My own Lambda"
// at its space, without a word (trial 7a's T8). Before anything is typed,
// space still changes the answer, as ←/→ do.
func TestTypedWordsNeverChangeAChoice(t *testing.T) {
	m := onRotation(t, "prod/db")
	m.focusID("rotation.function")
	typeText(t, m, "multi postgres")
	if m.d.Rotation.HostedRotationLambda == nil {
		t.Fatalf("typing %q on the Rotation function chose My own Lambda", "multi postgres")
	}
	s := formText(m)
	contains(t, s, "typed: multi postgres (typing changes nothing here: ←/→ choose; backspace or esc clears)")
	press(t, m, "esc")
	if m.ed.Filter != "" || m.step != stepRotation {
		t.Fatalf("esc: filter %q, step %d; want the typing cleared on the Rotation step", m.ed.Filter, m.step)
	}
	press(t, m, "space")
	if m.d.Rotation.HostedRotationLambda != nil {
		t.Errorf("space with nothing typed did not move the choice to My own Lambda")
	}

	// A toggle: "x" and space flip it only before anything is typed.
	m = onRotation(t, "prod/db")
	m.focusID("rotation.rotateImmediately")
	before := m.d.Rotation.RotateImmediately
	typeText(t, m, "max value")
	if m.d.Rotation.RotateImmediately != before {
		t.Errorf("typing %q on a toggle flipped it", "max value")
	}
	contains(t, formText(m), "typed: max value (typing changes nothing here: ←/→ flip it;")
}
