package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestTerraformFunctions holds item 3 of what remained of issue 21: the
// functions real configurations use to build a secret's values are
// evaluated as Terraform evaluates them (one() turned every value it
// touched into "cannot verify"). Each expression gives the secret's name.
func TestTerraformFunctions(t *testing.T) {
	cases := []struct{ expr, want string }{
		// Terraform's own (lang/funcs), written here.
		{`one(["prod/db"])`, "prod/db"},
		{`coalesce(one([]), "none")`, "none"},
		{`tostring(alltrue([true, 1 == 1]))`, "true"},
		{`tostring(anytrue([false, "a" == "b"]))`, "false"},
		{`tostring(sum([1, 2, 3.5]))`, "6.5"},
		{`tostring(startswith("prod/db", "prod/"))`, "true"},
		{`tostring(endswith("prod/db", "/db"))`, "true"},
		{`tostring(strcontains("prod/db", "od/d"))`, "true"},
		{`base64decode(base64encode("prod/db"))`, "prod/db"},
		{`nonsensitive(sensitive("prod/db"))`, "prod/db"},
		{`replace("prod-db-1", "/-[0-9]+$/", "")`, "prod-db"},
		{`replace("prod.db", ".", "/")`, "prod/db"},
		{`sha256("x")`, "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"},
		{`md5("x")`, "9dd4e461268c8034f5c8564e155c67a6"},
		{`lower(base64sha256("x"))`, "lxewqrcmseqbynyp+6wy9chtd7gqpmtbaiwhf5iasie="},
		// go-cty's stdlib, as Terraform uses it.
		{`trim("--prod/db--", "-")`, "prod/db"},
		{`chomp("prod/db\n")`, "prod/db"},
		{`strrev("bd/dorp")`, "prod/db"},
		{`tostring(index(["a", "prod/db"], "prod/db"))`, "1"},
		{`regex("^([a-z]+)/", "prod/db")[0]`, "prod"},
		{`join(",", regexall("[a-z]+", "prod/db"))`, "prod,db"},
		{`join(",", formatlist("%s/db", ["prod", "dev"]))`, "prod/db,dev/db"},
		{`tostring(abs(-3) + ceil(1.2) + floor(1.8) + signum(-5) + pow(2, 3))`, "13"},
		{`tostring(parseint("ff", 16))`, "255"},
		{`join(",", sort(setintersection(["a", "b"], ["b", "c"])))`, "b"},
		{`join(",", sort(setsubtract(["a", "b"], ["b"])))`, "a"},
		{`tostring(length(setproduct(["a", "b"], ["1", "2"])))`, "4"},
		{`csvdecode("a,b\n1,prod/db")[0].b`, "prod/db"},
		{`trimspace(indent(2, "prod/db"))`, "prod/db"},
		{`formatdate("YYYY", "2026-12-07T00:00:00Z")`, "2026"},
		{`tostring(length(transpose({a = ["1", "2"], b = ["2"]})["2"]))`, "2"},
		{`tostring(contains(keys(tomap({a = "x"})), "a"))`, "true"},
		{`join(",", matchkeys(["a", "b", "c"], ["x", "y", "x"], ["x"]))`, "a,c"},
		{`tostring(length(toset(concat(["a"], ["a", "b"]))))`, "2"},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			res := writeTF(t, "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = "+c.expr+"\n}\n")
			s := res.Secrets[0]
			if got := s.Design.Secret.SecretID; got != c.want {
				t.Errorf("%s = %q (unknown %v), want %q", c.expr, got, s.Unknown, c.want)
			}
		})
	}
}

// The functions that could build huge values are bounded before they run:
// an indent, a formatlist width or a setproduct past the budget is a value
// not known, with a notice at the expression.
func TestTerraformFunctionsBounded(t *testing.T) {
	for _, expr := range []string{
		`indent(999999999, "a\nb")`,
		`join(",", formatlist("%0999999999s", ["a"]))`,
		`tostring(length(setproduct(range(1000), range(1000), range(1000))))`,
		`replace(format("%1000s", ""), "/ /", format("%2000s", "x"))`,
	} {
		t.Run(expr, func(t *testing.T) {
			res := writeTF(t, "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = "+expr+"\n}\n")
			s := res.Secrets[0]
			if s.Design.Secret.SecretID != "" {
				t.Errorf("evaluated to %d bytes", len(s.Design.Secret.SecretID))
			}
			if _, ok := s.Unknown["secret.secretId"]; !ok {
				t.Errorf("not marked unknown: %v", s.Unknown)
			}
			found := false
			for _, n := range res.Notices {
				found = found || strings.Contains(n.Msg, "more than secretsmith")
			}
			if !found {
				t.Errorf("no budget notice: %v", res.Notices)
			}
		})
	}
}

