package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/blueprint"
)

// Resource policy statements: editing, deleting and their principals.

// d on a statement's row asks before deleting it: its answers cannot be
// got back, and it went at once, without a word. n keeps it; y deletes.
func TestDeleteStatementAsksFirst(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "AllowApp", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/app"}},
			Action:    []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := designAt(&d, stepPolicy)
	m.focusID("stmt0")
	press(t, m, "d")
	if !m.asking("delete") || !strings.Contains(screen(m), "Delete this statement?") {
		t.Fatalf("d did not ask:\n%s", screen(m))
	}
	press(t, m, "n")
	if m.d.ResourcePolicy == nil || len(m.d.ResourcePolicy.Statements) != 1 {
		t.Fatalf("n deleted the statement")
	}
	press(t, m, "d")
	press(t, m, "y")
	if m.d.ResourcePolicy != nil {
		t.Errorf("y kept the statement: %+v", m.d.ResourcePolicy)
	}
}

// Issue 22, item 7: a role name may hold a comma (IAM allows _+=,.@- in
// names), so the Principals field keeps a comma inside an ARN, and still
// splits values separated by ", " or by a comma before another ARN.
func TestPrincipalWithComma(t *testing.T) {
	const comma = "arn:aws:iam::111122223333:role/deploy,ci"
	const other = "arn:aws:iam::111122223333:role/app"
	for _, tt := range []struct {
		typed string
		want  []string
	}{
		{comma, []string{comma}},
		{comma + ", " + other, []string{comma, other}},
		{comma + "," + other, []string{comma, other}},
		{other + ",111122223333", []string{other, "111122223333"}},
		{other + ",", []string{other}},
	} {
		m := statementModel(t)
		m.focusID("stmt0.principal")
		press(t, m, "ctrl+u")
		typeText(t, m, tt.typed)
		got := m.d.ResourcePolicy.Statements[0].Principal.AWS
		if !slices.Equal(got, tt.want) {
			t.Errorf("typed %q: principals %q, want %q", tt.typed, got, tt.want)
		}
		if ps := m.d.Validate().At("resourcePolicy.statements[0].principal.AWS[0]"); len(ps) > 0 {
			t.Errorf("typed %q: %v", tt.typed, ps)
		}
	}
	if got := splitList(joinList([]string{comma, other})); !slices.Equal(got, []string{comma, other}) {
		t.Errorf("a shown list splits back as %q", got)
	}
	if got := splitList("subnet-0abc1234,subnet-0def5678"); len(got) != 2 {
		t.Errorf("subnets split as %q, want two", got)
	}
}

// A condition added by a stray enter and left empty is dropped when the
// statement is left, not only on Continue: the list of statements showed
// its errors, by design-file path, until then. A condition's problem shown
// on the list names the statement's condition, not the path.
func TestEmptyConditionDroppedLeavingStatement(t *testing.T) {
	m := New(benchDesign(), Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 40})
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	before := len(m.d.ResourcePolicy.Statements[0].Condition)
	m.focusID("stmt0.addcond")
	press(t, m, "enter")
	if got := len(m.d.ResourcePolicy.Statements[0].Condition); got != before+1 {
		t.Fatalf("+ Add a condition left %d conditions, want %d", got, before+1)
	}
	press(t, m, "esc")
	if got := len(m.d.ResourcePolicy.Statements[0].Condition); got != before {
		t.Errorf("after leaving the statement, %d conditions, want the empty one dropped (%d)", got, before)
	}
	if s := screen(m); strings.Contains(s, "condition.") {
		t.Errorf("the list shows a condition's path:\n%s", s)
	}
	if got := pathLabel(`resourcePolicy.statements[0].condition.StringEquals[""]`); got != "statement 1 condition StringEquals" {
		t.Errorf("a condition's path reads %q, want statement 1 condition StringEquals", got)
	}
}
