package blueprint

import "testing"

// A statement still being filled in leaves the rules that read it pending,
// the condition rows included (trial 8a's W1: the VPC endpoint Deny with
// its values still to type failed no-public-principal, no-lockout,
// rotation-not-blocked and given-key-readers); it never hides another
// statement's failure.
func TestUnfinishedStatementLeavesRulesPending(t *testing.T) {
	d := compliantDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username": "payments"}`
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, VPCEndpointDenyStatement())
	r := Check(d).WithValidation(d.Validate())
	for _, id := range []RuleID{RuleNoPublicPrincipal, RuleNoLockout, RuleRotationNotBlocked, RuleGivenKeyReaders} {
		if got, _ := r.Result(id); got.Status != StatusNotApplicable || got.Pending == "" {
			t.Errorf("%s with the Deny's values to type: %v %v, want pending", id, got.Status, got.Findings)
		}
	}
	if !d.Unanswered(ConditionPath(len(d.ResourcePolicy.Statements)-1, Condition{Operator: "ArnNotLike", Key: "aws:PrincipalArn"})) {
		t.Errorf("an empty condition row reads as answered")
	}

	// A public Allow beside it still fails, though the Deny is unfinished.
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, everyone())
	r = Check(d).WithValidation(d.Validate())
	if got, _ := r.Result(RuleNoPublicPrincipal); got.Status != StatusNotMet {
		t.Errorf("a public Allow beside an unfinished Deny: %v, want not met", got.Status)
	}
}
