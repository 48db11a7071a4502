package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// statementModel returns a wizard open on statement 0 of a design with
// one statement and no conditions, at the golden size.
func statementModel(t *testing.T) *Model {
	t.Helper()
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Rotation = nil // the tests read the policy's errors alone
	d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
		Sid: "AllowRoleRead", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/app"}},
		Action:    readActions(), Resource: []string{"*"},
	}}}
	m := sized(New(&d, Options{DesignFile: "design.yaml"}))
	m.gotoStep(stepPolicy)
	m.editStatement(0, "stmt0.addcond")
	focusIs(t, m, "stmt0.addcond")
	return m
}

func TestConditionCompletions(t *testing.T) {
	tests := []struct {
		name  string
		field string   // the field to type in
		typed string   // what the user types
		keys  []string // pressed after typing
		want  string   // the field's value after the keys
		hint  string   // on screen before the keys; "" for no completion hint
	}{
		{name: "key from the blueprint's five", field: "key", typed: "aws:Sou", keys: []string{"right"},
			want: "aws:SourceVpce", hint: "→ completes aws:SourceVpce · ctrl+n: next of"},
		{name: "next match", field: "key", typed: "aws:Sou", keys: []string{"ctrl+n", "right"},
			want: "aws:SourceVpc", hint: "→ completes aws:SourceVpce"},
		{name: "lower case completes to IAM's spelling", field: "key", typed: "aws:princ", keys: []string{"right"},
			want: "aws:PrincipalOrgID", hint: "→ completes aws:PrincipalOrgID"},
		{name: "secretsmanager key", field: "key", typed: "secretsmanager:Res", keys: []string{"right"},
			want: "secretsmanager:ResourceTag/", hint: "→ completes secretsmanager:ResourceTag/"},
		{name: "global key after the five", field: "key", typed: "aws:VpcS", keys: []string{"right"},
			want: "aws:VpcSourceIp", hint: "→ completes aws:VpcSourceIp"},
		{name: "operator", field: "op", typed: "ArnL", keys: []string{"right"},
			want: "ArnLike", hint: "→ completes ArnLike"},
		{name: "no match leaves → to the cursor", field: "key", typed: "aws:Nope", keys: []string{"right"},
			want: "aws:Nope"},
		{name: "→ inside the text moves the cursor", field: "key", typed: "aws:Sou", keys: []string{"left", "right", "x"},
			want: "aws:Soux", hint: "→ completes aws:SourceVpce"},
		{name: "a whole key needs no completion", field: "op", typed: "Bool", keys: []string{"right"},
			want: "Bool"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := statementModel(t)
			press(t, m, "ctrl+t") // no checklist: the hint is on one line
			press(t, m, "enter")  // + Add a condition: focus on its key
			id := "stmt0.cond0." + tt.field
			m.focusID(id)
			focusIs(t, m, id)
			press(t, m, "ctrl+u")
			typeText(t, m, tt.typed)
			s := screen(m)
			if tt.hint != "" {
				contains(t, s, tt.hint)
			} else if strings.Contains(s, "→ completes") {
				t.Errorf("typing %q shows a completion hint, want none:\n%s", tt.typed, s)
			}
			press(t, m, tt.keys...)
			c := m.d.ResourcePolicy.Statements[0].Condition[0]
			got := c.Key
			if tt.field == "op" {
				got = c.Operator
			}
			if got != tt.want {
				t.Errorf("typing %q then %v: %s = %q, want %q", tt.typed, tt.keys, id, got, tt.want)
			}
			if got == tt.want && tt.want != tt.typed && strings.Contains(screen(m), "→ completes") {
				t.Errorf("after completing %q the hint is still shown:\n%s", got, screen(m))
			}
		})
	}
}

func TestConditionKeySuggestionsOrder(t *testing.T) {
	first := []string{"aws:SourceVpce", "aws:SourceVpc", "aws:PrincipalOrgID", "aws:PrincipalArn", "aws:SecureTransport"}
	for i, k := range first {
		if conditionKeySuggestions[i] != k {
			t.Errorf("conditionKeySuggestions[%d] = %q, want %q", i, conditionKeySuggestions[i], k)
		}
	}
	seen := map[string]int{}
	for _, k := range conditionKeySuggestions {
		seen[k]++
	}
	for _, list := range [][]blueprint.ConditionKey{blueprint.SecretsManagerConditionKeys, blueprint.GlobalConditionKeys} {
		for _, k := range list {
			if seen[k.Name] != 1 {
				t.Errorf("conditionKeySuggestions holds %q %d times, want once", k.Name, seen[k.Name])
			}
		}
	}
	if want := len(blueprint.SecretsManagerConditionKeys) + len(blueprint.GlobalConditionKeys); len(conditionKeySuggestions) != want {
		t.Errorf("len(conditionKeySuggestions) = %d, want %d", len(conditionKeySuggestions), want)
	}
}
