package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22 (trial7b V1): a hand-written secret_string_wo =
// jsonencode({username = ..., password = ephemeral...}) failed
// generated-value saying "the value is written into the configuration":
// only generate's own merge(jsondecode(...)) shape was taken for a
// generated value, and an ephemeral block's result was not read at all, so
// the object's host and username were not either. A value is judged by
// what it is made of: an ephemeral password's result is generated and
// never stored, a literal or a variable's default is written down.
func TestTerraformWriteOnlyValueByWhatItIsMadeOf(t *testing.T) {
	const head = hostedRotationTF + `ephemeral "aws_secretsmanager_random_password" "p" {}
variable "pw" {
  default = "hunter2Default"
}
`
	const version = "resource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id                = aws_secretsmanager_secret.db.id\n  secret_string_wo         = %s\n  secret_string_wo_version = 1\n}\n"
	const eph = "ephemeral.aws_secretsmanager_random_password.p.random_password"
	for _, c := range []struct {
		name, value         string
		generated, connects blueprint.Status
		wantKey, wantTmpl   string
	}{
		{"jsonencode of literals and the password", `jsonencode({ engine = "postgres", host = "db.example.com", username = "app", password = ` + eph + ` })`, blueprint.StatusMet, blueprint.StatusMet, "password", `{"engine":"postgres","host":"db.example.com","username":"app"}`},
		{"host from a reference", `jsonencode({ username = "app", host = aws_db_instance.pg.address, secret = ` + eph + ` })`, blueprint.StatusMet, blueprint.StatusMet, "secret", `{"username":"app"}`},
		{"generate's own shape", `jsonencode(merge(jsondecode("{\"username\":\"app\",\"host\":\"db.example.com\"}"), { password = ` + eph + ` }))`, blueprint.StatusMet, blueprint.StatusMet, "password", `{"username":"app","host":"db.example.com"}`},
		{"a string template", `"${` + eph + `}"`, blueprint.StatusMet, blueprint.StatusNotMet, "", ""},
		{"literal JSON", `jsonencode({ username = "app", host = "db.example.com", password = "hunter2Literal" })`, blueprint.StatusNotMet, blueprint.StatusMet, "", ""},
		{"a variable's default", `jsonencode({ username = "app", host = "db.example.com", password = var.pw })`, blueprint.StatusNotMet, blueprint.StatusMet, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := writeTF(t, head+strings.Replace(version, "%s", c.value, 1)).Secrets[0]
			rep := s.Check()
			for _, want := range []struct {
				rule   blueprint.RuleID
				status blueprint.Status
			}{{blueprint.RuleGeneratedValue, c.generated}, {blueprint.RuleDatabaseConnection, c.connects}} {
				r, ok := rep.Result(want.rule)
				if !ok {
					t.Fatalf("no %s result", want.rule)
				}
				var text strings.Builder
				for _, f := range r.Findings {
					text.WriteString(s.templatePath(f.Path) + ": " + f.Message + "\n")
				}
				text.WriteString(r.Note)
				if r.Status != want.status {
					t.Errorf("%s: %s (%s), want %s", want.rule, r.Status, text.String(), want.status)
				}
				if strings.Contains(text.String(), "hunter2") {
					t.Errorf("%s echoes the value: %s", want.rule, text.String())
				}
			}
			g := s.Design.Secret.GenerateSecretString
			if c.generated == blueprint.StatusMet {
				if g == nil {
					t.Fatal("no generated value in the design")
				}
				if g.GenerateStringKey != c.wantKey || g.SecretStringTemplate != c.wantTmpl {
					t.Errorf("generated key %q template %q, want %q %q", g.GenerateStringKey, g.SecretStringTemplate, c.wantKey, c.wantTmpl)
				}
			}
			noMarkerText(t, s)
		})
	}
}
