package scan

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22 item 12: the default of a NoEcho parameter is secret; used as
// a name or inside a description, it is not read, so nothing check or
// import shows quotes it.
func TestNoEchoDefaultNotRead(t *testing.T) {
	res := readCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword: {Type: String, NoEcho: true, Default: hunter2-S3cr3t}
  Team: {Type: String, Default: payments}
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Ref DbPassword
      Description: !Sub "copy of ${DbPassword} for ${Team}"
      GenerateSecretString: {PasswordLength: 32}
`)
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	s := res.Secrets[0]
	out, err := json.Marshal(struct {
		R *Result
		U any
	}{res, s.Unknown})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "hunter2") || strings.Contains(s.ID, "hunter2") {
		t.Errorf("the NoEcho default is read: %s", out)
	}
	if _, ok := s.Unknown.Covers("secret.secretId"); !ok {
		t.Errorf("the name from a NoEcho parameter is not marked unknown: %v", s.Unknown)
	}
}

// A Terraform version whose value is an input variable without a default
// is typed in when Terraform runs: generated-value fails and says so, not
// that the value is written into the configuration. A variable a calling
// module sets to a literal is written there, and is said to be.
func TestTerraformValueFromVariable(t *testing.T) {
	res := writeTF(t, `variable "password" {
  type      = string
  sensitive = true
}
variable "token" {
  default = "abc123"
}
resource "aws_secretsmanager_secret" "db" { name = "db" }
resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({ username = "app", password = var.password })
}
resource "aws_secretsmanager_secret" "api" { name = "api" }
resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = var.token
}
`)
	msgs := map[string]string{}
	for _, s := range res.Secrets {
		r := resultOf(t, s, blueprint.RuleGeneratedValue)
		if r.Status != blueprint.StatusNotMet || len(r.Findings) != 1 {
			t.Fatalf("%s: %v %v", s.ID, r.Status, r.Findings)
		}
		msgs[s.ID] = r.Findings[0].Message
	}
	if m := msgs["aws_secretsmanager_secret.db"]; !strings.Contains(m, "comes from the variable password") || strings.Contains(m, "written into") {
		t.Errorf("db: %q", m)
	}
	if m := msgs["aws_secretsmanager_secret.api"]; !strings.Contains(m, "written into the configuration") {
		t.Errorf("api: %q", m)
	}
}
