package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Enter is how people move on: from the last field of a statement it must
// pass over "− Remove this condition" and "+ Add a condition" instead of
// pressing them.
func TestEnterPassesOverAddCondition(t *testing.T) {
	m := New(benchDesign(), Options{DesignFile: "bench.yaml"})
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	before := len(m.d.ResourcePolicy.Statements[0].Condition)
	m.focusID("stmt0.cond0.values")
	press(t, m, "enter")
	focusIs(t, m, "stmt0.done")
	if got := len(m.d.ResourcePolicy.Statements[0].Condition); got != before {
		t.Errorf("enter from the condition values left %d conditions, want %d", got, before)
	}
}
