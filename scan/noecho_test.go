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

// A value Terraform makes outside an ephemeral block (a random_password
// resource, the aws_secretsmanager_random_password data source, a
// random_id in a JSON document) is kept in plain text in Terraform's state
// and plan: generated-value fails and says so. Only the ephemeral
// generator written through secret_string_wo keeps it out of state.
func TestTerraformStoredRandomValue(t *testing.T) {
	res := writeTF(t, `resource "random_password" "p" { length = 32 }
data "aws_secretsmanager_random_password" "d" { password_length = 32 }
resource "random_id" "h" { byte_length = 16 }
ephemeral "aws_secretsmanager_random_password" "e" { password_length = 32 }

resource "aws_secretsmanager_secret" "managed" { name = "managed" }
resource "aws_secretsmanager_secret_version" "managed" {
  secret_id     = aws_secretsmanager_secret.managed.id
  secret_string = random_password.p.result
}
resource "aws_secretsmanager_secret" "data" { name = "data" }
resource "aws_secretsmanager_secret_version" "data" {
  secret_id     = aws_secretsmanager_secret.data.id
  secret_string = data.aws_secretsmanager_random_password.d.random_password
}
resource "aws_secretsmanager_secret" "doc" { name = "doc" }
resource "aws_secretsmanager_secret_version" "doc" {
  secret_id     = aws_secretsmanager_secret.doc.id
  secret_string = jsonencode({ username = "app", token = random_id.h.hex })
}
resource "aws_secretsmanager_secret" "eph" { name = "eph" }
resource "aws_secretsmanager_secret_version" "eph" {
  secret_id                = aws_secretsmanager_secret.eph.id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.e.random_password
  secret_string_wo_version = 1
}
`)
	want := map[string]string{
		"aws_secretsmanager_secret.managed": "made by random_password.p",
		"aws_secretsmanager_secret.data":    "made by data.aws_secretsmanager_random_password.d",
		"aws_secretsmanager_secret.doc":     "made by random_id.h",
	}
	for _, s := range res.Secrets {
		r := resultOf(t, s, blueprint.RuleGeneratedValue)
		says, stored := want[s.ID]
		if !stored {
			if r.Status != blueprint.StatusMet {
				t.Errorf("%s: %v %v, want met", s.ID, r.Status, r.Findings)
			}
			continue
		}
		if r.Status != blueprint.StatusNotMet || len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, says) ||
			!strings.Contains(r.Findings[0].Message, "state") {
			t.Errorf("%s: %v %v, want not met saying %q", s.ID, r.Status, r.Findings, says)
		}
	}
	if len(res.Secrets) != 4 {
		t.Errorf("%d secrets, want 4", len(res.Secrets))
	}
}
