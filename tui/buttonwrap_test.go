package tui

import (
	"strings"
	"testing"
)

// An armed button says what the second press does, whole: at 100 columns
// "[ − Remove this tag: press enter again to confirm, any other key keeps
// it ]" is wider than the form and was cut at "any other…" (issue 22's
// third trial). It wraps under itself, and no line of the form is cut.
func TestArmedButtonWrapsWhole(t *testing.T) {
	m := onSecretAnswered(t)
	press(t, m, "tab")
	typeText(t, m, "payments")
	press(t, m, "tab")
	focusIs(t, m, "tag0.remove")
	press(t, m, "enter")
	s := screen(m)
	var form []string
	for _, l := range strings.Split(s, "\n") {
		left, _, _ := strings.Cut(l, "│")
		form = append(form, strings.TrimRight(left, " "))
	}
	joined := strings.Join(form, " ")
	if !strings.Contains(strings.Join(strings.Fields(joined), " "), "press enter again to confirm, any other key keeps it ]") {
		t.Errorf("the armed button does not say all of what the second press does:\n%s", s)
	}
	for _, l := range form {
		if strings.Contains(l, "Remove this tag") && strings.HasSuffix(l, "…") {
			t.Errorf("the armed button's line is cut: %q", l)
		}
	}
}
