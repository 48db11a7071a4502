package scan

import (
	"strings"
	"testing"
)

// A value Terraform's own evaluation could not read says why in words:
// an attribute of a data source its block does not set is read at plan
// time like the rest of it, and a variable or local the module does not
// declare is named, where both said "cannot be evaluated: Invalid index"
// or "Unsupported attribute", HCL's words for what went wrong inside it
// (issue 22's third trial).
func TestTerraformUnreadValuesSayWhy(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`data.aws_vpc.main.tags["desc"]`, "the value is read from a data source at plan time"},
		{`data.aws_vpc.main.tags.desc`, "the value is read from a data source at plan time"},
		{`var.desc`, `var.desc names no variable of this module (declare it with a variable "desc" block), so terraform plan fails`},
		{`"${local.env} db"`, "local.env names no local value of this module (set it in a locals block), so terraform plan fails"},
	} {
		res := writeTF(t, "data \"aws_vpc\" \"main\" { id = \"vpc-0123456789abcdef0\" }\nresource \"aws_secretsmanager_secret\" \"s\" {\n  description = "+c.expr+"\n}\n")
		why, ok := res.Secrets[0].Unknown.Covers("secret.description")
		if !ok || why != c.want {
			t.Errorf("%s: %q (unknown %v), want %q", c.expr, why, ok, c.want)
		}
		if strings.Contains(why, "cannot be evaluated") {
			t.Errorf("%s: %q gives HCL's words, not why", c.expr, why)
		}
	}
}
