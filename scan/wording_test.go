package scan

import (
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestFindingsSpeakTheTemplate holds issue 21 item 10: a finding on a
// template names the template's own property and says what to write there,
// a rule the format cannot express is not applicable, an absent KmsKeyId is
// not quoted as an alias, and a NoEcho parameter is not "written into the
// template".
func TestFindingsSpeakTheTemplate(t *testing.T) {
	const cfn = `Parameters:
  Password: {Type: String, NoEcho: true}
Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      SecretString: !Ref Password
`
	const tf = `resource "aws_secretsmanager_secret" "s" {
  recovery_window_in_days = 0
}
`
	res, tres := readBoth(t, cfn, tf)
	for _, c := range []struct {
		res        *Result
		rule       blueprint.RuleID
		status     blueprint.Status
		path, says string
		never      string
	}{
		{res, blueprint.RuleCustomerManagedKey, blueprint.StatusNotMet, "KmsKeyId", "set KmsKeyId to a customer managed key", "alias/aws/secretsmanager"},
		{res, blueprint.RuleRotationEnabled, blueprint.StatusNotMet, "AWS::SecretsManager::RotationSchedule", "add an AWS::SecretsManager::RotationSchedule", "rotate the secret automatically"},
		{res, blueprint.RuleGeneratedValue, blueprint.StatusNotMet, "GenerateSecretString", "NoEcho parameter Password", "written into"},
		{res, blueprint.RuleTagsPresent, blueprint.StatusNotMet, "Tags", "add Tags", "secret.tags"},
		{res, blueprint.RuleRecoveryWindow, blueprint.StatusNotMet, "DeletionPolicy", "deleting the stack deletes the secret, and AWS documents no recovery window", "at once"},
		{res, blueprint.RuleChangeAlert, blueprint.StatusNotApplicable, "", "no EventBridge rule", "changeAlert"},
		{tres, blueprint.RuleCustomerManagedKey, blueprint.StatusNotMet, "kms_key_id", "set kms_key_id to a customer managed key", "alias/aws/secretsmanager"},
		{tres, blueprint.RuleRotationEnabled, blueprint.StatusNotMet, "aws_secretsmanager_secret_rotation", "add an aws_secretsmanager_secret_rotation", "rotate the secret automatically"},
		{tres, blueprint.RuleRecoveryWindow, blueprint.StatusNotMet, "recovery_window_in_days", "set recovery_window_in_days to 7-30", "recoveryWindowDays"},
	} {
		s := c.res.Secrets[0]
		r, _ := s.Check().Result(c.rule)
		if r.Status != c.status {
			t.Errorf("%s %s: %v, want %v", s.Type, c.rule, r.Status, c.status)
			continue
		}
		text := r.Note
		if len(r.Findings) > 0 {
			f := r.Findings[0]
			if f.Path != c.path {
				t.Errorf("%s %s: finding names %q, want %q", s.Type, c.rule, f.Path, c.path)
			}
			if at := s.Locate(f.Path); at.Line == 0 {
				t.Errorf("%s %s: %q is not placed", s.Type, c.rule, f.Path)
			}
			text = f.Path + ": " + f.Message
		}
		if !strings.Contains(text, c.says) || strings.Contains(text, c.never) {
			t.Errorf("%s %s: %q should say %q and never %q", s.Type, c.rule, text, c.says, c.never)
		}
	}
}

// readBoth reads a CloudFormation template and a Terraform main.tf.
func readBoth(t *testing.T, cfn, tf string) (*Result, *Result) {
	t.Helper()
	res, err := CloudFormation("t.yaml", []byte(cfn))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir+"/main.tf", tf)
	tres, err := Terraform(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res, tres
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A finding at an existing secret's ARN names the property that holds it
// in the template, SecretId or secret_arn: check of the wizard's template
// for "Add a policy, rotation and alerts to an existing secret" said
// "secret.existingSecretArn: is encrypted with a key secretsmith does not
// see", a design-file key the template does not have (issue 22's fifth
// trial).
func TestExistingSecretFindingNamesTheTemplatesProperty(t *testing.T) {
	const arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/legacy/api-Ab12Cd"
	const cfn = `Resources:
  SecretResourcePolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: ` + arn + `
      BlockPublicPolicy: true
      ResourcePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:role/legacy}
            Action: secretsmanager:GetSecretValue
            Resource: "*"
`
	const tf = `resource "aws_secretsmanager_secret_policy" "this" {
  secret_arn          = "` + arn + `"
  block_public_policy = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/legacy" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
`
	res, tres := readBoth(t, cfn, tf)
	for _, c := range []struct {
		res  *Result
		want string
	}{{res, "SecretId"}, {tres, "secret_arn"}} {
		if len(c.res.Secrets) != 1 {
			t.Fatalf("%d secrets read, want the existing one", len(c.res.Secrets))
		}
		s := c.res.Secrets[0]
		r, _ := s.Check().Result(blueprint.RuleGivenKeyReaders)
		if r.Status != blueprint.StatusNotMet || len(r.Findings) == 0 {
			t.Fatalf("%s: given-key-readers %v %v, want a finding at the existing secret's key", s.Type, r.Status, r.Findings)
		}
		f := r.Findings[0]
		if f.Path != c.want {
			t.Errorf("%s: finding names %q, want %q", s.Type, f.Path, c.want)
		}
		if at := s.Locate(f.Path); at.Line == 0 {
			t.Errorf("%s: %q is not placed", s.Type, f.Path)
		}
	}
}
