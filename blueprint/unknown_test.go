package blueprint

import "testing"

// TestRuleInputsCoverEveryRule: a rule that names no path it reads would
// pass on a template whose every value is unknown.
func TestRuleInputsCoverEveryRule(t *testing.T) {
	for _, r := range Rules() {
		if len(RuleInputs(r.ID)) == 0 {
			t.Errorf("rule %s names no Inputs or Scope", r.ID)
		}
	}
	if RuleInputs("no-such-rule") != nil {
		t.Error("an unknown rule has inputs")
	}
}

func TestCheckUnknown(t *testing.T) {
	days := 30
	base := func() *Design {
		return &Design{
			Secret: Secret{SecretID: "prod/app", KMSKeyARN: "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
				RecoveryWindowDays: &days, GenerateSecretString: &GenerateSecretString{}, Tags: []Tag{{"owner", "x"}}},
			ResourcePolicy: &ResourcePolicy{Statements: []Statement{
				{Effect: "Allow", Principal: &Principal{AWS: []string{"arn:aws:iam::111122223333:role/a"}}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"}},
				{Effect: "Allow", Principal: &Principal{AWS: []string{"arn:aws:iam::111122223333:role/b"}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}},
			}},
		}
	}
	status := func(r Report, id RuleID) Status {
		res, ok := r.Result(id)
		if !ok {
			t.Fatalf("no result for %s", id)
		}
		return res.Status
	}

	// A known wildcard action fails even when another statement is unknown.
	u := Unknowns{}
	u.Add("resourcePolicy.statements[1].action", "the parameter Actions has no default")
	r := CheckUnknown(base(), u)
	if got := status(r, "no-wildcard-actions"); got != StatusNotMet {
		t.Errorf("known wildcard with another unknown statement: %v, want not met", got)
	}
	// A rule that reads only Deny statements is decided whatever an Allow
	// statement holds: the unknown action cannot lock anyone out.
	if got := status(r, "no-lockout"); got != StatusMet {
		t.Errorf("no-lockout with an unknown action in an Allow statement: %v, want met", got)
	}
	// A rule that would pass but reads an unknown value cannot be verified:
	// the same unknown action in a Deny statement.
	deny := base()
	deny.ResourcePolicy.Statements[1].Effect = "Deny"
	rd := CheckUnknown(deny, u)
	if got := status(rd, "no-lockout"); got != StatusCannotVerify {
		t.Errorf("no-lockout with an unknown action in a Deny statement: %v, want cannot verify", got)
	}
	res, _ := rd.Result("no-lockout")
	if res.Note != "the parameter Actions has no default" {
		t.Errorf("note %q does not give the reason", res.Note)
	}
	// An Allow to an unknown principal (the account root from !Sub) leaves
	// the Deny rules decided, and an unknown principal in a Deny statement
	// leaves the Allow rules decided; a statement whose effect is unknown
	// counts for both.
	u2 := Unknowns{}
	u2.Add("resourcePolicy.statements[1].principal.AWS", "AWS::AccountId depends on where the stack is deployed")
	r2 := CheckUnknown(base(), u2)
	if got := status(r2, "no-lockout"); got != StatusMet {
		t.Errorf("no-lockout with an unknown Allow principal: %v, want met", got)
	}
	if got := status(r2, "no-public-principal"); got != StatusCannotVerify {
		t.Errorf("no-public-principal with an unknown Allow principal: %v, want cannot verify", got)
	}
	r2 = CheckUnknown(deny, u2)
	if got := status(r2, "no-public-principal"); got != StatusMet {
		t.Errorf("no-public-principal with an unknown Deny principal: %v, want met", got)
	}
	if got := status(r2, "no-wildcard-actions"); got != StatusNotMet {
		t.Errorf("no-wildcard-actions, statement 0 allows secretsmanager:*: %v, want not met", got)
	}
	u2.Add("resourcePolicy.statements[1].effect", "the parameter Effect has no default")
	if got := status(CheckUnknown(base(), u2), "no-lockout"); got != StatusCannotVerify {
		t.Errorf("no-lockout with a statement of unknown effect: %v, want cannot verify", got)
	}
	// A rule that reads other fields of the same statement is still judged.
	if got := status(r, "no-public-principal"); got != StatusMet {
		t.Errorf("no-public-principal reads no action, but an unknown action made it %v", got)
	}
	// Rules not reading the unknown value are untouched.
	if got := status(r, "customer-managed-key"); got != StatusMet {
		t.Errorf("customer-managed-key: %v, want met", got)
	}

	// A finding only on an unknown value is not a failure.
	d := base()
	d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:GetSecretValue"}
	d.Secret.KMSKeyARN = "alias/aws/secretsmanager"
	u = Unknowns{}
	u.Add("secret.kmsKeyArn", "the parameter Key has no default")
	if got := status(CheckUnknown(d, u), "customer-managed-key"); got != StatusCannotVerify {
		t.Errorf("aws managed placeholder for an unknown key: %v, want cannot verify", got)
	}
	// An unknown ancestor covers every rule below it; a rule not applicable
	// because rotation is missing cannot be verified when rotation is unknown.
	u = Unknowns{}
	u.Add("rotation", "the condition Rotate is unknown")
	r = CheckUnknown(d, u)
	for _, id := range []RuleID{"rotation-enabled", "rotation-within-30-days", "rotation-lambda-in-vpc", "rotation-failure-alert"} {
		if got := status(r, id); got != StatusCannotVerify {
			t.Errorf("%s with unknown rotation: %v, want cannot verify", id, got)
		}
	}
	if StatusCannotVerify.String() != "cannot verify" {
		t.Errorf("String() = %q", StatusCannotVerify.String())
	}
	// No unknowns: exactly Check.
	a, b := Check(d), CheckUnknown(d, nil)
	for i := range a.Results {
		if a.Results[i].Status != b.Results[i].Status {
			t.Errorf("%s: CheckUnknown without unknowns %v, Check %v", a.Results[i].Rule.ID, b.Results[i].Status, a.Results[i].Status)
		}
	}
}

// TestCheckUnknownScope: when whether a rule applies is unknown (the
// rotation might not be deployed), a finding on a known value is no
// failure either.
func TestCheckUnknownScope(t *testing.T) {
	d := &Design{
		Secret:   Secret{SecretID: "prod/app", GenerateSecretString: &GenerateSecretString{}},
		Rotation: &Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: "arn:aws:lambda:us-east-1:111122223333:function:r"},
	}
	off := false
	d.Monitoring.RotationFailureAlert = &off
	if r, _ := Check(d).Result("rotation-failure-alert"); r.Status != StatusNotMet {
		t.Fatalf("without unknowns the alert rule is %v, want not met", r.Status)
	}
	u := Unknowns{}
	u.Add("rotation", "the schedule exists only under the condition Rotate")
	r, _ := CheckUnknown(d, u).Result("rotation-failure-alert")
	if r.Status != StatusCannotVerify || r.Note != "the schedule exists only under the condition Rotate" {
		t.Errorf("alert rule with the rotation's existence unknown: %v %q, want cannot verify with the condition", r.Status, r.Note)
	}
	// A waiver still wins: the team has decided.
	d.Waivers = []Waiver{{Rule: "rotation-failure-alert", Reason: "r"}}
	if r, _ := CheckUnknown(d, u).Result("rotation-failure-alert"); r.Status != StatusWaived {
		t.Errorf("waived rule with unknown scope: %v, want waived", r.Status)
	}
}
