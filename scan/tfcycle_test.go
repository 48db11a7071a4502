package scan

import "testing"

// A cycle of local values names every local in it: a, b and c that refer
// to each other were reported as "the local value a refers to itself".
func TestTerraformLocalCycleNamesItsLocals(t *testing.T) {
	for _, c := range []struct{ locals, want string }{
		{"a = local.a", "the local value a refers to itself, so terraform plan fails"},
		{"a = local.b\n  b = local.a", "the local values a and b refer to each other in a cycle, so terraform plan fails"},
		{"a = local.b\n  b = local.c\n  c = \"${local.a}x\"", "the local values a, b and c refer to each other in a cycle, so terraform plan fails"},
		{"x = local.a\n  a = local.b\n  b = local.a", "the local values a and b refer to each other in a cycle, so terraform plan fails"},
	} {
		res := writeTF(t, "locals {\n  "+c.locals+"\n}\nresource \"aws_secretsmanager_secret\" \"s\" {\n  description = local."+c.locals[:1]+"\n}\n")
		why, ok := res.Secrets[0].Unknown.Covers("secret.description")
		if !ok || why != c.want {
			t.Errorf("locals %q: %q (unknown %v), want %q", c.locals, why, ok, c.want)
		}
	}
}
