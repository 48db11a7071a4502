package tui

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Every ready-made statement, just added and not filled in yet, leaves the
// rules that read it as they were or pending (·), never failed: the "Deny
// everything outside my VPC endpoint" shortcut, its condition values still
// to type, showed no-public-principal and no-lockout ✗ and
// given-key-readers ! (trial 8a's W1), because a condition row's path
// (condition.ArnNotLike.aws:PrincipalArn) was not read as a field.
func TestShortcutStatementsLeaveRulesPending(t *testing.T) {
	for _, id := range []string{"policy.add", "policy.role", "policy.account", "policy.vpce"} {
		t.Run(id, func(t *testing.T) {
			m := onSecret(t)
			m.gotoStep(stepPolicy)
			before := map[blueprint.RuleID]blueprint.Status{}
			for _, r := range m.report.Results {
				before[r.Rule.ID] = r.Status
			}
			m.focusID(id)
			press(t, m, "enter")
			if len(m.statements()) != 1 {
				t.Fatalf("%s added %d statements, want 1", id, len(m.statements()))
			}
			for _, r := range m.report.Results {
				if r.Status == blueprint.StatusNotMet && before[r.Rule.ID] != blueprint.StatusNotMet {
					t.Errorf("%s fails at once (%v), before its fields are filled in", r.Rule.ID, r.Findings)
				}
			}
		})
	}
}
