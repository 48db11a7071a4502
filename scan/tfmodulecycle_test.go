package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A module call whose input reads an output of the same call that reads
// that input (module "m" { n = module.m.out } with output out = var.n) is
// a cycle Terraform refuses; check judged the caller (trial8b X6, tfm).
// An output that reads no input the call gives from it is no cycle.
func TestTerraformModuleInOutCycleIsAConfigurationError(t *testing.T) {
	write := func(dir, name, src string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	child := "variable \"n\" {}\nvariable \"k\" { default = \"\" }\nlocals { via = \"${var.n}-x\" }\noutput \"out\" { value = local.via }\noutput \"fixed\" { value = \"prod\" }\n"
	for _, c := range []struct{ name, call, want string }{
		{"through a local of the child", "n = module.m.out", "main.tf:1:1: module.m.output.out and module.m.var.n refer to each other in a cycle, so Terraform refuses"},
		{"through a local of the caller", "n = local.back", "local.back"},
		{"an output that reads no input", "n = \"a\"\n  k = module.m.fixed", ""},
	} {
		dir := t.TempDir()
		write(filepath.Join(dir, "m"), "main.tf", child)
		write(dir, "main.tf", "module \"m\" {\n  source = \"./m\"\n  "+c.call+"\n}\nlocals { back = module.m.out }\nresource \"aws_secretsmanager_secret\" \"s\" { name = module.m.fixed }\n")
		_, err := Terraform(dir)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "cycle")):
			t.Errorf("%s: %v, want a cycle naming %q", c.name, err, c.want)
		}
	}
}
