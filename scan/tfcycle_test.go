package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A cycle of local values names every local in it (a, b and c that refer
// to each other were reported as "the local value a refers to itself"),
// and a local that only reads the cycle is not named in it. Terraform
// refuses such a configuration, so the cycle is a configuration error.
func TestTerraformLocalCycleNamesItsLocals(t *testing.T) {
	for _, c := range []struct{ locals, want string }{
		{"a = local.a", "main.tf:2:3: local.a refers to itself, so Terraform refuses"},
		{"a = local.b\n  b = local.a", "main.tf:2:3: local.a and local.b refer to each other in a cycle, so Terraform refuses"},
		{"a = local.b\n  b = local.c\n  c = \"${local.a}x\"", "main.tf:2:3: local.a, local.b and local.c refer to each other in a cycle, so Terraform refuses"},
		{"x = local.a\n  a = local.b\n  b = local.a", "main.tf:3:3: local.a and local.b refer to each other in a cycle, so Terraform refuses"},
	} {
		dir := t.TempDir()
		src := "locals {\n  " + c.locals + "\n}\nresource \"aws_secretsmanager_secret\" \"s\" {\n  description = local." + c.locals[:1] + "\n}\n"
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Terraform(dir); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("locals %q: %v, want %q", c.locals, err, c.want)
		}
	}
}
