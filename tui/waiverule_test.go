package tui

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The Review's "Waive rule" starts on the first rule not met, as the Review
// lists them, even when another rule failed first on an earlier step (a
// cross-account design's Review started on tags-present, the second rule
// not met, rather than given-key-readers); a rule the user picks stays.
func TestWaiveRuleStartsOnTheFirstRuleNotMet(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	if m.waiveRule != string(blueprint.RuleTagsPresent) {
		t.Fatalf("on the Secret step the waiver is for %q; the test wants tags-present failing first there", m.waiveRule)
	}
	// A replica encrypted with a key of the account's and a reader in
	// another account: given-key-readers fails too, and comes first.
	m.d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "eu-west-1", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab"}}
	m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "PartnerReads", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::444455556666:role/reader"}},
		Action:    []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}
	m.refresh()
	m.gotoStep(stepReview)
	m.settle()
	failing := m.failingRules()
	if len(failing) < 2 || failing[0].value != string(blueprint.RuleGivenKeyReaders) {
		t.Fatalf("rules not met %v, want given-key-readers first and another", failing)
	}
	if m.waiveRule != failing[0].value {
		t.Errorf("the Review's Waive rule starts on %q, want the first rule not met, %q", m.waiveRule, failing[0].value)
	}
	contains(t, formText(m), "Waive rule given-key-readers")

	// The user picks the next one: it stays when the report is made again.
	m.focusID("review.waiveRule")
	press(t, m, "right")
	picked := m.waiveRule
	if picked == failing[0].value {
		t.Fatalf("→ on Waive rule left it on %q", picked)
	}
	m.refresh()
	m.settle()
	if m.waiveRule != picked {
		t.Errorf("the picked rule %q became %q", picked, m.waiveRule)
	}
}

// A reason typed for the rule shown stays with that rule when another
// rule starts failing before it.
func TestWaiverReasonKeepsItsRule(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	m.gotoStep(stepReview)
	m.settle()
	rule := m.waiveRule
	if rule == "" {
		t.Fatal("no rule to waive on the Review")
	}
	m.focusID("review.waiveReason")
	typeText(t, m, "accepted by secops")
	m.d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "eu-west-1", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab"}}
	m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "PartnerReads", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::444455556666:role/reader"}},
		Action:    []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}
	m.refresh()
	m.settle()
	if failing := m.failingRules(); failing[0].value == rule {
		t.Fatalf("rules not met %v: the test wants another rule first now", failing)
	}
	if m.waiveRule != rule {
		t.Errorf("the reason typed for %q is now for %q", rule, m.waiveRule)
	}
}
