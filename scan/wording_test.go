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

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
