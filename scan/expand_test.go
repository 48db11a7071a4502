package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/blueprint"
)

// writeTF writes one main.tf into a new directory and reads it.
func writeTF(t *testing.T, src string) *Result {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Terraform(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func resultOf(t *testing.T, s *Secret, rule blueprint.RuleID) blueprint.RuleResult {
	t.Helper()
	r, ok := s.Check().Result(rule)
	if !ok {
		t.Fatalf("no result for %s", rule)
	}
	return r
}

// TestTerraformDynamicTooMany: a dynamic block over more elements than the
// cap is not expanded; its blocks are unknown, and the note says why.
func TestTerraformDynamicTooMany(t *testing.T) {
	regions := make([]string, maxDynamic+1)
	for i := range regions {
		regions[i] = fmt.Sprintf("%q", fmt.Sprintf("r-%d", i))
	}
	src := `variable "regions" { default = [` + strings.Join(regions, ", ") + `] }
resource "aws_secretsmanager_secret" "s" {
  kms_key_id = "alias/mine"
  dynamic "replica" {
    for_each = var.regions
    content { region = replica.value }
  }
}
`
	start := time.Now()
	res := writeTF(t, src)
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("took %v", took)
	}
	r := resultOf(t, res.Secrets[0], blueprint.RuleCustomerManagedKey)
	if r.Status != blueprint.StatusCannotVerify || !strings.Contains(r.Note, "at most 1000") {
		t.Errorf("got %v %q, want cannot verify saying the cap", r.Status, r.Note)
	}
	if n := len(res.Secrets[0].Design.Secret.ReplicaRegions); n != 0 {
		t.Errorf("read %d replicas past the cap", n)
	}
}

// TestTerraformDynamicIteratorAndMixed: an iterator argument renames the
// iterator; a written-out block beside a dynamic one whose for_each
// is unknown does not make the list look complete.
func TestTerraformDynamicIteratorAndMixed(t *testing.T) {
	res := writeTF(t, `variable "regions" { type = list(string) }
locals { keys = { "eu-west-1" = "alias/aws/secretsmanager" } }
resource "aws_secretsmanager_secret" "known" {
  kms_key_id = "alias/mine"
  dynamic "replica" {
    for_each = local.keys
    iterator = rep
    content {
      region     = rep.key
      kms_key_id = rep.value
    }
  }
}
resource "aws_secretsmanager_secret" "mixed" {
  kms_key_id = "alias/mine"
  replica {
    region     = "eu-west-1"
    kms_key_id = "alias/eu"
  }
  dynamic "replica" {
    for_each = var.regions
    content { region = replica.value }
  }
}
`)
	known, mixed := res.Secrets[0], res.Secrets[1]
	if got := known.Design.Secret.ReplicaRegions; len(got) != 1 || got[0].Region != "eu-west-1" || got[0].KMSKeyARN != "alias/aws/secretsmanager" {
		t.Errorf("known replicas %+v", got)
	}
	if r := resultOf(t, known, blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusNotMet {
		t.Errorf("known: %v, want failed", r.Status)
	}
	if r := resultOf(t, mixed, blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusCannotVerify {
		t.Errorf("mixed: %v %v, want cannot verify", r.Status, r.Findings)
	}
}
