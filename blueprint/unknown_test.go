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

	// Each check is a design (base, or deny with statement 1 a Deny), what
	// of it is unknown, a rule and the status the rule must have.
	deny := func() *Design {
		d := base()
		d.ResourcePolicy.Statements[1].Effect = "Deny"
		return d
	}
	action := Unknowns{"resourcePolicy.statements[1].action": "the parameter Actions has no default"}
	principal := Unknowns{"resourcePolicy.statements[1].principal.AWS": "AWS::AccountId depends on where the stack is deployed"}
	effect := Unknowns{"resourcePolicy.statements[1].principal.AWS": "AWS::AccountId depends on where the stack is deployed",
		"resourcePolicy.statements[1].effect": "the parameter Effect has no default"}
	for _, c := range []struct {
		what string
		d    *Design
		u    Unknowns
		rule RuleID
		want Status
	}{
		// A known wildcard action fails even when another statement is
		// unknown.
		{"known wildcard with another unknown statement", base(), action, "no-wildcard-actions", StatusNotMet},
		// A rule that reads only Deny statements is decided whatever an
		// Allow statement holds: the unknown action cannot lock anyone out.
		{"an unknown action in an Allow statement", base(), action, "no-lockout", StatusMet},
		// A rule that would pass but reads an unknown value cannot be
		// verified: the same unknown action in a Deny statement.
		{"an unknown action in a Deny statement", deny(), action, "no-lockout", StatusCannotVerify},
		// A rule that reads other fields of the same statement is still
		// judged.
		{"an unknown action, which the rule does not read", base(), action, "no-public-principal", StatusMet},
		// Rules not reading the unknown value are untouched.
		{"an unknown action, and the key known", base(), action, "customer-managed-key", StatusMet},
		// An Allow to an unknown principal (the account root from !Sub)
		// leaves the Deny rules decided, and an unknown principal in a
		// Deny statement leaves the Allow rules decided; a statement whose
		// effect is unknown counts for both.
		{"an unknown Allow principal", base(), principal, "no-lockout", StatusMet},
		{"an unknown Allow principal", base(), principal, "no-public-principal", StatusCannotVerify},
		{"an unknown Deny principal", deny(), principal, "no-public-principal", StatusMet},
		{"an unknown Deny principal, statement 0 allowing secretsmanager:*", deny(), principal, "no-wildcard-actions", StatusNotMet},
		{"a statement of unknown effect", base(), effect, "no-lockout", StatusCannotVerify},
	} {
		if got := status(CheckUnknown(c.d, c.u), c.rule); got != c.want {
			t.Errorf("%s: %s is %v, want %v", c.what, c.rule, got, c.want)
		}
	}
	res, _ := CheckUnknown(deny(), action).Result("no-lockout")
	if res.Note != "the parameter Actions has no default" {
		t.Errorf("note %q does not give the reason", res.Note)
	}

	// A finding only on an unknown value is not a failure.
	d := base()
	d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:GetSecretValue"}
	d.Secret.KMSKeyARN = "alias/aws/secretsmanager"
	u := Unknowns{}
	u.Add("secret.kmsKeyArn", "the parameter Key has no default")
	if got := status(CheckUnknown(d, u), "customer-managed-key"); got != StatusCannotVerify {
		t.Errorf("aws managed placeholder for an unknown key: %v, want cannot verify", got)
	}
	// An unknown ancestor covers every rule below it; a rule not applicable
	// because rotation is missing cannot be verified when rotation is unknown.
	u = Unknowns{}
	u.Add("rotation", "the condition Rotate is unknown")
	r := CheckUnknown(d, u)
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

// TestCheckUnknownNoDeny: no-lockout and rotation-not-blocked fail only on a
// Deny statement; on a policy that surely has none (or no policy at all)
// they stay decided whatever else is unknown, such as the rotation
// function's subnets imported from another stack.
func TestCheckUnknownNoDeny(t *testing.T) {
	d := &Design{
		Secret:   Secret{SecretID: "prod/app", GenerateSecretString: &GenerateSecretString{}},
		Rotation: &Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: "arn:aws:lambda:us-east-1:111122223333:function:r"},
	}
	u := Unknowns{}
	u.Add("rotation.rotationLambdaArn", "Fn::GetAtt of a nested application's output")
	status := func(d *Design, u Unknowns, id RuleID) Status {
		r, ok := CheckUnknown(d, u).Result(id)
		if !ok {
			t.Fatalf("no result for %s", id)
		}
		return r.Status
	}
	if got := status(d, u, RuleRotationNotBlocked); got != StatusMet {
		t.Errorf("no policy, unknown function: %v, want met", got)
	}
	d.ResourcePolicy = &ResourcePolicy{Statements: []Statement{{Effect: "Allow",
		Principal: &Principal{AWS: []string{"arn:aws:iam::111122223333:root"}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}
	if got := status(d, u, RuleRotationNotBlocked); got != StatusMet {
		t.Errorf("Allow only, unknown function: %v, want met", got)
	}
	// A Deny, or a statement whose effect is unknown, may block it.
	u2 := Unknowns{"rotation.rotationLambdaArn": "x", "resourcePolicy.statements[0].effect": "the parameter Effect has no default"}
	if got := status(d, u2, RuleRotationNotBlocked); got != StatusCannotVerify {
		t.Errorf("statement of unknown effect: %v, want cannot verify", got)
	}
	d.ResourcePolicy.Statements[0].Effect = "Deny"
	if got := status(d, u, RuleRotationNotBlocked); got == StatusMet {
		t.Errorf("a Deny with an unknown function: %v, want not met or cannot verify", got)
	}
	// A policy that may exist: the Deny rules are not decided by its absence.
	d.ResourcePolicy = nil
	u3 := Unknowns{"rotation.rotationLambdaArn": "x", "resourcePolicy": "the policy exists only under the condition Protect"}
	if got := status(d, u3, RuleNoLockout); got != StatusCannotVerify {
		t.Errorf("policy of unknown existence: no-lockout %v, want cannot verify", got)
	}
}
