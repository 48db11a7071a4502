package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 22's last trial: a number too long to read in a template made its
// rule "cannot verify", saying the value is not a whole number. It is an
// invalid value whose message names the field's range, in the words a
// number in reach but out of range gets, in CloudFormation and in
// Terraform, which writes such a number as 1e+20.
func TestTemplateNumberTooLongNamesTheRange(t *testing.T) {
	cfn := "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DeletionPolicy: Retain\n    Properties:\n" +
		"      Name: prod/db\n      GenerateSecretString:\n        PasswordLength: %s\n"
	tf := "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db\"\n  recovery_window_in_days = %s\n}\n"
	for _, c := range []struct {
		name, src, inReach string
		read               func(t *testing.T, src string) *Secret
	}{
		{"PasswordLength", cfn, "5000", func(t *testing.T, src string) *Secret {
			res, err := CloudFormation("t.yaml", []byte(src))
			if err != nil || len(res.Secrets) != 1 {
				t.Fatalf("CloudFormation = %v, %v", res, err)
			}
			return res.Secrets[0]
		}},
		{"recovery_window_in_days", tf, "31", func(t *testing.T, src string) *Secret {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Terraform(dir)
			if err != nil || len(res.Secrets) != 1 {
				t.Fatalf("Terraform = %v, %v", res, err)
			}
			return res.Secrets[0]
		}},
	} {
		problem := func(v string) string {
			s := c.read(t, strings.Replace(c.src, "%s", v, 1))
			var out []string
			for _, p := range s.Problems(s.Check()) {
				if strings.Contains(p.Path, c.name) {
					out = append(out, p.Message)
				}
			}
			return strings.Join(out, "; ")
		}
		want := problem(c.inReach)
		if want == "" {
			t.Errorf("%s: %s is not an invalid value", c.name, c.inReach)
			continue
		}
		for _, huge := range []string{"99999999999999999999", "-99999999999999999999"} {
			if got := problem(huge); got != want {
				t.Errorf("%s: %s is told %q, want %q as %s is", c.name, huge, got, want, c.inReach)
			}
		}
	}
}
