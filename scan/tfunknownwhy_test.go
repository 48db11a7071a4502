package scan

import (
	"strings"
	"testing"
)

// A value built from a local or variable that was not read says why that
// one was not read: a local too large to evaluate made what reads it "only
// known after apply", and a sensitive variable with a default "has no
// default".
func TestTerraformUnknownSaysWhyItsSourceWasNotRead(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`local.s`, "is not evaluated: its for expressions iterate more than"},
		{`substr(local.s, 0, 5)`, "is not evaluated: its for expressions iterate more than"},
		{`upper(var.pw)`, "the variable pw is sensitive, so its value is secret and is not read"},
	} {
		res := writeTF(t, `variable "pw" {
  sensitive = true
  default   = "hunter2"
}
locals {
  big = [for i in range(400) : [for j in range(400) : "${i}-${j}"]]
  s   = join(",", flatten(local.big))
}
resource "aws_secretsmanager_secret" "s" {
  description = `+c.expr+`
}
`)
		why, ok := res.Secrets[0].Unknown.Covers("secret.description")
		if !ok || !strings.Contains(why, c.want) || strings.Contains(why, "after apply") {
			t.Errorf("%s: %q (unknown %v), want %q", c.expr, why, ok, c.want)
		}
	}
}
