package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/blueprint"
)

// The rotation-type filter takes words separated by spaces, in any order
// and anywhere in the name, and says so when nothing matches instead of
// leaving an unseen type chosen (issue 22 item 2: space moved the choice,
// and "mysql single" left MySQL multi user chosen behind "0 of 16").
func TestRotationTypeFilterWords(t *testing.T) {
	m := sized(New(nil, Options{NoColor: true}))
	press(t, m, "enter") // a new secret
	typeText(t, m, "prod/db")
	m.gotoStep(stepRotation)
	m.settle()
	if m.d.Rotation == nil {
		press(t, m, "space")
	}
	const typ = "rotation.hostedRotationLambda.rotationType"
	m.focusID(typ)
	chosen := func() string { return m.d.Rotation.HostedRotationLambda.RotationType }

	for _, tt := range []struct{ typed, want string }{
		{"single mysql", "MySQLSingleUser"},
		{"mysql single", "MySQLSingleUser"},
		{"multi maria", "MariaDBMultiUser"},
		{"mysql multi", "MySQLMultiUser"},
		{"postgresqlsingle", "PostgreSQLSingleUser"},
	} {
		if m.ed.Filter != "" {
			press(t, m, "esc") // clears the filter, staying on the step
		}
		if m.ed.Filter != "" || m.step != stepRotation {
			t.Fatalf("esc: filter %q, step %d; want the filter cleared on the Rotation step", m.ed.Filter, m.step)
		}
		typeText(t, m, tt.typed)
		if got := chosen(); got != tt.want {
			t.Errorf("typing %q chose %q, want %q", tt.typed, got, tt.want)
		}
		if s := screen(m); !strings.Contains(s, "filter: "+tt.typed+" (") {
			t.Errorf("typing %q: the filter line does not show it:\n%s", tt.typed, s)
		}
	}

	// A space before any word does not move the choice.
	press(t, m, "esc")
	before := chosen()
	press(t, m, "space")
	if chosen() != before || m.ed.Filter != "" {
		t.Errorf("space on an empty filter: chose %q (was %q), filter %q", chosen(), before, m.ed.Filter)
	}

	// Nothing matches: the choice held before the filter stays, and the
	// screen says which.
	typeText(t, m, "mysql multi")
	press(t, m, "enter", "shift+tab") // move on, keeping the match, and back
	typeText(t, m, "mysql multi x")
	if got := chosen(); got != "MySQLMultiUser" {
		t.Errorf("no match: chose %q, want MySQLMultiUser kept", got)
	}
	form := strings.Join(m.formLines(m.formWidth(), 500), "\n")
	if !strings.Contains(strings.Join(strings.Fields(form), " "), "nothing matches the filter; MySQL · multi user (alternating) is still the choice") {
		t.Errorf("no match: the form does not say what stays chosen:\n%s", form)
	}
}

// A paste into the rotation type's list is typed into its filter, as the
// same words typed are: it was dropped without a word.
func TestPasteIntoAListFilters(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	send(t, m, tea.PasteMsg{Content: "mysql\n multi\x07"})
	if h := m.d.Rotation.HostedRotationLambda; h == nil || h.RotationType != "MySQLMultiUser" {
		t.Errorf("after pasting mysql multi: %+v\n%s", m.d.Rotation.HostedRotationLambda, screen(m))
	}
	if s := screen(m); !strings.Contains(s, "filter: mysql multi (1 of 16") {
		t.Errorf("the filter line:\n%s", s)
	}
}

// Issue 11, item 17: letters typed in the Actions list filter it; space
// toggles, and while a filter is typed space is one of its words and enter
// toggles (issue 22's third trial, D18: "list ver" granted the highlighted
// ListSecretVersionIds between its words).
func TestActionsTypeToFilter(t *testing.T) {
	m := onRoleStatement(t)
	m.focusID("stmt0.action")
	before := append([]string(nil), m.d.ResourcePolicy.Statements[0].Action...)
	typeText(t, m, "xx") // x used to toggle
	if got := m.d.ResourcePolicy.Statements[0].Action; strings.Join(got, ",") != strings.Join(before, ",") {
		t.Fatalf("typing changed the actions: %v, was %v", got, before)
	}
	press(t, m, "backspace", "backspace")
	typeText(t, m, "list")
	press(t, m, "space")
	typeText(t, m, "ver")
	if got := m.d.ResourcePolicy.Statements[0].Action; strings.Join(got, ",") != strings.Join(before, ",") || m.ed.Filter != "list ver" {
		t.Fatalf("typing \"list ver\" changed the actions to %v (was %v), filter %q", got, before, m.ed.Filter)
	}
	contains(t, screen(m), "enter selects")
	press(t, m, "esc")
	typeText(t, m, "rotate")
	s := screen(m)
	contains(t, s, "filter: rotate")
	contains(t, s, "RotateSecret")
	if strings.Contains(s, "GetRandomPassword") {
		t.Errorf("the filter left GetRandomPassword in the list:\n%s", s)
	}
	press(t, m, "down", "enter") // the second match
	f := fieldByID(t, m, "stmt0.action")
	_, w := f.widget()
	second := m.ed.Shown(w)[1].Value
	found := false
	for _, a := range m.d.ResourcePolicy.Statements[0].Action {
		found = found || a == second
	}
	if !found {
		t.Errorf("enter on the second match did not select %s: %v", second, m.d.ResourcePolicy.Statements[0].Action)
	}
	press(t, m, "esc")
	if m.ed.Filter != "" || m.stmt != 0 {
		t.Errorf("esc: filter %q, statement %d; want the filter cleared and the statement still open", m.ed.Filter, m.stmt)
	}
}

