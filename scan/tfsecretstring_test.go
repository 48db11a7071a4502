package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22 (item 12 leftover 2): a Terraform secret_string written down (a
// literal JSON string, or jsonencode({...})) is read for its key names,
// never its values, as CloudFormation's literal SecretString is: a hosted
// rotation whose secret's value holds host and username was reported
// "secret_string.host: is missing".
func TestTerraformSecretStringConnectionKeys(t *testing.T) {
	const head = hostedRotationTF + `resource "random_password" "p" {
  length = 32
}
variable "value" {}
`
	const version = "resource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id     = aws_secretsmanager_secret.db.id\n  secret_string = %s\n}\n"
	for _, c := range []struct {
		name, value string
		status      blueprint.Status
		want        string
	}{
		{"literal JSON", `"{\"username\":\"app\",\"password\":\"hunter2Literal\",\"host\":\"db.example.com\"}"`, blueprint.StatusMet, ""},
		{"literal JSON without host", `"{\"username\":\"app\",\"password\":\"hunter2Literal\"}"`, blueprint.StatusNotMet, "secret_string.host: is missing"},
		{"jsonencode", `jsonencode({ username = "app", password = "hunter2Literal", host = "db.example.com" })`, blueprint.StatusMet, ""},
		{"jsonencode of references", `jsonencode({ username = "app", password = random_password.p.result, host = aws_db_instance.pg.address })`, blueprint.StatusMet, ""},
		{"a variable", `var.value`, blueprint.StatusCannotVerify, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			src := head + strings.Replace(version, "%s", c.value, 1)
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Terraform(dir)
			if err != nil {
				t.Fatal(err)
			}
			s := res.Secrets[0]
			r, ok := s.Check().Result(blueprint.RuleDatabaseConnection)
			if !ok {
				t.Fatal("no database-connection result")
			}
			var text strings.Builder
			for _, f := range r.Findings {
				text.WriteString(s.templatePath(f.Path) + ": " + f.Message + "\n")
			}
			text.WriteString(r.Note)
			if r.Status != c.status || !strings.Contains(text.String(), c.want) {
				t.Errorf("%s (%s), want %s saying %q", r.Status, text.String(), c.status, c.want)
			}
			if strings.Contains(text.String(), "hunter2") || strings.Contains(text.String(), "db.example.com") {
				t.Errorf("a value is echoed: %s", text.String())
			}
		})
	}
}

// hostedRotationTF is a secret, a PostgreSQL instance and a hosted
// (SAR) rotation of the secret: what database-connection judges.
const hostedRotationTF = `resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}
resource "aws_db_instance" "pg" {
  engine = "postgres"
}
resource "aws_serverlessapplicationrepository_cloudformation_stack" "rotation" {
  name           = "rot"
  application_id = "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser"
  capabilities   = ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"]
  parameters = {
    endpoint     = "https://secretsmanager.us-east-1.amazonaws.com"
    functionName = "rot"
  }
}
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs["RotationLambdaARN"]
  rotation_rules {
    automatically_after_days = 30
  }
}
`
