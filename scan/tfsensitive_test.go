package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A variable marked sensitive is Terraform's NoEcho: its value (a default,
// or what a module call passes in) is secret, so it is not read, and no
// check or import shows it; the field says why it was not read.
func TestTerraformSensitiveVariableIsNotRead(t *testing.T) {
	res := writeTF(t, `variable "pw" {
  type      = string
  sensitive = true
  default   = "hunter2 secret!"
}
resource "aws_secretsmanager_secret" "s" {
  name        = "app-${var.pw}"
  description = var.pw
  tags        = { (var.pw) = var.pw, owner = "me" }
}
`)
	s := res.Secrets[0]
	why, ok := s.Unknown.Covers("secret.description")
	if !ok || why != "the variable pw is sensitive, so its value is secret and is not read" {
		t.Errorf("description: %q (unknown %v), want the sensitive variable named", why, ok)
	}
	var all []string
	all = append(all, s.Design.Secret.SecretID, s.Design.Secret.Description)
	for _, p := range s.Problems(s.Check()) {
		all = append(all, p.Path, p.Message)
	}
	for _, r := range s.Check().Results {
		all = append(all, r.Note)
		for _, f := range r.Findings {
			all = append(all, f.Path, f.Message)
		}
	}
	d, _ := s.ForImport()
	all = append(all, d.Secret.SecretID, d.Secret.Description)
	for _, tg := range d.Secret.Tags {
		all = append(all, tg.Key, tg.Value)
	}
	if got := strings.Join(all, "\n"); strings.Contains(got, "hunter2") {
		t.Errorf("the sensitive default is shown:\n%s", got)
	}
}

// A sensitive variable's default is still written into the configuration:
// a value taken from it is said to be written down, not "has no value
// here, so whoever runs Terraform types it in".
func TestTerraformSensitiveDefaultIsWrittenDown(t *testing.T) {
	res := writeTF(t, `variable "pw" {
  sensitive = true
  default   = "hunter2 secret!"
}
resource "aws_secretsmanager_secret" "s" { name = "s" }
resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = aws_secretsmanager_secret.s.id
  secret_string = var.pw
}
`)
	s := res.Secrets[0]
	r, _ := s.Check().Result(blueprint.RuleGeneratedValue)
	if len(r.Findings) == 0 || !strings.Contains(r.Findings[0].Message, "written into") || strings.Contains(r.Findings[0].Message, "hunter2") {
		t.Errorf("generated-value = %+v, want the value said to be written into the configuration, and not shown", r)
	}
}
