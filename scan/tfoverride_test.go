package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22 (trial7b V15): an override file (main_override.tf) was read as
// a second secret with the same address, so the original's passes stood
// on arguments Terraform replaces; and two blocks with one address in
// plain files were two secrets, exit 0, where Terraform refuses the
// configuration. Terraform merges an override file's block into the
// original: its arguments replace the original's, its nested blocks of a
// type replace all of that type.
func TestTerraformOverrideFilesMerge(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_secretsmanager_secret" "s" {
  name                    = "prod/over"
  kms_key_id              = aws_kms_key.k.arn
  recovery_window_in_days = 30
  tags = { owner = "team" }
}
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id           = aws_secretsmanager_secret.s.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rot"
  rotation_rules {
    automatically_after_days = 30
  }
}
`)
	write("main_override.tf", `resource "aws_secretsmanager_secret" "s" {
  kms_key_id              = null
  recovery_window_in_days = 0
}
`)
	write("override.tf", `resource "aws_secretsmanager_secret_rotation" "r" {
  rotation_rules {
    automatically_after_days = 400
  }
}
`)
	res, err := Terraform(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want the one the override merges into", len(res.Secrets))
	}
	s := res.Secrets[0]
	if s.Pos.File != filepath.Join(dir, "main.tf") {
		t.Errorf("the secret is at %s, want main.tf's block", s.Pos)
	}
	if got := s.Design.Secret.Tags; len(got) != 1 || got[0].Key != "owner" {
		t.Errorf("tags %v, want the original's (the override leaves them)", got)
	}
	rep := s.Check()
	for _, want := range []struct {
		rule blueprint.RuleID
		file string
	}{
		{blueprint.RuleCustomerManagedKey, "main_override.tf"},
		{blueprint.RuleRecoveryWindow, "main_override.tf"},
		{blueprint.RuleRotationWithin30Days, "override.tf"},
	} {
		r, ok := rep.Result(want.rule)
		if !ok {
			t.Fatalf("no %s result", want.rule)
		}
		if r.Status != blueprint.StatusNotMet {
			t.Errorf("%s: %s, want not met (the override turns it off)", want.rule, r.Status)
			continue
		}
		if at := s.LocateRule(r); filepath.Base(at.File) != want.file {
			t.Errorf("%s: found at %s, want in %s", want.rule, at, want.file)
		}
	}
}

func TestTerraformDuplicateAddressIsAConfigurationError(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"two files", map[string]string{
			"main.tf":  "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"a\"\n}\n",
			"other.tf": "\nresource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"b\"\n}\n",
		}, []string{"other.tf:2:1", "aws_secretsmanager_secret.s is declared twice", "main.tf:1"}},
		{"an override without its original", map[string]string{
			"main.tf":          "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"a\"\n}\n",
			"main_override.tf": "resource \"aws_secretsmanager_secret\" \"t\" {\n  name = \"b\"\n}\n",
		}, []string{"main_override.tf:1:1", "aws_secretsmanager_secret.t"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Terraform(dir)
			if err == nil {
				t.Fatal("read, want a configuration error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