// Issue 11, item 20 (in part): the long list of rotation types filters as
// the user types, and the choice follows the first match.
func TestRotationTypeFilters(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{}}}
	m := designAt(&d, stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	typeText(t, m, "postgre")
	h := m.d.Rotation.HostedRotationLambda
	if !strings.HasPrefix(h.RotationType, "PostgreSQL") {
		t.Fatalf("typing postgre chose %q", h.RotationType)
	}
	s := screen(m)
	contains(t, s, "filter: postgre")
	if strings.Contains(s, "MySQL") {
		t.Errorf("the filter left MySQL in the list:\n%s", s)
	}
	first := h.RotationType
	press(t, m, "down")
	if h.RotationType == first || !strings.HasPrefix(h.RotationType, "PostgreSQL") {
		t.Errorf("down within the filter chose %q after %q", h.RotationType, first)
	}
	press(t, m, "esc")
	if m.ed.Filter != "" || m.step != stepRotation {
		t.Errorf("esc: filter %q, step %d; want the filter cleared on the Rotation step", m.ed.Filter, m.step)
	}
}

// Typing a filter never changes a choice the filter still shows, and the
// first match that stands in for a hidden choice gives way to it again
// when nothing matches or esc clears the filter (trial 6a's A8: with
// Redshift chosen, "a" of "aurora" chose MySQL multi user, and "au",
// matching nothing, called MySQL multi user "still the choice"; esc kept
// it).
func TestRotationTypeFilterKeepsTheChoiceHeld(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "RedshiftSingleUser"}}}
	m := designAt(&d, stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	chosen := func() string { return m.d.Rotation.HostedRotationLambda.RotationType }

	// A filter that still shows the choice leaves it.
	typeText(t, m, "red")
	if chosen() != "RedshiftSingleUser" {
		t.Errorf("typing red chose %q; Redshift still matches", chosen())
	}
	press(t, m, "esc")

	// "a" hides Redshift: the first match stands in for it, and the filter
	// line says so.
	typeText(t, m, "a")
	if chosen() == "RedshiftSingleUser" || chosen() == "" {
		t.Errorf("typing a: chose %q, want the first match", chosen())
	}
	if s := formText(m); !strings.Contains(s, "the filter hides Redshift · single user, so the first match is chosen until it clears") {
		t.Errorf("typing a: the filter line does not say the first match stands in for Redshift:\n%s", s)
	}
	// "au" matches nothing: Redshift is chosen again, truly "still".
	typeText(t, m, "urora")
	if chosen() != "RedshiftSingleUser" {
		t.Errorf("typing aurora (no match): chose %q, want RedshiftSingleUser back", chosen())
	}
	if s := formText(m); !strings.Contains(s, "nothing matches the filter; Redshift · single user is still the choice") {
		t.Errorf("no match: the form does not say Redshift is still the choice:\n%s", s)
	}
	// Backspace to a match again, then esc: back to Redshift.
	press(t, m, "backspace", "backspace", "backspace", "backspace", "backspace")
	if m.ed.Filter != "a" || chosen() == "RedshiftSingleUser" {
		t.Fatalf("backspace to a: filter %q, chose %q; want the first match again", m.ed.Filter, chosen())
	}
	press(t, m, "esc")
	if chosen() != "RedshiftSingleUser" || m.ed.Filter != "" || m.step != stepRotation {
		t.Errorf("esc: chose %q, filter %q, step %d; want RedshiftSingleUser and the filter cleared on the Rotation step", chosen(), m.ed.Filter, m.step)
	}

	// A match moved to with ↓ is the user's: esc keeps it, and a filter
	// then matching nothing keeps it too.
	typeText(t, m, "postgre")
	press(t, m, "down")
	picked := chosen()
	if !strings.HasPrefix(picked, "PostgreSQL") {
		t.Fatalf("down within postgre chose %q", picked)
	}
	typeText(t, m, "zz")
	if chosen() != picked {
		t.Errorf("no match after ↓: chose %q, want %q kept", chosen(), picked)
	}
	press(t, m, "esc")
	if chosen() != picked {
		t.Errorf("esc after ↓: chose %q, want %q kept", chosen(), picked)
	}
}
