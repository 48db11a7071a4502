package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A collapsed statement shows its conditions in short, wrapped under its
// row and never cut (issue 22 item 4: the list hid them).
func TestStatementSummaryShowsConditions(t *testing.T) {
	for _, tt := range []struct {
		conds []blueprint.Condition
		want  string
	}{
		{[]blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0abc1234"}}},
			" · if aws:SourceVpce = vpce-0abc1234"},
		{[]blueprint.Condition{{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1", "vpce-2"}},
			{Operator: "StringEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-a1b2c3d4e5"}}},
			" · if aws:SourceVpce != vpce-1, vpce-2 and aws:PrincipalOrgID = o-a1b2c3d4e5"},
		{[]blueprint.Condition{{Operator: "ForAnyValue:StringLikeIfExists", Key: "aws:TagKeys", Values: []string{"team*"}}},
			" · if aws:TagKeys (any) like team* (if present)"},
		{[]blueprint.Condition{{Operator: "Null", Key: "aws:SourceVpc", Values: []string{"true"}}},
			" · if aws:SourceVpc is absent"},
		{[]blueprint.Condition{{Operator: "StringEquals"}}, ""}, // a row not filled in yet
		{[]blueprint.Condition{{Operator: "StringNotEquals", Key: "aws:SourceVpce"}},
			" · if aws:SourceVpce != (no value)"},
	} {
		st := blueprint.Statement{Sid: "Read", Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/app"}},
			Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}, Condition: tt.conds}
		base := "Read: Allow GetSecretValue to arn:aws:iam::111122223333:role/app"
		if got := statementSummary(st); got != base+tt.want {
			t.Errorf("statementSummary(%v) = %q, want %q", tt.conds, got, base+tt.want)
		}
	}

	// On screen, at the narrowest width, every word of a long one shows.
	m := sized(New(benchDesign(), Options{NoColor: true, DesignFile: "d.yaml"}))
	send(t, m, tea.WindowSizeMsg{Width: MinWidth, Height: 40})
	m.gotoStep(stepPolicy)
	st := &m.d.ResourcePolicy.Statements[0]
	st.Condition = append(st.Condition, blueprint.Condition{Operator: "StringEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-a1b2c3d4e5"}})
	m.refresh()
	s := screen(m)
	flat := strings.Join(strings.Fields(s), " ")
	for _, want := range []string{"if aws:SourceVpce = vpce-0abc1234 and aws:PrincipalOrgID = o-a1b2c3d4e5"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the policy list at %d columns lacks %q:\n%s", MinWidth, want, s)
		}
	}
	if lines := strings.Split(s, "\n"); strings.Contains(strings.Join(lines[:len(lines)-1], "\n"), "…") {
		t.Errorf("the policy list at %d columns cuts a line:\n%s", MinWidth, s)
	}
}

// A statement's problem shown under its summary names the statement and
// the field in the screens' words, not the design-file path: an imported
// statement whose principal was not read showed
// "resourcePolicy.statements[0].principal: needs at least one ...".
func TestStatementSummaryProblemInScreenWords(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Effect: "Allow",
			Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	s := screen(m)
	if strings.Contains(s, "resourcePolicy.statements") || !strings.Contains(s, "statement 1 Principals:") {
		t.Errorf("the summary's problem:\n%s", s)
	}
}

// A statement's summary names its actions, in short, up to three, and counts
// more: one of one action and one of two read alike (a one-action statement
// named its action while a two-action one said "2 actions").
func TestStatementSummaryNamesItsActions(t *testing.T) {
	const role = "arn:aws:iam::111122223333:role/app"
	for _, tt := range []struct {
		action, notAction []string
		want              string
	}{
		{[]string{"secretsmanager:GetSecretValue"}, nil, "Allow GetSecretValue to"},
		{[]string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, nil, "Allow GetSecretValue and DescribeSecret to"},
		{[]string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"}, nil,
			"Allow GetSecretValue, DescribeSecret and ListSecretVersionIds to"},
		{[]string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds", "secretsmanager:PutSecretValue"}, nil,
			"Allow 4 actions to"},
		{[]string{"secretsmanager:Get*", "secretsmanager:*", "*"}, nil, "Allow Get*, secretsmanager:* and * to"},
		{nil, []string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}, "Allow all actions but DescribeSecret and GetSecretValue to"},
		{nil, []string{"secretsmanager:A", "secretsmanager:B", "secretsmanager:C", "secretsmanager:D"}, "Allow all but 4 actions to"},
		{nil, nil, "Allow no actions yet to"},
	} {
		st := blueprint.Statement{Sid: "Read", Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{role}},
			Action: tt.action, NotAction: tt.notAction, Resource: []string{"*"}}
		if got, want := statementSummary(st), "Read: "+tt.want+" "+role; got != want {
			t.Errorf("statementSummary(action %v, notAction %v) = %q, want %q", tt.action, tt.notAction, got, want)
		}
	}
}
