package blueprint

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A replica without a key is sound for Terraform, which creates one in that
// region, and an error for CloudFormation, which cannot.
func TestValidateForReplicaKeys(t *testing.T) {
	d := validDesign()
	d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1", KMSKeyARN: euKeyARN}, {Region: "eu-central-1"}}
	base := d.Validate()
	if errs := base.Errors(); len(errs) > 0 {
		t.Fatalf("Validate() = %v, want no errors", errs)
	}
	for _, tk := range []Template{TerraformTemplate, AnyTemplate, DeployedOnly} {
		if got := d.ValidateFor(tk); !slices.Equal(got, base) {
			t.Errorf("ValidateFor(%d) = %v, want Validate's %v", tk, got, base)
		}
	}
	got := d.ValidateFor(CloudFormationTemplate)
	extra := got[len(base):]
	if !slices.Equal(got[:len(base)], base) || len(extra) != 1 {
		t.Fatalf("ValidateFor(CloudFormation) = %v, want Validate's problems and one more", got)
	}
	p := extra[0]
	if p.Path != "secret.replicaRegions[1].kmsKeyArn" || p.Severity != SeverityError {
		t.Errorf("problem = %+v, want an error at secret.replicaRegions[1].kmsKeyArn", p)
	}
	for _, want := range []string{"eu-central-1", "one region", "give a customer managed key in eu-central-1", "Terraform"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message %q does not say %q", p.Message, want)
		}
	}
	// The rule no longer reports it, so the person sees one message.
	if res, _ := Check(d).Result(RuleCustomerManagedKey); res.Status != StatusMet {
		t.Errorf("customer-managed-key = %v %v, want met", res.Status, res.Findings)
	}

	// Every replica with a key: nothing to add.
	d.Secret.ReplicaRegions[1].KMSKeyARN = "alias/payments"
	if got := d.ValidateFor(CloudFormationTemplate); len(got.Errors()) > 0 {
		t.Errorf("ValidateFor(CloudFormation) with every key given = %v", got.Errors())
	}
}

// Issue 20, item 2: Terraform reads the value at every refresh, from
// outside the VPC, so for Terraform a Deny on GetSecretValue outside a
// network must leave named principals out; CloudFormation reads no value.
func TestTerraformRefreshDeny(t *testing.T) {
	for _, tt := range []struct {
		name string
		st   Statement
		want bool
	}{
		{"deny outside the endpoint", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce)), true},
		{"deny outside the VPC", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123abcd")), true},
		{"deny outside the endpoint, runner excepted", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/terraform")), false},
		{"deny outside the endpoint, ArnNotEquals", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/terraform")), false},
		// The runner calls Secrets Manager itself, not through another
		// service: a Deny kept for direct calls reaches it all the same.
		{"deny direct calls outside the VPC", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123abcd"),
			cond("BoolIfExists", "aws:ViaAWSService", "false")), true},
		{"deny calls through services outside the VPC", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123abcd"),
			cond("Bool", "aws:ViaAWSService", "true")), false},
		{"deny plain HTTP", deny(star, getOnly, cond("Bool", "aws:SecureTransport", "false")), false},
		{"deny delete only", deny(star, []string{"secretsmanager:DeleteSecret"}, cond("StringNotEquals", "aws:SourceVpce", vpce)), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := compliantDesign()
			d.Rotation = nil
			addStatements(tt.st)(d)
			ps := d.TemplateProblems(TerraformTemplate)
			if got := len(ps) == 1 && ps[0].Path == "resourcePolicy.statements[1]" && ps[0].Severity == SeverityError &&
				strings.Contains(ps[0].Message, "every refresh") && strings.Contains(ps[0].Message, "ArnNotLike on aws:PrincipalArn"); got != tt.want {
				t.Errorf("TemplateProblems(Terraform) = %v, want an error at the statement: %v", ps, tt.want)
			}
			if ps := d.TemplateProblems(CloudFormationTemplate); len(ps) > 0 {
				t.Errorf("TemplateProblems(CloudFormation) = %v, want none", ps)
			}
			// The wizard asks the report, which reads the walk-through
			// Check already built: the answer must be the same.
			if got := Check(d).TemplateProblems(TerraformTemplate); !reflect.DeepEqual(got, ps) {
				t.Errorf("Report.TemplateProblems(Terraform) = %v, want Design.TemplateProblems's %v", got, ps)
			}
		})
	}
	// An existing secret has no aws_secretsmanager_secret_version to read.
	d := compliantDesign()
	existing(d)
	addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce)))(d)
	if ps := d.TemplateProblems(TerraformTemplate); len(ps) > 0 {
		t.Errorf("existing secret: TemplateProblems(Terraform) = %v, want none", ps)
	}
}

// Issue 20: AWS Config's service-linked role describes the secret for the
// Config rules the templates write (monitoring.configRules), from outside
// any VPC; a Deny that refuses it leaves every rule unable to evaluate, in
// both formats, unless the role is left out by name.
func TestConfigRulesDeny(t *testing.T) {
	const configRole = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
	all := []string{"secretsmanager:*"}
	for _, tt := range []struct {
		name   string
		st     Statement
		config bool
		want   bool
	}{
		{"deny all outside the endpoint", deny(star, all, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/deploy")), true, true},
		{"deny all outside the endpoint, Config left out", deny(star, all, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/deploy", configRole)), true, false},
		{"deny reading the value only", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce)), true, false},
		{"no Config rules", deny(star, all, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/deploy")), false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := compliantDesign()
			d.Rotation = nil
			d.Secret.KMSKeyARN = keyARN // names the account, 123456789012
			d.Monitoring.ConfigRules = tt.config
			addStatements(tt.st)(d)
			for _, tmpl := range []Template{CloudFormationTemplate, TerraformTemplate} {
				ps := d.TemplateProblems(tmpl)
				i := slices.IndexFunc(ps, func(p Problem) bool { return strings.Contains(p.Message, "AWSServiceRoleForConfig") })
				if got := i >= 0 && ps[i].Path == "resourcePolicy.statements[1]" && ps[i].Severity == SeverityError &&
					strings.Contains(ps[i].Message, "ArnNotLike on aws:PrincipalArn"); got != tt.want {
					t.Errorf("TemplateProblems(%v) = %v, want an error at the statement about Config: %v", tmpl, ps, tt.want)
				}
				if got := Check(d).TemplateProblems(tmpl); !reflect.DeepEqual(got, ps) {
					t.Errorf("Report.TemplateProblems(%v) = %v, want Design.TemplateProblems's %v", tmpl, got, ps)
				}
			}
		})
	}
	// The role has the same name in every account: with no account in the
	// design, an exception that could not list it in any account still
	// leaves it denied.
	d := compliantDesign()
	d.Rotation = nil
	d.Monitoring.ConfigRules = true
	addStatements(deny(star, all, cond("StringNotEquals", "aws:SourceVpce", vpce),
		cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/deploy")))(d)
	ps := d.TemplateProblems(CloudFormationTemplate)
	if !slices.ContainsFunc(ps, func(p Problem) bool {
		return p.Path == "resourcePolicy.statements[1]" && strings.Contains(p.Message, "AWSServiceRoleForConfig")
	}) {
		t.Errorf("no account: TemplateProblems(CloudFormation) = %v, want the error about Config", ps)
	}
}
