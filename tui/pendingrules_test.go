package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A statement from a ready-made button whose principals are still to type
// leaves the rules that read them pending (·), never failed: "Let another
// account read it" showed no-public-principal, no-lockout and
// rotation-not-blocked failed until the account was typed (trial 7a's
// T10; issue 22 item 3). A principal typed wrong still fails them.
func TestUnansweredPrincipalLeavesRulesPending(t *testing.T) {
	m := onSecret(t)
	m.gotoStep(stepPolicy)
	m.focusID("policy.account")
	press(t, m, "enter")
	status := func(id blueprint.RuleID) blueprint.Status {
		for _, r := range m.report.Results {
			if r.Rule.ID == id {
				return r.Status
			}
		}
		t.Fatalf("no result for %s", id)
		return 0
	}
	rules := []blueprint.RuleID{blueprint.RuleNoPublicPrincipal, blueprint.RuleNoLockout, blueprint.RuleRotationNotBlocked}
	for _, id := range rules {
		if got := status(id); got != blueprint.StatusNotApplicable {
			t.Errorf("%s with the account still to type: %s, want pending (not applicable)", id, got)
		}
	}
	prin := "stmt0.principal"
	fieldByID(t, m, prin)
	m.focusID(prin)
	typeText(t, m, "12345")
	for _, id := range rules {
		if got := status(id); got != blueprint.StatusNotMet {
			t.Errorf("%s with the account %q: %s, want not met", id, "12345", got)
		}
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "444455556666")
	for _, id := range rules {
		if got := status(id); got != blueprint.StatusMet {
			t.Errorf("%s with an account: %s, want met", id, got)
		}
	}
}

// The pending note names the field as the screens do: LearnReview printed
// "pending: resourcePolicy.statements[0].principal.AWS is not answered
// yet", a design path, where every other line names the field.
func TestPendingNoteSaysTheFieldsLabel(t *testing.T) {
	m := onSecret(t)
	m.gotoStep(stepPolicy)
	m.focusID("policy.account")
	press(t, m, "enter")
	review := LearnReview(m.d, m.report)
	if !strings.Contains(review, "pending: ") || strings.Contains(review, "resourcePolicy.") {
		t.Errorf("the learn review's pending notes name a design path, or there are none:\n%s", review)
	}
}
