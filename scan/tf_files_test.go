package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestTerraformFileFunctions: a policy kept in a file beside the
// configuration (file, or templatefile with variables) is read and judged,
// as Terraform reads it; a file outside the tree, and a template that
// loops, are notices at the expression, and what reads them cannot be
// verified.
func TestTerraformFileFunctions(t *testing.T) {
	const open = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}`
	const tmpl = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${account}:role/app"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"%{ if wide }, "Condition": {}%{ endif }}]}`
	const loop = `[%{ for a in accounts }"${a}",%{ endfor }]`
	cases := []struct {
		name, policy string
		status       blueprint.Status
		notice       string
	}{
		{"file", `file("${path.module}/policies/open.json")`, blueprint.StatusNotMet, ""},
		{"relative file", `file("policies/open.json")`, blueprint.StatusNotMet, ""},
		{"templatefile", `templatefile("${path.module}/policies/read.json.tpl", { account = "111122223333", wide = false })`, blueprint.StatusMet, ""},
		{"outside", `file("../outside.json")`, blueprint.StatusCannotVerify, "is outside"},
		{"loop", `templatefile("policies/loop.tpl", { accounts = ["1", "2"] })`, blueprint.StatusCannotVerify, "loops"},
		{"too large", `templatefile("policies/big.tpl", { x = join("", [for i in range(100) : format("%4096s", "")]) })`, blueprint.StatusCannotVerify, "builds a value of more than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top := t.TempDir()
			dir := filepath.Join(top, "cfg")
			for name, text := range map[string]string{
				"cfg/policies/open.json":     open,
				"cfg/policies/read.json.tpl": tmpl,
				"cfg/policies/loop.tpl":      loop,
				"cfg/policies/big.tpl":       "${x}${x}${x}",
				"outside.json":               open,
				"cfg/main.tf": `resource "aws_secretsmanager_secret" "s" {
  name = "prod/app"
}
resource "aws_secretsmanager_secret_policy" "p" {
  secret_arn = aws_secretsmanager_secret.s.arn
  policy     = ` + c.policy + `
}
`,
			} {
				p := filepath.Join(top, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := TerraformWith(dir, Options{Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			s := res.Secrets[0]
			r := resultOf(t, s, blueprint.RuleNoPublicPrincipal)
			if r.Status != c.status {
				t.Errorf("no-public-principal %v, want %v (unknown %v, notices %v)", r.Status, c.status, s.Unknown, res.Notices)
			}
			if c.status == blueprint.StatusMet || c.status == blueprint.StatusNotMet {
				if len(s.Design.ResourcePolicy.Statements) != 1 {
					t.Errorf("statements %+v, want the file's one", s.Design.ResourcePolicy.Statements)
				}
			}
			if c.name == "templatefile" {
				if got := s.Design.ResourcePolicy.Statements[0].Principal.AWS; len(got) != 1 || got[0] != "arn:aws:iam::111122223333:role/app" {
					t.Errorf("principal %v, want the template's with account filled in", got)
				}
			}
			found := c.notice == ""
			for _, n := range res.Notices {
				found = found || strings.Contains(n.Msg, c.notice) && n.Pos.Line == 6
			}
			if !found {
				t.Errorf("notices %v, want one at line 6 saying %q", res.Notices, c.notice)
			}
		})
	}
}
