package tui

import (
	"strings"
	"testing"
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

	// Nothing matches: the choice stays, and the screen says which.
	typeText(t, m, "mysql multi x")
	if got := chosen(); got != "MySQLMultiUser" {
		t.Errorf("no match: chose %q, want MySQLMultiUser kept", got)
	}
	form := strings.Join(m.formLines(m.formWidth(), 500), "\n")
	if !strings.Contains(strings.Join(strings.Fields(form), " "), "nothing matches the filter; MySQL · multi user (alternating) is still the choice") {
		t.Errorf("no match: the form does not say what stays chosen:\n%s", form)
	}
}
