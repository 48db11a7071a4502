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

// Issue 11, item 18: a stray enter on "+ Add a replica region" does not
// keep the user on the step, and an empty row is removed without a
// confirmation.
func TestEmptyRowsDoNotBlock(t *testing.T) {
	m := onSecretAnswered(t)
	m.focusID("replicas.add")
	press(t, m, "enter") // the stray enter
	focusIs(t, m, "replica0.region")
	if len(m.d.Secret.ReplicaRegions) != 1 {
		t.Fatalf("enter on the add button added %d rows", len(m.d.Secret.ReplicaRegions))
	}
	// An empty row goes with one enter.
	m.focusID("replica0.remove")
	press(t, m, "enter")
	if len(m.d.Secret.ReplicaRegions) != 0 {
		t.Errorf("one enter on the empty row's remove button left %d rows", len(m.d.Secret.ReplicaRegions))
	}
	// A filled one still asks.
	m.focusID("tag0.remove")
	press(t, m, "enter")
	if len(m.d.Secret.Tags) != 1 || m.ed.Armed != "tag0.remove" {
		t.Errorf("one enter removed a filled tag (tags %v, armed %q)", m.d.Secret.Tags, m.ed.Armed)
	}
	// Another stray row, then Continue: it is dropped, not an error.
	m.focusID("replicas.add")
	press(t, m, "enter")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "Continue with an empty replica row")
	if len(m.d.Secret.ReplicaRegions) != 0 {
		t.Errorf("the empty replica row was kept: %v", m.d.Secret.ReplicaRegions)
	}
}
