package tui

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The account statement's principals ask for accounts whatever its place
// in the list and however the session began: the hint followed a flag
// kept by the statement's index, which deleting an earlier statement or
// resuming a draft lost (issue 22). TestAccountHintFollowsTheStatement
// failed before.
func TestAccountHintFollowsTheStatement(t *testing.T) {
	m := sized(New(nil, Options{}))
	m.gotoStep(stepPolicy)
	fieldByID(t, m, "policy.role").action()
	m.gotoStep(stepPolicy)
	fieldByID(t, m, "policy.account").action()
	if q := m.principalsQuestion(1, "AWS"); q.hint != qPrinAccounts.hint {
		t.Fatalf("the account statement's principals hint %q, want %q", q.hint, qPrinAccounts.hint)
	}
	// The role statement goes: the account statement is now the first.
	m.d.ResourcePolicy.Statements = m.d.ResourcePolicy.Statements[1:]
	m.clearStatementModes()
	if q := m.principalsQuestion(0, "AWS"); q.hint != qPrinAccounts.hint {
		t.Errorf("after a deletion the account statement's principals hint %q, want %q", q.hint, qPrinAccounts.hint)
	}
	// A session that starts from the design alone (a resumed draft, an
	// opened file), the account given or not yet.
	for _, st := range []blueprint.Statement{
		{Sid: "AllowAccountRead1", Effect: "Allow", Principal: &blueprint.Principal{}},
		{Sid: "Other", Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:root"}}},
		{Sid: "Bare", Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"111122223333"}}},
	} {
		d := blueprint.Design{Secret: blueprint.Secret{SecretID: "x"}, ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{st}}}
		m := sized(New(&d, Options{}))
		if q := m.principalsQuestion(0, "AWS"); q.hint != qPrinAccounts.hint {
			t.Errorf("statement %s's principals hint %q, want %q", st.Sid, q.hint, qPrinAccounts.hint)
		}
	}
	// A role's statement keeps the roles' hint.
	role := blueprint.Design{ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "AllowRoleRead", Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/app"}}}}}}
	if q := sized(New(&role, Options{})).principalsQuestion(0, "AWS"); q.hint != qPrinValues.hint {
		t.Errorf("a role's statement hints %q, want %q", q.hint, qPrinValues.hint)
	}
}
