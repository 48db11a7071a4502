package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Terraform expressions nested past maxDepth are refused before HCL's
// parser, which recurses per level: nested parentheses, a chain of unary
// operators and a chain of conditionals (2 MB of parentheses was a fatal
// stack overflow, 500,000 conditionals ran out of memory); so is a
// template file read by templatefile. Ordinary nesting, and long runs of
// dashes in comments and strings, are read.
func TestTerraformDeepExpressionsAreRefused(t *testing.T) {
	const n = 1000
	secret := func(expr string) string {
		return "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n  description = " + expr + "\n}\n"
	}
	chain := strings.Repeat("true ? \"a\" : ", n) + "\"b\""
	for name, src := range map[string]string{
		"parentheses": secret(strings.Repeat("(", n) + `"x"` + strings.Repeat(")", n)),
		"bangs":       secret("tostring(" + strings.Repeat("!", n) + "true)"),
		"minus":       secret("tostring(" + strings.Repeat("-", n) + "1)"),
		"conditional": secret(chain),
		"multiline":   secret("(\n" + strings.ReplaceAll(chain, ": ", ":\n") + "\n)"),
		"template":    secret(`templatefile("${path.module}/t.tpl", { a = "b" })`),
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		tpl := "${" + strings.Repeat("(", n) + "a" + strings.Repeat(")", n) + "}"
		if err := os.WriteFile(filepath.Join(dir, "t.tpl"), []byte(tpl), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Terraform(dir)
		if name == "template" {
			// The template is read when the value is: the field is not read.
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			why, ok := res.Secrets[0].Unknown.Covers("secret.description")
			if !ok {
				t.Errorf("%s: description %q (unknown %v), want it not read", name, why, ok)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "nests more than 128 levels deep") {
			t.Errorf("%s: Terraform = %v, want the nesting refused", name, err)
		}
	}
	ok := writeTF(t, "# "+strings.Repeat("-", 300)+"\nlocals {\n  a = (((1 + 2) * 3))\n  b = !!true\n  c = -(-1)\n  d = \""+strings.Repeat("-", 300)+"\"\n  e = var.x == 1 ? \"a\" : var.x == 2 ? \"b\" : \"c\"\n}\nvariable \"x\" { default = 1 }\nresource \"aws_secretsmanager_secret\" \"s\" {\n  name        = \"x\"\n  description = \"${local.a}${local.b}${local.c}${local.e}\"\n}\n")
	if got := ok.Secrets[0].Design.Secret.Description; got != "9true1a" {
		t.Errorf("ordinary nesting read as %q, want 9true1a", got)
	}
}
