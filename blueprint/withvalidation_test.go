package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// TestWithValidation checks that a rule whose check an invalid value
// happens to satisfy is not reported as met (issue 11, item 11): an empty
// tag key still counts as a tag, a malformed key ARN is not aws/, a
// malformed subnet is still a subnet.
func TestWithValidation(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(*Design)
		rule   RuleID
		atPath string
		// also are other rules that read the same field.
		also []RuleID
	}{
		{"empty tag key", func(d *Design) { d.Secret.Tags = []Tag{{Key: "", Value: "x"}} }, RuleTagsPresent, "secret.tags", []RuleID{RuleNoSecretInMetadata}},
		{"bad kms key", func(d *Design) { d.Secret.KMSKeyARN = "arn:aws:kms:nonsense" }, RuleCustomerManagedKey, "secret.kmsKeyArn", nil},
		{"bad subnet", func(d *Design) {
			d.Rotation.HostedRotationLambda.VPCSubnetIDs = []string{"subnet-zz?"}
		}, RuleRotationLambdaInVPC, "rotation.hostedRotationLambda.vpcSubnetIds", []RuleID{RuleRotationNotBlocked, RuleRotationReachesSecretsManager}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := compliantDesign()
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username": "payments"}`
			if v := d.Validate(); len(v.Errors()) != 0 {
				t.Fatalf("the base design is not valid: %v", v)
			}
			c.edit(d)
			v := d.Validate()
			if len(v.Errors()) == 0 {
				t.Fatalf("the edit made no validation error; the case tests nothing")
			}
			plain, _ := Check(d).Result(c.rule)
			if plain.Status != StatusMet {
				t.Fatalf("Check alone: %s is %v; the case tests nothing", c.rule, plain.Status)
			}
			r := Check(d).WithValidation(v)
			got, _ := r.Result(c.rule)
			if got.Status != StatusNotMet || len(got.Findings) != 1 || !strings.HasPrefix(got.Findings[0].Path, c.atPath) {
				t.Errorf("WithValidation: %s = %v %v, want not met with a finding at %s", c.rule, got.Status, got.Findings, c.atPath)
			}
			// The field's own error is the one message shown there.
			for _, p := range r.ProblemsAfter(v) {
				if p.Rule == string(c.rule) {
					t.Errorf("ProblemsAfter repeats the rule on the invalid field: %v", p)
				}
			}
			// Rules that read nothing invalid keep their status.
			for i, res := range r.Results {
				if res.Rule.ID != c.rule && !slices.Contains(c.also, res.Rule.ID) && res.Status != Check(d).Results[i].Status {
					t.Errorf("%s changed from %v to %v", res.Rule.ID, Check(d).Results[i].Status, res.Status)
				}
			}
		})
	}
}

// TestEveryRuleHasInputs checks that every rule that can be met says what it
// reads, so WithValidation can look there.
func TestEveryRuleHasInputs(t *testing.T) {
	for _, r := range Rules() {
		if len(r.Inputs) == 0 && r.ID != RuleRotationEnabled {
			t.Errorf("rule %s has no Inputs", r.ID)
		}
	}
}

func TestPathUnder(t *testing.T) {
	cases := []struct {
		path, base string
		want       bool
	}{
		{"secret.tags", "secret.tags", true},
		{`secret.tags[""]`, "secret.tags", true},
		{"secret.tagsx", "secret.tags", false},
		{"resourcePolicy.statements[2].principal.AWS[0]", "resourcePolicy.statements[*].principal", true},
		{"resourcePolicy.statements[2].principalx", "resourcePolicy.statements[*].principal", false},
		{"resourcePolicy.statements[2].action", "resourcePolicy.statements[*].principal", false},
		{"resourcePolicy.statements", "resourcePolicy.statements[*].principal", false},
		{"resourcePolicy.statements[*].sid", "resourcePolicy.statements[3]", true},
		{"resourcePolicy.statements[*].sid", "resourcePolicy.statements", true},
		{"resourcePolicy.statements[1].sid", "resourcePolicy.statements[2]", false},
		{`secret.tags["a.b"].x`, `secret.tags["a.b"]`, true},
		{`secret.tags["a.b"]`, `secret.tags["a.c"]`, false},
		{"rotation.duration", "rotation", true},
		{"rotationX", "rotation", false},
		{"secret", "secret.tags", false},
	}
	for _, c := range cases {
		if got := PathUnder(c.path, c.base); got != c.want {
			t.Errorf("PathUnder(%q, %q) = %v, want %v", c.path, c.base, got, c.want)
		}
	}
}