// TestTerraformUnknownNotConsumed: a value not known until plan time is
// never turned into a known one by what reads it (try's fallback, lookup's
// default on a map that is not known, a comparison in a condition, the
// length of a list that is not known): those give a value not known, as
// Terraform's plan would, not a failed rule.
func TestTerraformUnknownNotConsumed(t *testing.T) {
	for _, expr := range []string{
		`try(var.kms.arn, null)`,
		`lookup(var.cfg, "key", null)`,
		`var.env == "prod" ? "alias/app" : null`,
		`length(var.keys) > 0 ? var.keys[0] : null`,
		`can(var.kms.arn) ? "alias/app" : null`,
	} {
		t.Run(expr, func(t *testing.T) {
			res := writeTF(t, `variable "kms" {}
variable "env" {}
variable "keys" { type = list(string) }
variable "cfg" { type = object({ key = string }) }
resource "aws_secretsmanager_secret" "s" {
  name       = "prod/app"
  kms_key_id = `+expr+`
}
`)
			r := resultOf(t, res.Secrets[0], "customer-managed-key")
			if r.Status != blueprint.StatusCannotVerify {
				t.Errorf("customer-managed-key %v (findings %v), want cannot verify", r.Status, r.Findings)
			}
		})
	}
	// Known values still decide.
	res := writeTF(t, `variable "env" { default = "dev" }
resource "aws_secretsmanager_secret" "s" {
  name       = "prod/app"
  kms_key_id = var.env == "prod" ? "alias/app" : try(var.nothing.arn, "alias/aws/secretsmanager")
}
`)
	if r := resultOf(t, res.Secrets[0], "customer-managed-key"); r.Status != blueprint.StatusNotMet {
		t.Errorf("with every value known: %v, want failed", r.Status)
	}
}

// A count or for_each that compares a value not known is not known: the
// secret is read (and judged as each instance that exists), not dropped as
// if the comparison were false, which let check pass a configuration
// whose secret it never saw.
func TestTerraformUnknownCountNotDropped(t *testing.T) {
	for _, meta := range []string{
		`count = var.env == "prod" ? 1 : 0`,
		`for_each = var.env == "prod" ? toset(["a"]) : toset([])`,
		`count = try(var.settings.enabled, false) ? 1 : 0`,
	} {
		t.Run(meta, func(t *testing.T) {
			res := writeTF(t, `variable "env" {}
variable "settings" {}
resource "aws_secretsmanager_secret" "s" {
  `+meta+`
  name = "x"
}
`)
			if len(res.Secrets) != 1 {
				t.Fatalf("%d secrets, want the one whose existence is not known", len(res.Secrets))
			}
			// Judged as each instance that exists (trial7b V20): what the
			// block writes is certain for all of them.
			if r := resultOf(t, res.Secrets[0], "customer-managed-key"); r.Status != blueprint.StatusNotMet {
				t.Errorf("customer-managed-key %v (%s), want failed: every instance that exists has the AWS managed key", r.Status, r.Note)
			}
		})
	}
}

// A string built around a value not known is still a string, and not
// null, as Terraform's plan refines it: count = var.policy != null ? 1 :
// 0 with a policy that names the partition from a data source makes the
// policy (boldlink/terraform-aws-secrets-manager does this).
func TestTerraformUnknownStringIsNotNull(t *testing.T) {
	res := writeTF(t, `data "aws_partition" "current" {}
locals {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::111122223333:root" }, Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}
resource "aws_secretsmanager_secret" "s" {
  name = "x"
}
resource "aws_secretsmanager_secret_policy" "p" {
  count               = local.policy != null ? 1 : 0
  secret_arn          = aws_secretsmanager_secret.s.arn
  policy              = local.policy
  block_public_policy = false
}
`)
	r := resultOf(t, res.Secrets[0], blueprint.RuleBlockPublicPolicy)
	if r.Status != blueprint.StatusNotMet {
		t.Errorf("block-public-policy %v (note %q), want failed: the policy exists", r.Status, r.Note)
	}
}

// Nulls inside a function's arguments are errors, not panics.
func TestTerraformFunctionNulls(t *testing.T) {
	for _, expr := range []string{
		`tostring(length(transpose({a = null})))`,
		`tostring(sum([1, null]))`,
		`tostring(alltrue([true, null]))`,
		`join(",", matchkeys(["a"], [null], ["x"]))`,
		`tostring(index([null, "a"], "a"))`,
		`one(null)`,
	} {
		t.Run(expr, func(t *testing.T) {
			res := writeTF(t, "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = "+expr+"\n}\n")
			_ = res.Secrets[0].Check()
		})
	}
}
