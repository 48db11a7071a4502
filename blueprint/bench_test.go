package blueprint

import (
	"fmt"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/benchcpu"
)

// largeDesign is a design with every field set and 20 policy statements: the
// size the wizard must validate on every keystroke.
func largeDesign() *Design {
	days, length := 30, 32
	yes := true
	d := &Design{
		Version: CurrentVersion,
		Name:    "payments-db",
		Secret: Secret{
			SecretID:           "prod/payments/db",
			Region:             "us-east-1",
			Description:        "Payments database credentials",
			RecoveryWindowDays: &days,
			GenerateSecretString: &GenerateSecretString{
				SecretStringTemplate:    `{"username":"payments","engine":"postgres"}`,
				GenerateStringKey:       "password",
				PasswordLength:          &length,
				ExcludeCharacters:       `"@/\`,
				RequireEachIncludedType: &yes,
			},
			Database: &Database{Host: "payments.cluster-abc.us-east-1.rds.amazonaws.com", Username: "payments"},
			ReplicaRegions: []Replica{
				{Region: "eu-west-1", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"},
				{Region: "us-west-2", KMSKeyARN: "arn:aws:kms:us-west-2:111122223333:key/mrk-0123456789abcdef0123456789abcdef"},
			},
		},
		ResourcePolicy: &ResourcePolicy{BlockPublicPolicy: &yes},
		Rotation: &Rotation{
			ScheduleExpression: "cron(0 4 ? * SUN *)",
			Duration:           "2h",
			RotateImmediately:  &yes,
			HostedRotationLambda: &HostedRotationLambda{
				RotationType:          "PostgreSQLMultiUser",
				RotationLambdaName:    "prod-payments-db-rotation",
				KMSKeyARN:             "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
				MasterSecretARN:       "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/admin-AbCdEf",
				MasterSecretKMSKeyARN: "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
				VPCSubnetIDs:          []string{"subnet-0123456789abcdef0", "subnet-0123456789abcdef1"},
				VPCSecurityGroupIDs:   []string{"sg-0123456789abcdef0"},
				ExcludeCharacters:     `"@/\`,
				VPCID:                 "vpc-0123456789abcdef0", VPCCIDR: "10.0.0.0/16",
			},
		},
		Monitoring: Monitoring{RotationFailureAlert: new(true), AlertEmail: "secops@example.com"},
		Waivers:    []Waiver{{Rule: "tags-present", Reason: "tags come from the stack"}},
	}
	for i := range 8 {
		d.Secret.Tags = append(d.Secret.Tags, Tag{Key: fmt.Sprintf("team-%d", i), Value: "payments"})
	}
	for i := range 20 {
		d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, Statement{
			Sid:       fmt.Sprintf("AllowApp%d", i),
			Effect:    "Allow",
			Principal: &Principal{AWS: []string{fmt.Sprintf("arn:aws:iam::111122223333:role/app-%d", i)}},
			Action:    []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
			Resource:  []string{"*"},
			Condition: []Condition{
				{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123456789abcdef0"}},
				{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
			},
		})
	}
	return d
}

func TestLargeDesignIsClean(t *testing.T) {
	d := largeDesign()
	if ps := d.Validate(); len(ps) > 0 {
		t.Fatalf("benchmark design has problems:\n%v", ps)
	}
	if b := Check(d).Blocking(); len(b) > 0 {
		t.Fatalf("benchmark design breaks rules: %v", b)
	}
}

// validateBudget is what the wizard may spend on one keystroke's
// validation (issue 19): Validate and Check of largeDesign, Check
// including the deployment walk-through (walk.go) and the access model
// under it, which given-key-readers reads because the replicas' keys are
// given. It does not cover drawing the screen or the preview render
// (tui's BenchmarkKeystroke and BenchmarkPreviewRender time those).
const validateBudget = 50 * time.Microsecond

// reportBudget reports the wall time per operation as a fraction of
// budget, as the metric x-budget (under 1 is within it). On a busy
// machine the wall time counts waiting for a core; cpu-ns/op does not.
func reportBudget(b *testing.B, budget time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(budget), "x-budget")
	}
}

// BenchmarkValidateDesign measures what the wizard does on every keystroke:
// a full validation plus the rule check. Target: under validateBudget
// (50µs); the x-budget metric is the ratio.
func BenchmarkValidateDesign(b *testing.B) {
	d := largeDesign()
	b.ReportAllocs()
	cpu := benchcpu.Report(b)
	for b.Loop() {
		_ = d.Validate()
		_ = Check(d)
	}
	cpu()
	reportBudget(b, validateBudget)
}

// denyDesign is largeDesign with a Deny statement (with an exception for the
// own account), so the access rules that only look when there is a Deny
// (no-lockout, rotation-not-blocked) run too, as given-key-readers does for
// the replicas' given keys.
func denyDesign() *Design {
	d := largeDesign()
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, Statement{
		Sid: "DenyDeleteFromOutside", Effect: "Deny", Principal: &Principal{Wildcard: true},
		Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"},
		Condition: []Condition{{Operator: "StringNotEquals", Key: "aws:PrincipalAccount", Values: []string{"111122223333"}}},
	})
	return d
}

func TestDenyDesignIsClean(t *testing.T) {
	d := denyDesign()
	if ps := d.Validate(); len(ps) > 0 {
		t.Fatalf("benchmark design has problems:\n%v", ps)
	}
	if b := Check(d).Blocking(); len(b) > 0 {
		t.Fatalf("benchmark design breaks rules: %v", b)
	}
	for _, id := range []RuleID{RuleNoLockout, RuleRotationNotBlocked, RuleGivenKeyReaders} {
		if r, _ := Check(d).Result(id); r.Status == StatusNotApplicable {
			t.Errorf("%s is not applicable to the benchmark design; it should build the access model", id)
		}
	}
}

// BenchmarkValidateDesignWithDeny is BenchmarkValidateDesign for denyDesign,
// where three rules read the access model. It has no budget of its own;
// x-budget is its ratio to validateBudget all the same.
func BenchmarkValidateDesignWithDeny(b *testing.B) {
	d := denyDesign()
	b.ReportAllocs()
	cpu := benchcpu.Report(b)
	for b.Loop() {
		_ = d.Validate()
		_ = Check(d)
	}
	cpu()
	reportBudget(b, validateBudget)
}

// checkRule is the outcome of rule r for d, as CheckWith writes it.
func checkRule(r Rule, d *Design, access *accessOnce) RuleResult {
	var res RuleResult
	checkRuleInto(&res, &r, d, access)
	return res
}
