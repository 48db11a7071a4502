package scan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsmith/secretsmith/generate"
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

// TestCloudFormationImportKeepsRegion holds trial6a A3: a design that pins
// its region, written as CloudFormation (YAML and JSON) and imported, keeps
// secret.region, so the deploy command written afterwards still says
// --region. A stack takes the region it is deployed to, so only the
// template's Metadata.secretsmith.region can say it.
func TestCloudFormationImportKeepsRegion(t *testing.T) {
	d := goldenDesigns(t)["rds-managed-master"]
	if d == nil || d.Secret.Region == "" {
		t.Fatal("rds-managed-master: want a design that pins its region")
	}
	for _, f := range []generate.Format{generate.CloudFormation, generate.CloudFormationJSON} {
		t.Run(string(f), func(t *testing.T) {
			got := readBack(t, d, f)
			imp, unknown := got.ForImport()
			if imp.Secret.Region != d.Secret.Region {
				t.Errorf("imported region %q, want %q", imp.Secret.Region, d.Secret.Region)
			}
			if why, ok := unknown["secret.region"]; ok {
				t.Errorf("region marked not read (%s), want it read", why)
			}
			if at := got.Locate("secret.region"); at == got.Pos {
				t.Errorf("region located at the secret (%s), want the Metadata record", at)
			}
		})
	}
}

// A CloudFormation template that does not record a region imports with the
// region marked not read, unless an ARN of the secret (its key's, or the
// existing secret's) pins it; check's rules do not treat it as unknown.
func TestCloudFormationRegionNotRecorded(t *testing.T) {
	const secret = `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: app/db
`
	for _, c := range []struct {
		name, src, region string
		unread            bool
	}{
		{"no record", secret, "", true},
		{"key ARN", secret + "      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/0123abcd-1234-5678-9abc-0123456789ab\n", "eu-west-1", false},
		{"recorded", "Metadata:\n  secretsmith:\n    region: ap-south-1\n" + secret, "ap-south-1", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := CloudFormation("t.yaml", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			s := res.Secrets[0]
			if _, ok := s.Unknown["secret.region"]; ok {
				t.Errorf("check's values mark the region unknown: %v", s.Unknown)
			}
			d, unknown := s.ForImport()
			why, unread := unknown["secret.region"]
			if unread != c.unread || d.PrimaryRegion() != c.region {
				t.Errorf("region %q, not read %v (%s); want %q, not read %v", d.PrimaryRegion(), unread, why, c.region, c.unread)
			}
		})
	}
}
