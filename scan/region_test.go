package scan

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTerraformRegionFromProvider holds item 2 of what remained of issue
// 21: a Terraform secret's region is its provider configuration's (the
// default one with a variable's default, an aliased one named by
// provider = aws.ALIAS, one a module call passes down or the default one it
// inherits), or its own region argument, read where it is written.
func TestTerraformRegionFromProvider(t *testing.T) {
	res, err := Terraform("testdata/tf/providers")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		region string
		file   string
		line   int
	}{
		"aws_secretsmanager_secret.home":                       {"eu-west-1", "main.tf", 15},
		"aws_secretsmanager_secret.west":                       {"us-west-2", "main.tf", 20},
		"aws_secretsmanager_secret.own":                        {"ap-southeast-2", "main.tf", 34},
		"module.passed.aws_secretsmanager_secret.in_module":    {"us-west-2", "main.tf", 20},
		"module.inherited.aws_secretsmanager_secret.in_module": {"eu-west-1", "main.tf", 15},
	}
	if len(res.Secrets) != len(want) {
		t.Fatalf("%d secrets, want %d", len(res.Secrets), len(want))
	}
	for _, s := range res.Secrets {
		w, ok := want[s.ID]
		if !ok {
			t.Errorf("unexpected secret %s", s.ID)
			continue
		}
		if got := s.Design.Secret.Region; got != w.region {
			t.Errorf("%s: region %q, want %q", s.ID, got, w.region)
		}
		at := s.Locate("secret.region")
		if filepath.Base(at.File) != w.file || at.Line != w.line || filepath.Base(filepath.Dir(at.File)) != "providers" {
			t.Errorf("%s: region read at %s, want %s:%d of the root", s.ID, at, w.file, w.line)
		}
	}
}

// A provider whose region is a variable without a default leaves the
// region not known, with why; a provider without region (the environment
// gives it) and no provider block at all leave it empty, not unknown.
func TestTerraformRegionNotWritten(t *testing.T) {
	for _, c := range []struct {
		name, provider string
		unknown        bool
	}{
		{"no default", "variable \"region\" {}\nprovider \"aws\" {\n  region = var.region\n}\n", true},
		{"environment", "provider \"aws\" {\n  profile = \"prod\"\n  default_tags {\n    tags = { a = \"b\" }\n  }\n}\n", false},
		{"no provider", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			src := c.provider + "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n}\n"
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Terraform(dir)
			if err != nil {
				t.Fatal(err)
			}
			s := res.Secrets[0]
			_, unknown := s.Unknown["secret.region"]
			if s.Design.Secret.Region != "" || unknown != c.unknown {
				t.Errorf("region %q, unknown %v (%v); want empty, unknown %v", s.Design.Secret.Region, unknown, s.Unknown, c.unknown)
			}
		})
	}
}

// A plan without its configuration takes the region its provider
// configuration writes down, or the root variable that gives it.
func TestPlanRegionFromProvider(t *testing.T) {
	for _, c := range []struct{ name, expr, want string }{
		{"constant", `{"constant_value": "eu-central-1"}`, "eu-central-1"},
		{"variable", `{"references": ["var.region"]}`, "ca-central-1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(`{"format_version": "1.2", "terraform_version": "1.9.8",
  "variables": {"region": {"value": "ca-central-1"}},
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_secretsmanager_secret.s", "mode": "managed", "type": "aws_secretsmanager_secret", "name": "s",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
     "values": {"name": "prod/s", "kms_key_id": "alias/app"}}]}},
  "configuration": {
    "provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
      "expressions": {"region": ` + c.expr + `}}},
    "root_module": {"resources": [
      {"address": "aws_secretsmanager_secret.s", "mode": "managed", "type": "aws_secretsmanager_secret", "name": "s",
       "provider_config_key": "aws", "expressions": {"name": {"constant_value": "prod/s"}}, "schema_version": 0}]}}}`)
			path := filepath.Join(t.TempDir(), "plan.json")
			res, err := TerraformPlan(path, data)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Secrets[0].Design.Secret.Region; got != c.want {
				t.Errorf("region %q, want %q", got, c.want)
			}
		})
	}
}
