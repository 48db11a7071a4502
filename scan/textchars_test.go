package scan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestCheckSeesConditionValueCharacters (trial8b X1): a resource-policy
// condition value holding ESC is refused by generate and the wizard, and
// one holding U+202E warned, but check of the template said nothing: a
// list's entries were not fields the template writes, so the validation's
// problem at the value ([0]) was dropped. CloudFormation and Terraform.
func TestCheckSeesConditionValueCharacters(t *testing.T) {
	for _, c := range []struct {
		name, value string
		severity    blueprint.Severity
	}{
		{"ESC", `a\u001b]0;t\u0007b`, blueprint.SeverityError},
		{"RLO", `a\u202eb`, blueprint.SeverityWarning},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfn := readOne(t, "t.yaml", `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/x
  P:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref S
      ResourcePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "arn:aws:iam::123456789012:root"}
            Action: secretsmanager:GetSecretValue
            Resource: "*"
            Condition:
              StringEquals:
                aws:PrincipalTag/t: "`+c.value+`"
`)
			wantValueProblem(t, cfn, "ResourcePolicy.Statement[0].Condition.StringEquals.aws:PrincipalTag/t[0]", c.severity)

			dir := t.TempDir()
			src := `resource "aws_secretsmanager_secret" "s" {
  name = "prod/x"
}
resource "aws_secretsmanager_secret_policy" "p" {
  secret_arn = aws_secretsmanager_secret.s.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action = "secretsmanager:GetSecretValue"
      Resource = "*"
      Condition = { StringEquals = { "aws:PrincipalTag/t" = "` + c.value + `" } }
    }]
  })
}
`
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Terraform(dir)
			if err != nil {
				t.Fatal(err)
			}
			wantValueProblem(t, res.Secrets[0], "policy.Statement[0].Condition.StringEquals.aws:PrincipalTag/t[0]", c.severity)
		})
	}
}

// TestCheckSeesWaiverReasonCharacters (trial8b X1): a waiver reason the
// template writes (Metadata.secretsmith.rulesWaived) with ESC is refused
// by generate and the wizard; check reported nothing, since waivers read
// from the template were not fields it writes.
func TestCheckSeesWaiverReasonCharacters(t *testing.T) {
	s := readOne(t, "w.yaml", `Metadata:
  secretsmith:
    rulesWaived:
      - rule: rotation-within-30-days
        reason: "vendor \e]0;PWNED\a limit"
Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/x
`)
	wantValueProblem(t, s, "waivers[0].reason", blueprint.SeverityError)
}

// wantValueProblem fails unless s has a problem at path of severity,
// and says which problems it has.
func wantValueProblem(t *testing.T, s *Secret, path string, severity blueprint.Severity) {
	t.Helper()
	var got []string
	for _, p := range s.Problems(s.Check()) {
		if p.Path == path && p.Severity == severity {
			return
		}
		got = append(got, p.Path+" "+p.Message)
	}
	t.Errorf("no %v problem at %s; problems: %q", severity, path, got)
}