// TestPathsOverlap: an unknown value read back from a template touches a
// rule input when either lies below the other.
func TestPathsOverlap(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"resourcePolicy.statements", "resourcePolicy.statements[*].principal", true},
		{"resourcePolicy.statements[1].principal", "resourcePolicy.statements[*].principal", true},
		{"resourcePolicy.statements[1]", "resourcePolicy.statements[*].action", true},
		{"resourcePolicy.statements[1].action", "resourcePolicy.statements[*].principal", false},
		{"secret.kmsKeyArn", "secret.tags", false},
	} {
		if got := PathsOverlap(c.a, c.b); got != c.want {
			t.Errorf("PathsOverlap(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// Issue 11, item 13: messages say what they mean.
func TestWording(t *testing.T) {
	long := strings.Repeat("a", 600)
	if err := ValidateSecretName(long); err == nil || !strings.Contains(err.Error(), "it has 600") {
		t.Errorf("ValidateSecretName(600 chars) = %v, want the length", err)
	}
	d := compliantDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username": "payments"}`
	d.Rotation = &Rotation{ScheduleExpression: "rate(4 hours)", Duration: "6h",
		HostedRotationLambda: &HostedRotationLambda{RotationType: "PostgreSQLSingleUser", KMSKeyARN: "alias/aws/secretsmanager",
			VPCSubnetIDs: []string{"subnet-0123abcd"}, VPCSecurityGroupIDs: []string{"sg-0123abcd"}}}
	d.Secret.KMSKeyARN = "alias/aws/secretsmanager"
	var dur, fnKey, secKey string
	for _, p := range d.Validate() {
		switch p.Path {
		case "rotation.duration":
			dur = p.Message
		case "rotation.hostedRotationLambda.kmsKeyArn":
			fnKey = p.Message
		case "secret.kmsKeyArn":
			secKey = p.Message
		}
	}
	if !strings.Contains(dur, "the 4 hours between") {
		t.Errorf("duration message = %q, want the interval in words", dur)
	}
	if fnKey == "" || strings.Contains(fnKey, "create one") {
		t.Errorf("function key message = %q, want an error that does not offer to create a key", fnKey)
	}
	if !strings.Contains(secKey, "leave the field empty to create one") {
		t.Errorf("secret key message = %q, want it to offer creating one", secKey)
	}
}

// Issue 11, item 16: duplicate ids, a master secret that is the secret
// itself, and a VPC endpoint id with a ? under StringNotEquals are refused.
func TestWeakListInput(t *testing.T) {
	base := func() *Design {
		d := compliantDesign()
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"username": "payments"}`
		return d
	}
	has := func(d *Design, path, part string) bool {
		for _, p := range d.Validate().Errors() {
			if p.Path == path && strings.Contains(p.Message, part) {
				return true
			}
		}
		return false
	}
	d := base()
	d.Rotation.HostedRotationLambda.VPCSubnetIDs = []string{"subnet-0123abcd", "subnet-0123abcd"}
	d.Rotation.HostedRotationLambda.VPCSecurityGroupIDs = []string{"sg-0123abcd", "sg-0123abcd"}
	if !has(d, "rotation.hostedRotationLambda.vpcSubnetIds[1]", "repeats subnet") {
		t.Errorf("a repeated subnet is accepted: %v", d.Validate())
	}
	if !has(d, "rotation.hostedRotationLambda.vpcSecurityGroupIds[1]", "repeats security group") {
		t.Errorf("a repeated security group is accepted: %v", d.Validate())
	}
	if has(d, "rotation.hostedRotationLambda.vpcSubnetIds[0]", "repeats") {
		t.Errorf("the first of two equal subnets is reported")
	}

	d = base()
	d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
	d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-AbCdEf"
	if !has(d, "rotation.hostedRotationLambda.masterSecretArn", "this secret itself") {
		t.Errorf("the secret is accepted as its own master secret: %v", d.Validate())
	}
	d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/admin-AbCdEf"
	if has(d, "rotation.hostedRotationLambda.masterSecretArn", "this secret itself") {
		t.Errorf("another secret is refused as the master secret")
	}

	for op, bad := range map[string]bool{"StringNotEquals": true, "StringEquals": true, "ForAnyValue:StringLike": false, "StringNotLikeIfExists": false, "ArnEquals": false} {
		err := ValidateConditionValueFor(op, "aws:SourceVpce", "vpce-1234?")
		if (err != nil) != bad {
			t.Errorf("ValidateConditionValueFor(%s, aws:SourceVpce, vpce-1234?) = %v, want error %v", op, err, bad)
		}
	}
}

// A repeat of issue 11's trial: a principal or a condition value listed
// twice was accepted, as repeated subnets once were; the second is
// refused at its own index, the first is not.
func TestRepeatedPolicyValues(t *testing.T) {
	d := compliantDesign()
	st := &d.ResourcePolicy.Statements[0]
	role := st.Principal.AWS[0]
	st.Principal.AWS = []string{role, role}
	st.Condition = []Condition{{Operator: "StringEquals", Key: "aws:SourceVpce",
		Values: []string{"vpce-0123456789abcdef0", "vpce-0123456789abcdef0"}}}
	errs := d.Validate().Errors()
	find := func(path string) string {
		for _, p := range errs {
			if p.Path == path {
				return p.Message
			}
		}
		return ""
	}
	aws := StatementPath(0) + ".principal.AWS"
	if msg := find(IndexPath(aws, 1)); !strings.Contains(msg, "repeats principal "+role) {
		t.Errorf("a repeated principal gives %q at %s; all errors: %v", msg, IndexPath(aws, 1), errs)
	}
	if msg := find(IndexPath(aws, 0)); msg != "" {
		t.Errorf("the first of two equal principals is reported: %q", msg)
	}
	cond := ConditionPath(0, st.Condition[0])
	if msg := find(IndexPath(cond, 1)); !strings.Contains(msg, "repeats value vpce-0123456789abcdef0") {
		t.Errorf("a repeated condition value gives %q at %s; all errors: %v", msg, IndexPath(cond, 1), errs)
	}
}
