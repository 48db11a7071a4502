package workflow

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// Issue 22's trial (trial8b X10): importing a Terraform plan (terraform
// show -json), which check reads, said "the template has no Resources
// mapping"; it opens the plan's secret as check reads it, as Terraform.
func TestImportReadsATerraformPlan(t *testing.T) {
	plan := `{"format_version": "1.2", "terraform_version": "1.9.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_secretsmanager_secret.s", "mode": "managed", "type": "aws_secretsmanager_secret", "name": "s",
     "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"name": "prod/app/db", "description": "app"}, "sensitive_values": {}}]}},
  "resource_changes": []}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Import(store.OS{}, path)
	if err != nil {
		t.Fatalf("Import(a plan) = %v", err)
	}
	if len(got) != 1 || got[0].Design.Secret.SecretID != "prod/app/db" || got[0].Format != generate.Terraform {
		t.Errorf("Import(a plan) = %+v, want prod/app/db as Terraform", got)
	}
}
