package scan

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A Terraform configuration whose blocks refer to each other in a cycle is
// refused by terraform plan ("Cycle: …"); check judged it as if it could
// be deployed (trial8b X6). It is a configuration error at the cycle's
// first block, naming at most a few blocks and counting the rest.
func TestTerraformReferenceCyclesAreConfigurationErrors(t *testing.T) {
	var chain strings.Builder
	chain.WriteString("locals {\n")
	for i := range 5000 {
		chain.WriteString("  l" + strconv.Itoa(i) + " = local.l" + strconv.Itoa((i+1)%5000) + "\n")
	}
	chain.WriteString("}\nresource \"aws_secretsmanager_secret\" \"s\" { name = local.l0 }\n")
	for _, c := range []struct{ name, src, at, want string }{
		{"locals", "locals {\n  a = local.b\n  b = \"${local.a}x\"\n}\nresource \"aws_secretsmanager_secret\" \"s\" { name = local.a }\n",
			"main.tf:2:3", "local.a and local.b refer to each other in a cycle, so Terraform refuses to plan the configuration"},
		{"self local", "locals {\n  a = local.a\n}\nresource \"aws_secretsmanager_secret\" \"s\" { name = local.a }\n",
			"main.tf:2:3", "local.a refers to itself, so Terraform refuses"},
		{"resources", "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"prod/${aws_secretsmanager_secret_version.v.version_id}\"\n}\n" +
			"resource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id     = aws_secretsmanager_secret.s.id\n  secret_string = \"x\"\n}\n",
			"main.tf:1:1", "aws_secretsmanager_secret.s and aws_secretsmanager_secret_version.v refer to each other in a cycle"},
		{"through a local and a nested block", "locals {\n  n = aws_secretsmanager_secret.s.name\n}\nresource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n  replica {\n    region = local.n\n  }\n}\n",
			"main.tf:2:3", "local.n and aws_secretsmanager_secret.s refer to each other in a cycle"},
		{"5,000 locals", chain.String(), "main.tf:2:3", "local.l0, local.l1, local.l2, local.l3, local.l4 and 4995 more refer to each other in a cycle"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Terraform(dir)
		if err == nil {
			t.Errorf("%s: read without error, want %q", c.name, c.want)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, c.at+": ") || !strings.Contains(msg, c.want) || len(msg) > 400 {
			t.Errorf("%s: %q, want %q at %s (at most 400 bytes)", c.name, msg, c.want, c.at)
		}
	}
	// References that only look alike make no cycle.
	res := writeTF(t, "locals {\n  a = \"x\"\n  b = local.a\n}\nresource \"aws_secretsmanager_secret\" \"s\" { name = local.b }\n"+
		"resource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id = aws_secretsmanager_secret.s.id\n  secret_string = \"x\"\n}\n")
	if len(res.Secrets) != 1 {
		t.Errorf("acyclic configuration: %d secrets", len(res.Secrets))
	}
}
