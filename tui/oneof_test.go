package tui

import (
	"strings"
	"testing"
)

// A field that is one of two ways to give a value, whose way the screen
// has already chosen, says it is required, not "set X or Y": Validate's
// message names both ways, but the other one is not on screen (issue 22's
// third trial: an emptied Rotate every (days) said "set Rotate every
// (days) or Schedule expression", and an empty Rotation Lambda ARN under
// My own Lambda "set Rotation Lambda ARN (your own function) or a hosted
// function").
func TestOneOfTwoSaysRequiredOnTheChosenWay(t *testing.T) {
	m := onRotation(t, "prod/api")
	under := func(id string) string {
		t.Helper()
		for _, f := range m.fields() {
			if f.id == id {
				var msgs []string
				for _, p := range m.fieldProblems(f) {
					msgs = append(msgs, p.Message)
				}
				return strings.Join(msgs, " | ")
			}
		}
		t.Fatalf("no field %s on screen:\n%s", id, screen(m))
		return ""
	}
	check := func(id, what string) {
		t.Helper()
		got := under(id)
		if !strings.HasPrefix(got, "is required: ") || strings.Contains(got, " or ") && strings.Contains(got, "set ") {
			t.Errorf("%s: under the field %q, want 'is required: ...' without the other way\n%s", what, got, screen(m))
		}
	}

	m.focusID("rotation.automaticallyAfterDays")
	press(t, m, "ctrl+u")
	check("rotation.automaticallyAfterDays", "Rotate every (days) emptied")

	m.focusID("rotation.schedule")
	press(t, m, "right")
	m.focusID("rotation.scheduleExpression")
	press(t, m, "ctrl+u")
	check("rotation.scheduleExpression", "Schedule expression emptied")

	m.focusID("rotation.function")
	press(t, m, "right")
	check("rotation.lambdaArn", "Rotation Lambda ARN empty under My own Lambda")
}
